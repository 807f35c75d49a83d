import { int, type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import type { ArticleRecord, EntityRecord, ResolvedArticle } from '../../resolve/records';
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

/**
 * Plans the statements every batch runs, by running each on no rows (which writes nothing). Planning the entity and
 * projection statements takes seconds; done once per server before a bulk ingest, it is a start-up cost rather than
 * a stall of the first batches. Returns the seconds it took.
 */
export async function prepareWriter(driver: Driver, database: string): Promise<number> {
  const started = performance.now();
  const statements: [string, Record<string, unknown>][] = [
    [Q.EXISTING_ARTICLES, { ids: [] }],
    [Q.MERGE_ARTICLES, { rows: [] }],
    [Q.REDIRECTS, { ids: [] }],
    [Q.LOCK_ENTITIES, { ids: [] }],
    [Q.MERGE_ENTITIES, { byType: {} }],
    [Q.CREATE_MENTIONS, { rows: [] }],
    [Q.CREATE_CLAIMS, { rows: [] }],
    [Q.ADD_TO_PROJECTIONS, { byType: {} }],
  ];
  // Two at a time: the server plans each on its own thread.
  for (let i = 0; i < statements.length; i += 2) {
    await Promise.all(statements.slice(i, i + 2).map(([query, params]) => driver.executeQuery(query, params, { database })));
  }
  return (performance.now() - started) / 1000;
}

/** How a stored article was read: its text's hash and the extractor that read it (none before extractors were recorded). */
export interface StoredReading {
  contentHash: string | null;
  extractor: string | null;
}

/** Whether an article is stored as read from this text by this extractor: then there is nothing to redo. */
export function sameReading(stored: StoredReading | undefined, article: Pick<ArticleRecord, 'contentHash' | 'extractor'>): boolean {
  return stored !== undefined && stored.contentHash === article.contentHash && stored.extractor === article.extractor;
}

/** How the articles already stored were read, by id: what is in, read by this extractor, is not redone. */
export async function storedReadings(driver: Driver, database: string, ids: string[]): Promise<Map<string, StoredReading>> {
  const { records } = await driver.executeQuery(Q.EXISTING_ARTICLES, { ids }, { database, routing: 'READ' });
  return readingsOf(records);
}

function readingsOf(records: Neo4jRecord[]): Map<string, StoredReading> {
  return new Map(records.map((r) => [r.get('id') as string, { contentHash: r.get('contentHash') as string | null, extractor: r.get('extractor') as string | null }]));
}

/**
 * Writes a batch of articles in one transaction (retried by the driver on transient errors and deadlocks):
 * an article with a known hash changes nothing, an edited one replaces its claims, and the projected
 * relationships the batch touched are recomputed from their claims. No reader ever sees half an article.
 */
export async function writeArticles(driver: Driver, database: string, batch: ResolvedArticle[]): Promise<BatchOutcome> {
  const known = storedEntitiesOf(driver, database);
  const session = driver.session({ database });
  try {
    const { outcome, storedRows } = await session.executeWrite((tx) => writeInTransaction(tx, batch, known));
    // Committed: those rows are stored now (an attempt the driver retried and rolled back stored nothing).
    known.remember(storedRows);
    return outcome;
  } finally {
    await session.close();
  }
}

/**
 * What this process has committed per entity: its least name, wikidataId, and every name, alias and search
 * key. A batch merges only the entities that bring something new; most bring nothing (a country in every batch),
 * and checking that in Cypher costs a scan of its lists per row. Entities only grow (ingestion, merges and
 * aliases add; nothing removes a name), except by deletion, which LOCK_ENTITIES reveals: an entity it does not
 * find is forgotten and sent whole.
 */
class StoredEntities {
  private static readonly LIMIT = 100_000;
  private readonly byId = new Map<string, { name: string; wikidataId: string | null; values: Set<string> }>();

  bringsNew(e: EntityRecord): boolean {
    const stored = this.byId.get(e.id);
    if (!stored || e.name < stored.name || (e.wikidataId !== null && stored.wikidataId === null)) return true;
    return e.names.some((x) => !stored.values.has(`n:${x}`)) || e.aliases.some((x) => !stored.values.has(`a:${x}`)) || e.searchKeys.some((x) => !stored.values.has(`k:${x}`));
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  remember(entities: EntityRecord[]): void {
    if (this.byId.size + entities.length > StoredEntities.LIMIT) this.byId.clear();
    for (const e of entities) {
      const stored = this.byId.get(e.id);
      const values = stored?.values ?? new Set<string>();
      for (const x of e.names) values.add(`n:${x}`);
      for (const x of e.aliases) values.add(`a:${x}`);
      for (const x of e.searchKeys) values.add(`k:${x}`);
      this.byId.set(e.id, {
        name: stored && stored.name < e.name ? stored.name : e.name,
        wikidataId: stored?.wikidataId ?? e.wikidataId,
        values,
      });
    }
  }
}

const storedEntitiesByDriver = new WeakMap<Driver, Map<string, StoredEntities>>();

function storedEntitiesOf(driver: Driver, database: string): StoredEntities {
  let byDatabase = storedEntitiesByDriver.get(driver);
  if (!byDatabase) storedEntitiesByDriver.set(driver, (byDatabase = new Map()));
  let known = byDatabase.get(database);
  if (!known) byDatabase.set(database, (known = new StoredEntities()));
  return known;
}

async function writeInTransaction(tx: ManagedTransaction, input: ResolvedArticle[], known: StoredEntities): Promise<{ outcome: BatchOutcome; storedRows: EntityRecord[] }> {
  const outcome: BatchOutcome = { created: [], replaced: [], unchanged: [], entities: 0, claims: 0, typeConflicts: 0 };
  // The last copy of an article in the batch wins, as it would one batch later.
  const batch = [...new Map(input.map((a) => [a.article.id, a])).values()];
  // A first, lock-free look skips the articles already in; the merge below decides under the articles' locks.
  const existing = await tx.run(Q.EXISTING_ARTICLES, { ids: batch.map((a) => a.article.id) });
  const stored = readingsOf(existing.records);
  const candidates: ResolvedArticle[] = [];
  for (const a of batch) {
    if (sameReading(stored.get(a.article.id), a.article)) outcome.unchanged.push(a.article.id);
    else candidates.push(a);
  }
  if (candidates.length === 0) return { outcome, storedRows: [] };

  const merged = await tx.run(Q.MERGE_ARTICLES, { rows: candidates.map((a) => a.article) });
  // An article stored under another text or by another extractor is replaced: its old claims go, the new ones come.
  const previous = readingsOf(merged.records);
  const todo = candidates.filter((a) => {
    const before = previous.get(a.article.id);
    const same = sameReading(before, a.article);
    if (same) outcome.unchanged.push(a.article.id);
    else (before?.contentHash == null ? outcome.created : outcome.replaced).push(a.article.id);
    return !same;
  });
  if (todo.length === 0) return { outcome, storedRows: [] };

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
  const locked = await tx.run(Q.LOCK_ENTITIES, { ids: [...entities.keys()].sort() });
  const storedTypes = new Map(locked.records.map((r) => [r.get('id') as string, r.get('type') as string]));
  const storedRows: EntityRecord[] = [];
  const entitiesByType: Record<string, EntityRecord[]> = {};
  for (const e of entities.values()) {
    const storedType = storedTypes.get(e.id);
    if (storedType === undefined) known.forget(e.id);
    else if (storedType === e.type && !known.bringsNew(e)) continue;
    // A row of another type is sent to be counted as a conflict, but not remembered: it stored nothing.
    if (storedType === undefined || storedType === e.type) storedRows.push(e);
    (entitiesByType[e.type] ??= []).push(e);
  }
  if (Object.keys(entitiesByType).length) {
    const entityMerge = await tx.run(Q.MERGE_ENTITIES, { byType: entitiesByType });
    outcome.typeConflicts = Number(entityMerge.records[0].get('typeConflicts'));
  }
  outcome.entities = entities.size;
  await tx.run(Q.CREATE_MENTIONS, { rows: mentionRows(todo, redirect) });
  const claimRows: { id: string; articleId: string; subjectId: string; objectId: string; attributedToId: string | null; locationId: string | null; props: Record<string, unknown> }[] = [];
  const newEvidence: Parameters<typeof projectionIncrements>[0] = [];
  for (const a of todo) {
    for (const c of a.claims) {
      const subjectId = redirect(c.subjectId);
      const objectId = redirect(c.objectId);
      const attributedToId = c.attributedToId && redirect(c.attributedToId);
      const locationId = c.locationId && redirect(c.locationId);
      const key = relationKey(c.type, subjectId, objectId);
      const weight = evidenceWeight(c.confidence);
      if (replaced.has(a.article.id)) recomputed.add(key);
      else newEvidence.push({ relationKey: key, polarity: c.polarity, articleId: a.article.id, eventDate: c.eventDate, evidenceWeight: weight });
      const { id, ...fields } = c;
      // An integer evidenceWeight, as the migration and the sums write it; absent values are left out, not stored as null.
      const props = withoutNulls({ ...fields, subjectId, objectId, attributedToId, locationId, relationKey: key, articleId: a.article.id, evidenceWeight: int(weight) });
      claimRows.push({ id, articleId: a.article.id, subjectId, objectId, attributedToId, locationId, props });
    }
  }
  await tx.run(Q.CREATE_CLAIMS, { rows: claimRows });
  outcome.claims = claimRows.length;
  await addToProjections(tx, newEvidence.filter((c) => !recomputed.has(c.relationKey)));
  await recompute(tx, recomputed);
  if (maybeOrphans.size) await tx.run(Q.DELETE_ORPHAN_ENTITIES, { ids: [...maybeOrphans] });
  await tx.run(BUMP_GRAPH_VERSION);
  return { outcome, storedRows };
}

/** A record without its null or undefined fields: absent values are left out of the graph, not stored as null. */
export function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));
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
