import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseFrontMatter } from '../ingest/article-file';
import { extract } from './index';
import { MODALITIES, POLARITIES, RELATION_TYPES, SYMMETRIC_RELATIONS, type ExtractionResult } from './types';

/** Gold annotation of a sample article: what a careful reader says the text supports. */
export const GoldSchema = z.object({
  entities: z.array(z.string()),
  relations: z.array(
    z.object({
      type: z.enum(RELATION_TYPES),
      subject: z.string(),
      object: z.string(),
      polarity: z.enum(POLARITIES).optional(),
      modality: z.enum(MODALITIES).optional(),
      note: z.string().optional(),
    }),
  ),
});
export type Gold = z.infer<typeof GoldSchema>;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function score({ tp, fp, fn }: Counts): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** A relation's identity for scoring: type, arguments (unordered when symmetric) and polarity. */
export function relationKey(r: { type: string; subject: string; object: string; polarity?: string }): string {
  const args = [r.subject, r.object];
  if (SYMMETRIC_RELATIONS.has(r.type as never)) args.sort();
  return [r.type, ...args, r.polarity ?? 'POSITIVE'].join('|');
}

export interface ArticleScore {
  file: string;
  language: string;
  relations: Counts;
  entities: Counts;
  missed: string[];
  spurious: string[];
  modality: { checked: number; correct: number };
}

export function scoreArticle(file: string, result: ExtractionResult, gold: Gold): ArticleScore {
  const predicted = new Map<string, Set<string>>();
  for (const r of result.relations) {
    const key = relationKey({ type: r.type, subject: r.subject.id, object: r.object.id, polarity: r.polarity });
    predicted.set(key, (predicted.get(key) ?? new Set()).add(r.modality));
  }
  const goldKeys = new Map(gold.relations.map((r) => [relationKey(r), r]));
  const missed = [...goldKeys.keys()].filter((k) => !predicted.has(k));
  const spurious = [...predicted.keys()].filter((k) => !goldKeys.has(k));
  let checked = 0;
  let correct = 0;
  for (const [key, g] of goldKeys) {
    if (!g.modality || !predicted.has(key)) continue;
    checked++;
    if (predicted.get(key)!.has(g.modality)) correct++;
  }
  const predictedEntities = new Set(result.entities.map((e) => e.id));
  const goldEntities = new Set(gold.entities);
  return {
    file,
    language: result.language,
    relations: { tp: goldKeys.size - missed.length, fp: spurious.length, fn: missed.length },
    entities: {
      tp: [...goldEntities].filter((e) => predictedEntities.has(e)).length,
      fp: [...predictedEntities].filter((e) => !goldEntities.has(e)).length,
      fn: [...goldEntities].filter((e) => !predictedEntities.has(e)).length,
    },
    missed,
    spurious,
    modality: { checked, correct },
  };
}

/** Scores every `*.txt` with a `*.gold.json` beside it in `dir`. */
export function evaluateDirectory(dir: string): ArticleScore[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((file) => {
      const goldFile = path.join(dir, file.replace(/\.txt$/, '.gold.json'));
      let goldText: string;
      try {
        goldText = readFileSync(goldFile, 'utf8');
      } catch {
        return [];
      }
      const gold = GoldSchema.parse(JSON.parse(goldText));
      const { meta, body } = parseFrontMatter(readFileSync(path.join(dir, file), 'utf8'));
      const result = extract({ text: body, language: meta.language, publishedAt: meta.publishedAt });
      return [scoreArticle(file, result, gold)];
    });
}

export function summarize(scores: ArticleScore[]): Record<string, { relations: Score; entities: Score; modality: number; articles: number }> {
  const groups = new Map<string, ArticleScore[]>();
  for (const s of scores) {
    groups.set(s.language, [...(groups.get(s.language) ?? []), s]);
    groups.set('all', [...(groups.get('all') ?? []), s]);
  }
  const sum = (list: Counts[]) => list.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return Object.fromEntries(
    [...groups].map(([lang, list]) => {
      const mod = list.reduce((a, s) => ({ checked: a.checked + s.modality.checked, correct: a.correct + s.modality.correct }), { checked: 0, correct: 0 });
      return [lang, { relations: score(sum(list.map((s) => s.relations))), entities: score(sum(list.map((s) => s.entities))), modality: mod.checked ? mod.correct / mod.checked : 1, articles: list.length }];
    }),
  );
}
