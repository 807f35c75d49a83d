import { createHash } from 'node:crypto';
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import { GRAPH_VERSION } from '../graph/cypher/version';

/**
 * The graph's version as this process knows it. Every committed write raises the version in Neo4j (whichever
 * process wrote), and a mutation served here moves it at once. Cached responses are keyed by it.
 * When the last read is older than `maxAgeMs` it is read again: in the background while requests keep coming
 * (none waits behind the read under load), awaited after a quiet spell of four times that. So a write elsewhere
 * shows within `maxAgeMs` plus one version read.
 */
export class GraphVersion {
  private stored = 0;
  private localWrites = 0;
  private checkedAt = -Infinity;
  private pending?: Promise<void>;
  private failures = 0;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly maxAgeMs: number,
  ) {}

  /**
   * The cache session for a request: the current version, or a key no other request shares when Neo4j cannot say.
   * Synchronous unless it must wait for a read, so a cache hit under load takes no extra promise turns.
   */
  current(): string | Promise<string> {
    const age = performance.now() - this.checkedAt;
    if (age > this.maxAgeMs) {
      this.pending ??= this.refresh();
      if (age > 4 * this.maxAgeMs || this.failures) return this.pending.then(() => this.key());
    }
    return this.key();
  }

  private key(): string {
    return this.failures ? `unknown-${this.failures++}` : `${this.stored}.${this.localWrites}`;
  }

  /** A mutation completed in this process. */
  written(): void {
    this.localWrites++;
  }

  private async refresh(): Promise<void> {
    try {
      const { records } = await this.driver.executeQuery(GRAPH_VERSION, {}, { database: this.database, routing: 'READ' });
      this.stored = Number(records[0].get('version'));
      this.failures = 0;
      this.checkedAt = performance.now();
    } catch {
      this.failures = Math.max(this.failures, 1);
    } finally {
      this.pending = undefined;
    }
  }
}

export interface ResponseCacheOptions {
  driver: Driver;
  database: string;
  ttlMs: number;
  versionMaxAgeMs: number;
  maxEntries: number;
  /** Whether this request may be answered from the cache (e.g. only with a valid key when reads need one). */
  enabled: (request: Request) => boolean;
}

/**
 * Dashboards ask the same questions again and again: query results are cached (graphql-yoga's response cache)
 * per graph version, shared by all clients since reads do not depend on who asks. Results with errors are never
 * cached; mutations and subscriptions never are.
 */
export function responseCachePlugins(options: ResponseCacheOptions): Plugin[] {
  const version = new GraphVersion(options.driver, options.database, options.versionMaxAgeMs);
  const cache = useResponseCache({
    session: () => version.current(),
    // A synchronous digest: the default awaits WebCrypto on every request, hits included.
    buildResponseCacheKey: ({ documentString, operationName, variableValues, sessionId }) =>
      createHash('sha256')
        .update(JSON.stringify([documentString, operationName ?? null, variableValues ?? null, sessionId ?? null]))
        .digest('base64url'),
    ttl: options.ttlMs,
    cache: createInMemoryCache({ max: options.maxEntries }),
    enabled: options.enabled,
    // Invalidation is by graph version; scanning results for entity ids would only cost time.
    invalidateViaMutation: false,
  });
  // Identical queries that miss together (every dashboard refreshing after a write) run once and share the answer.
  const inFlight = new Map<string, Promise<ExecutionResult>>();
  const singleFlight: Plugin<{ params?: { query?: string } }> = {
    onExecute({ args, executeFn, setExecuteFn }) {
      const query = args.contextValue.params?.query;
      if (!query || getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      const key = JSON.stringify([query, args.operationName ?? null, args.variableValues ?? null]);
      setExecuteFn((executeArgs) => {
        const running = inFlight.get(key);
        if (running) return running;
        const result = Promise.resolve(executeFn(executeArgs) as ExecutionResult | Promise<ExecutionResult>).finally(() => inFlight.delete(key));
        inFlight.set(key, result);
        return result;
      });
    },
  };
  const afterMutations: Plugin = {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      return { onExecuteDone: () => version.written() };
    },
  };
  // Single flight goes first: the response cache wraps its execute function and so still stores the answer.
  return [singleFlight as Plugin, cache, afterMutations];
}
