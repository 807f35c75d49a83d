import neo4j from 'neo4j-driver';
import { normalizePhrase, arabicKey, isArabicScript } from '../../extract/normalize';
import type { ArticleRecord, ClaimRecord } from '../../resolve/records';
import * as Q from '../cypher/api';
import { RELATION_TYPES, type RelationType } from '../ontology';

/** Read-side repository: owns the API's Cypher; callers give a reader (one round trip per call). */
export interface Reader {
  read<T = Record<string, unknown>>(query: string, params?: Record<string, unknown>): Promise<T[]>;
}

export interface EntityRow {
  id: string;
  type: string;
  name: string;
  names: string[] | null;
  aliases: string[] | null;
  wikidataId: string | null;
  mentionCount: number;
  claimCount: number;
}

/** A stored article: the record the writer stored (publishedAt read back as an ISO string; no extractor if it was
 * written before extractors were recorded). */
export type ArticleRow = Omit<ArticleRecord, 'extractor'> & { extractor: string | null };

/** A stored claim: the record the writer stored, with the article it came from. */
export type ClaimRow = ClaimRecord & { articleId: string };

export interface RelationRow {
  id: string;
  type: RelationType;
  subjectId: string;
  objectId: string;
  claimCount: number;
  articleCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  confidence: number;
}

export interface Page {
  skip: number;
  limit: number;
}

export interface RelationFilter {
  types?: RelationType[];
  subject?: string;
  object?: string;
  involving?: string;
  since?: string;
  until?: string;
  minConfidence?: number;
  modality?: string;
  minArticles?: number;
}

/** SKIP and LIMIT take integers; JavaScript numbers travel as floats. */
const int = (n: number) => neo4j.int(n);
const paged = (page: Page) => ({ skip: int(page.skip), limit: int(page.limit) });

export async function entitiesById(db: Reader, ids: readonly string[]): Promise<(EntityRow | null)[]> {
  const rows = await db.read<{ id: string; entity: EntityRow }>(Q.ENTITIES_BY_ID, { ids });
  const byId = new Map(rows.map((r) => [r.id, r.entity]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function articlesById(db: Reader, ids: readonly string[]): Promise<(ArticleRow | null)[]> {
  const rows = await db.read<{ id: string; article: ArticleRow }>(Q.ARTICLES_BY_ID, { ids });
  const byId = new Map(rows.map((r) => [r.id, r.article]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function claimsByRelation(db: Reader, pages: readonly { key: string; skip: number; limit: number }[]): Promise<ClaimRow[][]> {
  const rows = await db.read<{ i: number; claims: ClaimRow[] }>(Q.CLAIMS_BY_RELATION, { pages: pages.map((p) => ({ key: p.key, ...paged(p) })) });
  const byIndex = new Map(rows.map((r) => [Number(r.i), r.claims]));
  return pages.map((_, i) => byIndex.get(i) ?? []);
}

export async function relationsByEntity(db: Reader, requests: readonly { id: string; types: RelationType[]; limit: number }[]): Promise<RelationRow[][]> {
  const rows = await db.read<{ i: number; relations: { type: RelationType; subject: string; object: string; props: Record<string, unknown> }[] }>(Q.RELATIONS_BY_ENTITY, {
    requests: requests.map((r) => ({ id: r.id, types: r.types, limit: int(r.limit) })),
  });
  const byIndex = new Map(rows.map((r) => [Number(r.i), r.relations.map(toRelation)]));
  return requests.map((_, i) => byIndex.get(i) ?? []);
}

export async function claimCountsByRelation(db: Reader, keys: readonly string[]): Promise<number[]> {
  const rows = await db.read<{ key: string; total: number }>(Q.COUNT_CLAIMS_BY_RELATION, { keys });
  const byKey = new Map(rows.map((r) => [r.key, r.total]));
  return keys.map((k) => byKey.get(k) ?? 0);
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** A full-text query from user text: normalized like the index's searchKeys, Lucene specials escaped, last word a prefix. */
export function fullTextQuery(text: string): string {
  const words = normalizePhrase(text.replace(/[«»"“”]/g, ' '))
    .split(' ')
    .map((w) => (isArabicScript(w) ? arabicKey(w) : w))
    .map((w) => w.replace(LUCENE_SPECIAL, (c) => `\\${c}`))
    .filter((w) => w.replace(/\\/g, '').length > 0);
  if (words.length === 0) return '';
  // Any word may match (the best matches score highest); the last is also a prefix, for type-ahead.
  const last = words.length - 1;
  return words.map((w, i) => (i === last && w.length >= 2 ? `${w} ${w}*` : w)).join(' ');
}

export async function searchEntities(db: Reader, text: string, types: string[] | undefined, page: Page): Promise<string[]> {
  const query = fullTextQuery(text);
  if (!query) return [];
  const rows = await db.read<{ id: string }>(Q.SEARCH, { query, types: types ?? null, ...paged(page) });
  return rows.map((r) => r.id);
}

export async function countSearch(db: Reader, text: string, types: string[] | undefined): Promise<number> {
  const query = fullTextQuery(text);
  if (!query) return 0;
  return (await db.read<{ total: number }>(Q.SEARCH_COUNT, { query, types: types ?? null }))[0]?.total ?? 0;
}

export async function entityPage(db: Reader, types: string[] | undefined, page: Page): Promise<string[]> {
  return (await db.read<{ id: string }>(Q.ENTITIES_PAGE, { types: types ?? null, ...paged(page) })).map((r) => r.id);
}

export async function countEntities(db: Reader, types: string[] | undefined): Promise<number> {
  return (await db.read<{ total: number }>(Q.ENTITIES_COUNT, { types: types ?? null }))[0]?.total ?? 0;
}

function relationParams(filter: RelationFilter) {
  const anchor = filter.involving ? 'either' : filter.subject ? 'subject' : filter.object ? 'object' : 'none';
  const types = filter.types?.length ? filter.types : [...RELATION_TYPES];
  return {
    anchor,
    types,
    params: {
      anchor: filter.involving ?? filter.subject ?? filter.object ?? null,
      types,
      subject: filter.subject ?? null,
      object: filter.object ?? null,
      since: filter.since ?? null,
      until: filter.until ?? null,
      minConfidence: filter.minConfidence ?? 0,
      minArticles: filter.minArticles ?? 0,
      modality: filter.modality ?? null,
    },
  } as const;
}

export function toRelation(row: { type: RelationType; subject: string; object: string; props: Record<string, unknown> }): RelationRow {
  const p = row.props;
  return {
    id: `${row.type}|${row.subject}|${row.object}`,
    type: row.type,
    subjectId: row.subject,
    objectId: row.object,
    claimCount: Number(p.claimCount ?? 0),
    articleCount: Number(p.articleCount ?? 0),
    firstSeen: (p.firstSeen as string) ?? null,
    lastSeen: (p.lastSeen as string) ?? null,
    confidence: Number(p.confidence ?? 0),
  };
}

export async function relationPage(db: Reader, filter: RelationFilter, page: Page): Promise<RelationRow[]> {
  const { anchor, types, params } = relationParams(filter);
  const rows = await db.read<{ type: RelationType; subject: string; object: string; props: Record<string, unknown> }>(Q.RELATIONS_PAGE(anchor, types), { ...params, ...paged(page) });
  return rows.map(toRelation);
}

export async function countRelations(db: Reader, filter: RelationFilter): Promise<number> {
  const { anchor, types, params } = relationParams(filter);
  return (await db.read<{ total: number }>(Q.RELATIONS_COUNT(anchor, types), params))[0]?.total ?? 0;
}

export interface TimelineFilter {
  id: string;
  since?: string;
  until?: string;
  types?: RelationType[];
}

const timelineParams = (f: TimelineFilter) => ({ id: f.id, since: f.since ?? null, until: f.until ?? null, types: f.types?.length ? f.types : null });

export async function timelinePage(db: Reader, filter: TimelineFilter, page: Page): Promise<ClaimRow[]> {
  return (await db.read<{ claim: ClaimRow }>(Q.TIMELINE_PAGE, { ...timelineParams(filter), ...paged(page) })).map((r) => r.claim);
}

export async function countTimeline(db: Reader, filter: TimelineFilter): Promise<number> {
  return (await db.read<{ total: number }>(Q.TIMELINE_COUNT, timelineParams(filter)))[0]?.total ?? 0;
}

export async function articlePage(db: Reader, page: Page): Promise<string[]> {
  return (await db.read<{ id: string }>(Q.ARTICLES_PAGE, paged(page))).map((r) => r.id);
}

export async function countArticles(db: Reader): Promise<number> {
  return (await db.read<{ total: number }>(Q.ARTICLES_COUNT))[0]?.total ?? 0;
}

export async function neighborhood(db: Reader, id: string, depth: number, types: RelationType[] | undefined, limit: number): Promise<RelationRow[]> {
  const rows = await db.read<{ type: RelationType; subject: string; object: string; props: Record<string, unknown> }>(Q.NEIGHBORHOOD[depth as 1 | 2 | 3], { id, types: types?.length ? types : [...RELATION_TYPES], limit: int(limit) });
  return rows.map(toRelation);
}

export async function paths(db: Reader, from: string, to: string, maxHops: number, types: RelationType[] | undefined, limit: number): Promise<{ nodes: string[]; relations: RelationRow[] }[]> {
  const rows = await db.read<{ nodes: string[]; relations: { type: RelationType; subject: string; object: string; props: Record<string, unknown> }[] }>(Q.PATHS, {
    from,
    to,
    maxHops: int(maxHops),
    types: types?.length ? types : [...RELATION_TYPES],
    limit: int(limit),
  });
  return rows.map((r) => ({ nodes: r.nodes, relations: r.relations.map(toRelation) }));
}

export async function relationCounts(db: Reader, groupBy: keyof typeof Q.RELATION_COUNTS, filter: RelationFilter, limit: number): Promise<{ key: string; count: number }[]> {
  const { params } = relationParams(filter);
  const anchor = filter.involving ?? filter.subject ?? filter.object;
  const query = anchor ? Q.RELATION_COUNTS[groupBy].anchored : Q.RELATION_COUNTS[groupBy].all;
  return db.read<{ key: string; count: number }>(query, { ...params, anchor: anchor ?? null, limit: int(limit) });
}

export async function topActors(db: Reader, types: RelationType[] | undefined, since: string | undefined, limit: number): Promise<{ id: string; count: number }[]> {
  return db.read<{ id: string; count: number }>(Q.TOP_ACTORS, { types: types?.length ? types : [...RELATION_TYPES], since: since ?? null, limit: int(limit) });
}
