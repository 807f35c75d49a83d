import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { COMPILED } from '../paths';
import type { ResolvedArticle } from '../resolve/records';
import { prepareArticle } from './prepare';
import type { SourceArticle } from './sources';

/** Extracts batches of articles: on worker threads when `threads` > 0, else on the calling thread. */
export interface Extractor {
  prepare(articles: SourceArticle[]): Promise<ResolvedArticle[]>;
  close(): Promise<void>;
}

const WORKER = path.join(__dirname, COMPILED ? 'extract-worker.js' : 'extract-worker.ts');

export function createExtractor(threads: number): Extractor {
  if (threads <= 0) return { prepare: async (articles) => articles.map(prepareArticle), close: async () => {} };
  return new ExtractorPool(threads);
}

/**
 * Extraction is CPU-bound and writing mostly waits on Neo4j: on their own threads the extractor keeps working while
 * the main thread drives the write transactions (on one thread, a batch's extraction stalls the other batch's
 * writes between statements). Batches go to the least busy worker.
 */
class ExtractorPool implements Extractor {
  private readonly workers: { worker: Worker; pending: Map<number, { resolve: (r: ResolvedArticle[]) => void; reject: (e: Error) => void }> }[];
  private nextId = 0;

  constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => {
      // The worker runs what its caller runs: the compiled JavaScript, or TypeScript through tsx (the CLI from source, jest).
      const worker = COMPILED ? new Worker(WORKER) : new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(WORKER)});`, { eval: true });
      const pending = new Map<number, { resolve: (r: ResolvedArticle[]) => void; reject: (e: Error) => void }>();
      worker.on('message', (message: { id: number; resolved?: ResolvedArticle[]; error?: string }) => {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.resolved!);
      });
      worker.on('error', (error) => {
        for (const waiter of pending.values()) waiter.reject(error);
        pending.clear();
      });
      return { worker, pending };
    });
  }

  prepare(articles: SourceArticle[]): Promise<ResolvedArticle[]> {
    const target = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ id, articles });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
