import { int, type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { EntityRecord, ResolvedArticle } from '../../resolve/records';
import * as Q from '../cypher/ingest';
import { BUMP_GRAPH_VERSION } from '../cypher/version';
import { isRelationType, relationKey, type RelationType } from '../ontology';

export interface BatchOutcome {
  created: string[];
  replaced: string[];
  unchanged: string[];
  entities: number;
  claims: number;
  typeConflicts: number;
}

/** Content hashes of the articles already stored, by id: what is in is not redone. */
export async function storedHashes(driver: Driver, database: string, ids: string[]): Promise<Map<string, string>> {
  const { records } = await driver.executeQuery(Q.EXISTING_ARTICLES, { ids }, { database, routing: 'READ' });
  return new Map(records.map((r) => [r.get('id') as string, r.get('contentHash') as string]));
}

/**
 * Writes a batch of articles in one transaction (retried by the driver on transient errors and deadlocks):
 * an article with a known hash changes nothing, an edited one replaces its claims, and the projected
 * relationships the batch touched are recomputed from their claims. No reader ever sees half an article.
 */
export async function writeArticles(driver: Driver, database: string, batch: ResolvedArticle[]): Promise<BatchOutcome> {
  const session = driver.session({ database });
  try {
    return await session.executeWrite((tx) => writeInTransaction(tx, batch));
  } finally {
    await session.close();
  }
}

async function writeInTransaction(tx: ManagedTransaction, input: ResolvedArticle[]): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: [], replaced: [], unchanged: [], entities: 0, claims: 0, typeConflicts: 0 };
  // The last copy of an article in the batch wins, as it would one batch later.
  const batch = [...new Map(input.map((a) => [a.article.id, a])).values()];
  // A first, lock-free look skips the articles already in; the merge below decides under the articles' locks.
  const existing = await tx.run(Q.EXISTING_ARTICLES, { ids: batch.map((a) => a.article.id) });
  const stored = new Map(existing.records.map((r) => [r.get('id') as string, r.get('contentHash') as string]));
  const candidates: ResolvedArticle[] = [];
  for (const a of batch) {
    if (stored.get(a.article.id) === a.article.contentHash) outcome.unchanged.push(a.article.id);
    else candidates.push(a);
  }
  if (candidates.length === 0) return outcome;

  const merged = await tx.run(Q.MERGE_ARTICLES, { rows: candidates.map((a) => a.article) });
  const previous = new Map(merged.records.map((r) => [r.get('id') as string, r.get('previousHash') as string | null]));
  const todo = candidates.filter((a) => {
    const hash = previous.get(a.article.id) ?? null;
    if (hash === a.article.contentHash) outcome.unchanged.push(a.article.id);
    else (hash === null ? outcome.created : outcome.replaced).push(a.article.id);
    return hash !== a.article.contentHash;
  });
  if (todo.length === 0) return outcome;

  // Edges touched by a replaced article are recomputed from all their claims; the rest only gain new claims.
  const recomputed = new Set<string>();
  const maybeOrphans = new Set<string>();
  const replaced = new Set(outcome.replaced);
  if (replaced.size) {
    const footprint = await tx.run(Q.ARTICLE_FOOTPRINT, { ids: outcome.replaced });
    for (const r of footprint.records) {
      for (const key of r.get('keys') as string[]) recomputed.add(key);
      for (const id of r.get('entityIds') as string[]) maybeOrphans.add(id);
    }
    await tx.run(Q.DELETE_ARTICLE_CLAIMS, { ids: outcome.replaced });
    await tx.run(Q.DELETE_ARTICLE_MENTIONS, { ids: outcome.replaced });
  }

  const redirect = await redirects(tx, todo);
  const entities = new Map(todo.flatMap((a) => a.entities).map((e) => [redirect(e.id), { ...e, id: redirect(e.id) }]));
  await tx.run(Q.LOCK_ENTITIES, { ids: [...entities.keys()].sort() });
  const entitiesByType: Record<string, EntityRecord[]> = {};
  for (const e of entities.values()) (entitiesByType[e.type] ??= []).push(e);
  const entityMerge = await tx.run(Q.MERGE_ENTITIES, { byType: entitiesByType });
  outcome.typeConflicts = Number(entityMerge.records[0].get('typeConflicts'));
  outcome.entities = entities.size;
  await tx.run(Q.CREATE_MENTIONS, { rows: mentionRows(todo, redirect) });
  const claims = todo.flatMap((a) =>
    a.claims.map((c) => {
      const subjectId = redirect(c.subjectId);
      const objectId = redirect(c.objectId);
      const { id, attributedToId, locationId, ...props } = c;
      const key = relationKey(c.type, subjectId, objectId);
      if (replaced.has(a.article.id)) recomputed.add(key);
      const weight = evidenceWeight(c.confidence);
      return {
        weight,
        id,
        articleId: a.article.id,
        subjectId,
        objectId,
        attributedToId: attributedToId && redirect(attributedToId),
        locationId: locationId && redirect(locationId),
        props: {
          ...props,
          subjectId,
          objectId,
          relationKey: key,
          articleId: a.article.id,
          attributedToId: attributedToId && redirect(attributedToId),
          locationId: locationId && redirect(locationId),
          // An integer property, as the migration and the sums write it.
          evidenceWeight: int(weight),
        },
      };
    }),
  );
  await tx.run(Q.CREATE_CLAIMS, { rows: claims });
  outcome.claims = claims.length;
  await addToProjections(tx, claims.filter((c) => !recomputed.has(c.props.relationKey)).map((c) => ({ ...c.props, evidenceWeight: c.weight })));
  await recompute(tx, recomputed);
  if (maybeOrphans.size) await tx.run(Q.DELETE_ORPHAN_ENTITIES, { ids: [...maybeOrphans] });
  await tx.run(BUMP_GRAPH_VERSION);
  return outcome;
}

/** One MENTIONS link per article and entity: two entities merged into one (a redirect) add their counts. */
function mentionRows(articles: ResolvedArticle[], redirect: (id: string) => string) {
  const rows = new Map<string, { articleId: string; entityId: string; count: number }>();
  for (const a of articles) {
    for (const m of a.mentions) {
      const entityId = redirect(m.entityId);
      const key = `${a.article.id}|${entityId}`;
      const row = rows.get(key);
      if (row) row.count += m.count;
      else rows.set(key, { articleId: a.article.id, entityId, count: m.count });
    }
  }
  return [...rows.values()];
}

/** −ln(1 − confidence) in millionths: a claim's share of its edge's noisy-or confidence, exact to add. */
export function evidenceWeight(confidence: number): number {
  return Math.round(-Math.log(1 - Math.min(confidence, 0.9999)) * 1_000_000);
}

interface ProjectionIncrement {
  key: string;
  subject: string;
  object: string;
  claimCount: number;
  articleCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  evidenceWeight: number;
}

/** Sums claims of articles new to the graph per projected relationship (positive claims only). */
export function projectionIncrements(
  claims: { relationKey: string; polarity: string; articleId: string; eventDate: string | null; evidenceWeight: number }[],
): Map<RelationType, ProjectionIncrement[]> {
  const byKey = new Map<string, Omit<ProjectionIncrement, 'articleCount'> & { articles: Set<string> }>();
  for (const c of claims) {
    if (c.polarity !== 'POSITIVE') continue;
    let sum = byKey.get(c.relationKey);
    if (!sum) {
      const [, subject, object] = c.relationKey.split('|');
      byKey.set(c.relationKey, (sum = { key: c.relationKey, subject, object, claimCount: 0, firstSeen: null, lastSeen: null, evidenceWeight: 0, articles: new Set() }));
    }
    sum.claimCount++;
    sum.articles.add(c.articleId);
    sum.evidenceWeight += c.evidenceWeight;
    if (c.eventDate !== null) {
      if (sum.firstSeen === null || c.eventDate < sum.firstSeen) sum.firstSeen = c.eventDate;
      if (sum.lastSeen === null || c.eventDate > sum.lastSeen) sum.lastSeen = c.eventDate;
    }
  }
  const byType = new Map<RelationType, ProjectionIncrement[]>();
  // Sorted keys: concurrent writers lock shared edges in the same order.
  for (const key of [...byKey.keys()].sort()) {
    const { articles, ...sum } = byKey.get(key)!;
    const increment = { ...sum, articleCount: articles.size };
    const type = key.split('|')[0];
    if (!isRelationType(type)) continue;
    const list = byType.get(type);
    if (list) list.push(increment);
    else byType.set(type, [increment]);
  }
  return byType;
}

async function addToProjections(tx: ManagedTransaction, claims: Parameters<typeof projectionIncrements>[0]): Promise<void> {
  const byType = projectionIncrements(claims);
  if (byType.size) await tx.run(Q.ADD_TO_PROJECTIONS, { byType: Object.fromEntries(byType) });
}

async function redirects(tx: ManagedTransaction, batch: ResolvedArticle[]): Promise<(id: string) => string> {
  const ids = [...new Set(batch.flatMap((a) => a.entities.map((e) => e.id)))];
  const result = await tx.run(Q.REDIRECTS, { ids });
  const map = new Map(result.records.map((r) => [r.get('fromId') as string, r.get('toId') as string]));
  return (id) => map.get(id) ?? id;
}

/** Recomputes the projected relationships of the given keys (type|subject|object), one UNWIND per type. */
export async function recompute(tx: ManagedTransaction, keys: Iterable<string>): Promise<void> {
  const byType = new Map<RelationType, { key: string; subject: string; object: string }[]>();
  for (const key of [...new Set(keys)].sort()) {
    const [type, subject, object] = key.split('|');
    if (!isRelationType(type)) continue;
    const list = byType.get(type);
    if (list) list.push({ key, subject, object });
    else byType.set(type, [{ key, subject, object }]);
  }
  for (const [type, rows] of byType) await tx.run(Q.RECOMPUTE_PROJECTIONS[type], { keys: rows });
}

/** Removes articles with their claims and mentions, and recomputes the projections they supported. */
export async function removeArticles(driver: Driver, database: string, ids: string[]): Promise<{ removed: number }> {
  const session = driver.session({ database });
  try {
    return await session.executeWrite(async (tx) => {
      const existing = await tx.run(Q.EXISTING_ARTICLES, { ids });
      const found = existing.records.map((r) => r.get('id') as string);
      if (found.length === 0) return { removed: 0 };
      const footprint = await tx.run(Q.ARTICLE_FOOTPRINT, { ids: found });
      const keys = footprint.records.flatMap((r) => r.get('keys') as string[]);
      const entityIds = footprint.records.flatMap((r) => r.get('entityIds') as string[]);
      await tx.run(Q.DELETE_ARTICLE_CLAIMS, { ids: found });
      await tx.run(Q.DELETE_ARTICLES, { ids: found });
      await recompute(tx, keys);
      await tx.run(Q.DELETE_ORPHAN_ENTITIES, { ids: entityIds });
      await tx.run(BUMP_GRAPH_VERSION);
      return { removed: found.length };
    });
  } finally {
    await session.close();
  }
}
