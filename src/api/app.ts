import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config';
import { resolvers } from './resolvers';

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema.graphql');

export interface AppContext {
  driver: Driver;
  database: string;
  config: Config['api'];
}

export interface AppDeps {
  driver: Driver;
  database: string;
  config: Config['api'];
}

/** Builds the GraphQL app without listening, so tests call `yoga.fetch()` in-process. */
export function createApp(deps: AppDeps): YogaServerInstance<Record<string, never>, AppContext> {
  const schema = makeExecutableSchema<AppContext>({ typeDefs: readFileSync(SCHEMA_FILE, 'utf8'), resolvers });
  return createYoga<Record<string, never>, AppContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: { origin: deps.config.corsOrigins },
    context: () => ({ driver: deps.driver, database: deps.database, config: deps.config }),
  });
}
