import { parentPort } from 'node:worker_threads';
import { prepareArticle } from './prepare';
import type { SourceArticle } from './sources';

/** Extraction thread: batches of articles in, resolved articles out (or the error, for that batch). */
parentPort!.on('message', ({ id, articles }: { id: number; articles: SourceArticle[] }) => {
  try {
    parentPort!.postMessage({ id, resolved: articles.map(prepareArticle) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
