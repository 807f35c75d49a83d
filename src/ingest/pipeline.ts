import type { Driver } from 'neo4j-driver';
import { RULES_EXTRACTOR } from '../extract';
import { sameReading, storedReadings, writeArticles, type StoredReading } from '../graph/repositories/articles-writer';
import { sha256, type ResolvedArticle } from '../resolve/records';
import { createExtractor } from './extract-pool';
import type { SourceArticle, SourceItem } from './sources';

export interface IngestOptions {
  batchSize: number;
  /** Batches written at once (each its own transaction). */
  concurrency: number;
  /** Extract and resolve, but write nothing. */
  dryRun: boolean;
  /** Extraction threads beside the one writing (0: extract on the calling thread). */
  extractThreads?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Called with each batch as it is written (for live subscribers). */
  onWritten?: (batch: ResolvedArticle[]) => void;
}

export interface IngestProgress {
  seen: number;
  created: number;
  replaced: number;
  unchanged: number;
  skipped: number;
  entities: number;
  claims: number;
  typeConflicts: number;
  seconds: number;
}

export interface IngestSummary extends IngestProgress {
  errors: { location: string; message: string }[];
}

export { prepareArticle } from './prepare';

export async function ingest(driver: Driver | undefined, database: string, items: AsyncIterable<SourceItem>, options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const summary: IngestSummary = { seen: 0, created: 0, replaced: 0, unchanged: 0, skipped: 0, entities: 0, claims: 0, typeConflicts: 0, seconds: 0, errors: [] };
  const report = () => options.onProgress?.({ ...summary, seconds: (Date.now() - started) / 1000 });
  const inFlight = new Set<Promise<void>>();
  const extractor = createExtractor(options.extractThreads ?? 0);
  let failure: unknown;

  const flush = async (batch: SourceArticle[]) => {
    // What is already in (same text, read by this extractor) is not extracted again: re-runs and resumes are cheap,
    // and re-ingesting after an extractor upgrade brings the old articles' claims up to date.
    const known = driver && !options.dryRun ? await storedReadings(driver, database, batch.map((a) => a.id)) : new Map<string, StoredReading>();
    const fresh = batch.filter((a) => !sameReading(known.get(a.id), { contentHash: sha256(a.text), extractor: RULES_EXTRACTOR }));
    summary.unchanged += batch.length - fresh.length;
    const resolved = fresh.length ? await extractor.prepare(fresh) : [];
    if (!driver || options.dryRun) {
      summary.created += resolved.length;
      summary.claims += resolved.reduce((n, a) => n + a.claims.length, 0);
      summary.entities += new Set(resolved.flatMap((a) => a.entities.map((e) => e.id))).size;
      report();
      return;
    }
    if (resolved.length === 0) return report();
    const outcome = await writeArticles(driver, database, resolved);
    summary.created += outcome.created.length;
    summary.replaced += outcome.replaced.length;
    summary.unchanged += outcome.unchanged.length;
    summary.entities += outcome.entities;
    summary.claims += outcome.claims;
    summary.typeConflicts += outcome.typeConflicts;
    options.onWritten?.(resolved);
    report();
  };

  const submit = async (batch: SourceArticle[]) => {
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    if (failure) throw failure;
    const task = flush(batch)
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  try {
    let batch: SourceArticle[] = [];
    for await (const item of items) {
      summary.seen++;
      if (!item.ok) {
        summary.skipped++;
        summary.errors.push({ location: item.location, message: item.message });
        continue;
      }
      batch.push(item.article);
      if (batch.length >= options.batchSize) {
        await submit(batch);
        batch = [];
      }
    }
    if (batch.length) await submit(batch);
    await Promise.all(inFlight);
  } finally {
    await Promise.all(inFlight);
    await extractor.close();
  }
  if (failure) throw failure;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
