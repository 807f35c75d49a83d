import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Thrown for anything the user must fix (config, environment, input); the CLI prints its message as one line. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

const BOLT_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

const port = z.coerce.number().int().min(1).max(65535);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const memorySize = z.string().regex(/^\d+[kmg]$/i, 'must be a size such as 512m or 1g');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const EnvSchema = z.object({
  NEO4J_URI: z
    .string()
    .refine((v) => BOLT_SCHEMES.some((s) => v.startsWith(`${s}://`)), {
      message: `must start with one of ${BOLT_SCHEMES.map((s) => `${s}://`).join(', ')}`,
    })
    .optional(),
  NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters (Neo4j requires it)').optional(),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  GEOKG_NEO4J_HOME: z.string().min(1).default('.neo4j'),
  GEOKG_NEO4J_BOLT_PORT: port.default(7687),
  GEOKG_NEO4J_HTTP_PORT: port.default(7474),
  GEOKG_NEO4J_HEAP: memorySize.default('1g'),
  GEOKG_NEO4J_PAGECACHE: memorySize.default('512m'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  GEOKG_API_KEYS: list.default([]),
  GEOKG_READS_REQUIRE_KEY: flag.default(false),
  GEOKG_CORS_ORIGINS: list.default(['*']),
  GEOKG_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  GEOKG_TX_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  GEOKG_RATE_LIMIT: z.coerce.number().int().min(1).default(1200),
  GEOKG_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  GEOKG_CACHE_TTL_MS: z.coerce.number().int().min(0).default(300_000),
  GEOKG_CACHE_CHECK_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  GEOKG_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(2_000),
  GEOKG_SEEDS_DIR: z.string().default('seeds'),
  GEOKG_INGEST_SEEDS: flag.default(true),
  GEOKG_INGEST_BATCH: z.coerce.number().int().min(1).max(5000).default(50),
  // One extraction thread per spare core (the main thread writes), at least one.
  GEOKG_EXTRACT_THREADS: z.coerce.number().int().min(0).max(32).default(Math.max(1, Math.min(4, os.availableParallelism() - 1))),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Neo4jConnection {
  uri: string;
  username: string;
  password: string;
  database: string;
}

export interface Config {
  /** Set when the user brings their own Neo4j; the project then starts nothing. */
  external?: Neo4jConnection;
  neo4j: {
    username: string;
    /** Password for the local server; undefined means generate once and store it in the local home. */
    password?: string;
    database: string;
    home: string;
    boltPort: number;
    httpPort: number;
    heap: string;
    pageCache: string;
  };
  api: {
    host: string;
    port: number;
    apiKeys: string[];
    readsRequireKey: boolean;
    corsOrigins: string[];
    maxPageSize: number;
    txTimeoutMs: number;
    /** Requests per minute per API key or client address. */
    rateLimitPerMinute: number;
    maxBodyBytes: number;
    /** Query responses are cached this long at most (0: no cache), and never past a graph version older than checkMs. */
    cache: { ttlMs: number; checkMs: number; maxEntries: number };
  };
  seeds: { dir: string; ingestOnStart: boolean };
  ingest: { batchSize: number; extractThreads: number };
}

/** Reads `.env` (if present, never overriding the real environment) and validates everything in one place. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const dotenv = path.join(cwd, '.env');
  if (env === process.env && existsSync(dotenv)) process.loadEnvFile(dotenv);
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new UserFacingError(
      `Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(env[name])}).`,
    );
  }
  const e = parsed.data;
  if (e.NEO4J_URI && !e.NEO4J_PASSWORD) {
    throw new UserFacingError('Invalid configuration: NEO4J_PASSWORD is required when NEO4J_URI is set.');
  }
  return {
    external: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, username: e.NEO4J_USERNAME, password: e.NEO4J_PASSWORD!, database: e.NEO4J_DATABASE }
      : undefined,
    neo4j: {
      username: e.NEO4J_USERNAME,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      home: path.resolve(cwd, e.GEOKG_NEO4J_HOME),
      boltPort: e.GEOKG_NEO4J_BOLT_PORT,
      httpPort: e.GEOKG_NEO4J_HTTP_PORT,
      heap: e.GEOKG_NEO4J_HEAP,
      pageCache: e.GEOKG_NEO4J_PAGECACHE,
    },
    api: {
      host: e.HOST,
      port: e.PORT,
      apiKeys: e.GEOKG_API_KEYS,
      readsRequireKey: e.GEOKG_READS_REQUIRE_KEY,
      corsOrigins: e.GEOKG_CORS_ORIGINS,
      maxPageSize: e.GEOKG_MAX_PAGE_SIZE,
      txTimeoutMs: e.GEOKG_TX_TIMEOUT_MS,
      rateLimitPerMinute: e.GEOKG_RATE_LIMIT,
      maxBodyBytes: e.GEOKG_MAX_BODY_BYTES,
      cache: { ttlMs: e.GEOKG_CACHE_TTL_MS, checkMs: e.GEOKG_CACHE_CHECK_MS, maxEntries: e.GEOKG_CACHE_MAX_ENTRIES },
    },
    seeds: { dir: path.resolve(cwd, e.GEOKG_SEEDS_DIR), ingestOnStart: e.GEOKG_INGEST_SEEDS },
    ingest: { batchSize: e.GEOKG_INGEST_BATCH, extractThreads: e.GEOKG_EXTRACT_THREADS },
  };
}
