import type { Driver } from 'neo4j-driver';
import { extract } from '../extract';
import { defaultLexicon } from '../extract/lexicon';
import { storedHashes, writeArticles } from '../graph/repositories/articles-writer';
import { resolveArticle, sha256, type ResolvedArticle } from '../resolve/records';
import type { SourceArticle, SourceItem } from './sources';

export interface IngestOptions {
  batchSize: number;
  /** Batches written at once (each its own transaction). */
  concurrency: number;
  /** Extract and resolve, but write nothing. */
  dryRun: boolean;
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

/** The one pipeline the CLI, the API and `npm start` use: extract → resolve → write, in batches. */
export function prepareArticle(article: SourceArticle): ResolvedArticle {
  const lexicon = defaultLexicon();
  const result = extract({ text: article.text, language: article.language, publishedAt: article.publishedAt }, lexicon);
  return resolveArticle(
    {
      id: article.id,
      url: article.url ?? null,
      title: article.title ?? null,
      source: article.source ?? null,
      publishedAt: article.publishedAt ?? null,
      language: result.language,
      contentHash: sha256(article.text),
    },
    result,
    lexicon,
  );
}

export async function ingest(driver: Driver | undefined, database: string, items: AsyncIterable<SourceItem>, options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const summary: IngestSummary = { seen: 0, created: 0, replaced: 0, unchanged: 0, skipped: 0, entities: 0, claims: 0, typeConflicts: 0, seconds: 0, errors: [] };
  const report = () => options.onProgress?.({ ...summary, seconds: (Date.now() - started) / 1000 });
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const flush = async (batch: SourceArticle[]) => {
    // What is already in (same content hash) is not extracted again: re-runs and resumes are cheap.
    const known = driver && !options.dryRun ? await storedHashes(driver, database, batch.map((a) => a.id)) : new Map<string, string>();
    const fresh = batch.filter((a) => known.get(a.id) !== sha256(a.text));
    summary.unchanged += batch.length - fresh.length;
    const resolved = fresh.map(prepareArticle);
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
  if (failure) throw failure;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
