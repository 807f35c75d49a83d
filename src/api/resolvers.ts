import type { AppContext } from './app';
import { aboutServer } from '../graph/repositories/about';

export const resolvers = {
  Query: {
    about: (_: unknown, __: unknown, ctx: AppContext) => aboutServer(ctx.driver, ctx.database),
  },
};
