import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { ResolvedArticle } from '../../resolve/records';
import * as Q from '../cypher/ingest';
import { ENTITY_TYPES, isRelationType, relationKey, type RelationType } from '../ontology';

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
  const existing = await tx.run(Q.EXISTING_ARTICLES, { ids: batch.map((a) => a.article.id) });
  const hashes = new Map(existing.records.map((r) => [r.get('id') as string, r.get('contentHash') as string]));
  const todo = batch.filter((a) => {
    const hash = hashes.get(a.article.id);
    if (hash === a.article.contentHash) outcome.unchanged.push(a.article.id);
    else (hash === undefined ? outcome.created : outcome.replaced).push(a.article.id);
    return hash !== a.article.contentHash;
  });
  if (todo.length === 0) return outcome;

  const touched = new Set<string>();
  const maybeOrphans = new Set<string>();
  if (outcome.replaced.length) {
    const footprint = await tx.run(Q.ARTICLE_FOOTPRINT, { ids: outcome.replaced });
    for (const r of footprint.records) {
      for (const key of r.get('keys') as string[]) touched.add(key);
      for (const id of r.get('entityIds') as string[]) maybeOrphans.add(id);
    }
    await tx.run(Q.DELETE_ARTICLE_CLAIMS, { ids: outcome.replaced });
    await tx.run(Q.DELETE_ARTICLE_MENTIONS, { ids: outcome.replaced });
  }

  const redirect = await redirects(tx, todo);
  const entities = new Map(todo.flatMap((a) => a.entities).map((e) => [redirect(e.id), { ...e, id: redirect(e.id) }]));
  for (const type of ENTITY_TYPES) {
    const rows = [...entities.values()].filter((e) => e.type === type);
    if (rows.length === 0) continue;
    const result = await tx.run(Q.MERGE_ENTITIES[type], { rows });
    outcome.typeConflicts += Number(result.records[0]?.get('typeConflicts') ?? 0);
  }
  outcome.entities = entities.size;
  await tx.run(Q.MERGE_ARTICLES, { rows: todo.map((a) => a.article) });
  await tx.run(Q.MERGE_MENTIONS, { rows: todo.flatMap((a) => a.mentions.map((m) => ({ articleId: a.article.id, entityId: redirect(m.entityId), count: m.count }))) });
  const claims = todo.flatMap((a) =>
    a.claims.map((c) => {
      const subjectId = redirect(c.subjectId);
      const objectId = redirect(c.objectId);
      const { id, attributedToId, locationId, ...props } = c;
      const key = relationKey(c.type, subjectId, objectId);
      touched.add(key);
      return {
        id,
        articleId: a.article.id,
        subjectId,
        objectId,
        attributedToId: attributedToId && redirect(attributedToId),
        locationId: locationId && redirect(locationId),
        props: { ...props, subjectId, objectId, relationKey: key, articleId: a.article.id, attributedToId: attributedToId && redirect(attributedToId), locationId: locationId && redirect(locationId) },
      };
    }),
  );
  await tx.run(Q.MERGE_CLAIMS, { rows: claims });
  outcome.claims = claims.length;
  await recompute(tx, touched);
  if (maybeOrphans.size) await tx.run(Q.DELETE_ORPHAN_ENTITIES, { ids: [...maybeOrphans] });
  return outcome;
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
    byType.set(type, [...(byType.get(type) ?? []), { key, subject, object }]);
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
      return { removed: found.length };
    });
  } finally {
    await session.close();
  }
}
