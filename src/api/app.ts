import { readFileSync } from 'node:fs';
import path from 'node:path';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { createPubSub, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../paths';
import type { Config } from '../config';
import { responseCachePlugins } from './cache';
import { GraphDb } from './db';
import { RateLimitedError, UnauthenticatedError } from './errors';
import { createLoaders } from './loaders';
import { resolvers, type AppContext, type ClaimEvent } from './resolvers';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema.graphql');

export interface AppDeps {
  driver: Driver;
  database: string;
  config: Config['api'];
  /** Given by tests to count round trips; by default one per request. */
  db?: () => GraphDb;
}

/** Query limits: GraphQL Armor's validation rules, rejected with a code of their own. */
const LIMITS = { depth: 10, cost: 20_000, aliases: 15, tokens: 3_000 };

function limitError(code: string) {
  return (_ctx: unknown, error: GraphQLError) => {
    Object.assign(error.extensions, { code });
  };
}

/** Requests per minute per client (its API key, else its address): the seconds to wait, or 0. */
function rateLimiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (client: string): number => {
    const now = Date.now();
    const w = windows.get(client);
    if (!w || now - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      windows.set(client, { start: now, count: 1 });
      return 0;
    }
    return ++w.count > perMinute ? Math.ceil((w.start + 60_000 - now) / 1000) : 0;
  };
}

function presentedKey(request: Request): string | undefined {
  const auth = request.headers.get('authorization');
  const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth)?.[1];
  return bearer ?? request.headers.get('x-api-key') ?? undefined;
}

/** Rate limiting comes first, before the cache can answer: a 429 with Retry-After and a GraphQL error body. */
function useRateLimit(perMinute: number, isValidKey: (key: string | undefined) => boolean): Plugin {
  const limit = rateLimiter(perMinute);
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      const key = presentedKey(request);
      const wait = limit(isValidKey(key) ? `key:${key}` : `ip:${request.headers.get('x-forwarded-for') ?? 'local'}`);
      if (!wait) return;
      const { message, extensions } = new RateLimitedError(wait);
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: extensions.code } }] }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': String(wait) },
        }),
      );
    },
  };
}

/** Builds the GraphQL app without listening, so tests call `yoga.fetch()` in-process. */
export function createApp(deps: AppDeps): YogaServerInstance<Record<string, never>, AppContext> {
  const schema = makeExecutableSchema<AppContext>({ typeDefs: readFileSync(SCHEMA_FILE, 'utf8'), resolvers });
  const pubsub = createPubSub<{ claims: [ClaimEvent] }>();
  const isValidKey = (key: string | undefined) => key !== undefined && deps.config.apiKeys.includes(key);
  const { cache } = deps.config;
  return createYoga<Record<string, never>, AppContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: { origin: deps.config.corsOrigins },
    maskedErrors: true,
    plugins: [
      useRateLimit(deps.config.rateLimitPerMinute, isValidKey),
      ...(cache.ttlMs > 0
        ? responseCachePlugins({
            driver: deps.driver,
            database: deps.database,
            ttlMs: cache.ttlMs,
            versionMaxAgeMs: cache.checkMs,
            maxEntries: cache.maxEntries,
            // When reads need a key, only a request with a valid one may see cached answers.
            enabled: (request) => !deps.config.readsRequireKey || isValidKey(presentedKey(request)),
          })
        : []),
      maxDepthPlugin({ n: LIMITS.depth, onReject: [limitError('QUERY_TOO_DEEP')] }),
      costLimitPlugin({ maxCost: LIMITS.cost, onReject: [limitError('QUERY_TOO_COSTLY')] }),
      maxAliasesPlugin({ n: LIMITS.aliases, onReject: [limitError('TOO_MANY_ALIASES')] }),
      maxTokensPlugin({ n: LIMITS.tokens, onReject: [limitError('QUERY_TOO_LARGE')] }),
    ],
    context: ({ request }) => {
      const key = presentedKey(request);
      const valid = isValidKey(key);
      if (deps.config.readsRequireKey && !valid) throw new UnauthenticatedError();
      const db = deps.db?.() ?? new GraphDb(deps.driver, deps.database, deps.config.txTimeoutMs);
      return { db, loaders: createLoaders(db), config: deps.config, pubsub, apiKey: valid ? key : undefined, badKey: key !== undefined && !valid };
    },
  });
}
