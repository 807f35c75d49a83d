import { RELATION_TYPES, type RelationType } from '../ontology';

/**
 * The Cypher the API reads and writes with, one named constant per query, all parameterized.
 * Lists page first (ORDER BY … SKIP … LIMIT) and expand later, through the loaders.
 */

/**
 * The projected relationship types, from the ontology's allow-list. Patterns name them so that Neo4j expands only
 * projections, never a hub's thousands of claim and mention links (and a path never runs through a claim).
 */
const PROJECTED = RELATION_TYPES.join('|');

/**
 * Entities by id, following merge redirects, in one round trip (the entity loader). The counts name no label on
 * the far side (only claims have SUBJECT/OBJECT links, only articles MENTIONS), so Neo4j reads them from its
 * degree store instead of walking a hub's links.
 */
export const ENTITIES_BY_ID = `
UNWIND $ids AS id
OPTIONAL MATCH (r:Redirect {fromId: id})
WITH id, coalesce(r.toId, id) AS target
MATCH (e:Entity {id: target})
RETURN id, e {.id, .type, .name, .names, .aliases, .wikidataId,
              mentionCount: COUNT { (e)<-[:MENTIONS]-() },
              claimCount: COUNT { (e)<-[:SUBJECT|OBJECT]-() }} AS entity`;

export const ARTICLES_BY_ID = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id, a {.id, .url, .title, .source, .language, .contentHash, .extractor, publishedAt: toString(a.publishedAt)} AS article`;

/**
 * One page of claims per relation key, newest first, in one round trip (the relation-claims loader).
 * SKIP/LIMIT cannot take a row's values, so each key's ordered claims are sliced as a list of node references.
 */
export const CLAIMS_BY_RELATION = `
UNWIND range(0, size($pages) - 1) AS i
WITH i, $pages[i] AS page
CALL {
  WITH page
  MATCH (c:Claim {relationKey: page.key})
  WITH page, c ORDER BY c.eventDate DESC, c.id
  WITH page, collect(c) AS ordered
  WITH ordered[page.skip..page.skip + page.limit] AS slice
  RETURN [c IN slice | c {.*}] AS claims
}
RETURN i, claims
ORDER BY i`;

/** Each entity's strongest projected relations (either direction), in one round trip (the entity-relations loader). */
export const RELATIONS_BY_ENTITY = `
UNWIND range(0, size($requests) - 1) AS i
WITH i, $requests[i] AS req
CALL {
  WITH req
  MATCH (:Entity {id: req.id})-[r:${PROJECTED}]-(:Entity)
  WHERE type(r) IN req.types
  WITH DISTINCT req, r ORDER BY r.confidence DESC, type(r), startNode(r).id, endNode(r).id
  WITH req, collect(r) AS ordered
  WITH ordered[0..req.limit] AS top
  RETURN [r IN top | {type: type(r), subject: startNode(r).id, object: endNode(r).id, props: properties(r)}] AS relations
}
RETURN i, relations
ORDER BY i`;

export const COUNT_CLAIMS_BY_RELATION = `
UNWIND $keys AS key
RETURN key, COUNT { MATCH (c:Claim {relationKey: key}) } AS total`;

export const SEARCH = `
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WHERE $types IS NULL OR node.type IN $types
RETURN node.id AS id
ORDER BY score DESC, id
SKIP $skip LIMIT $limit`;

export const SEARCH_COUNT = `
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node
WHERE $types IS NULL OR node.type IN $types
RETURN count(node) AS total`;

export const ENTITIES_PAGE = `
MATCH (e:Entity)
WHERE $types IS NULL OR e.type IN $types
WITH e, COUNT { (e)<-[:MENTIONS]-() } AS mentions
ORDER BY mentions DESC, e.id
SKIP $skip LIMIT $limit
RETURN e.id AS id`;

export const ENTITIES_COUNT = `
MATCH (e:Entity)
WHERE $types IS NULL OR e.type IN $types
RETURN count(e) AS total`;

type Anchor = 'subject' | 'object' | 'either' | 'none';

/**
 * The projected relations matching a filter. `$anchor` (an entity id) narrows the start to one node when given.
 * The pattern names the requested types, so Neo4j scans or expands only those; they come from the ontology's
 * allow-list (the filter is validated against it), never from the request's text.
 */
const RELATION_MATCH = (anchored: Anchor, types: readonly RelationType[]) => {
  const names = RELATION_TYPES.filter((t) => types.includes(t)).join('|') || PROJECTED;
  const pattern = {
    subject: `MATCH (s:Entity {id: $anchor})-[r:${names}]->(o:Entity)`,
    object: `MATCH (s:Entity)-[r:${names}]->(o:Entity {id: $anchor})`,
    either: `MATCH (x:Entity {id: $anchor})-[r:${names}]-(y:Entity) WITH r, startNode(r) AS s, endNode(r) AS o`,
    none: `MATCH (s:Entity)-[r:${names}]->(o:Entity)`,
  }[anchored];
  return `${pattern}
WHERE ($subject IS NULL OR s.id = $subject) AND ($object IS NULL OR o.id = $object)
  AND ($since IS NULL OR r.lastSeen >= $since) AND ($until IS NULL OR r.firstSeen <= $until)
  AND r.confidence >= $minConfidence AND r.articleCount >= $minArticles
  AND ($modality IS NULL OR EXISTS { MATCH (c:Claim {relationKey: type(r) + '|' + s.id + '|' + o.id}) WHERE c.modality = $modality })`;
};

export const RELATIONS_PAGE = (anchored: Anchor, types: readonly RelationType[]) => `${RELATION_MATCH(anchored, types)}
WITH r, s, o
ORDER BY r.confidence DESC, r.articleCount DESC, type(r), s.id, o.id
SKIP $skip LIMIT $limit
RETURN type(r) AS type, s.id AS subject, o.id AS object, properties(r) AS props`;

export const RELATIONS_COUNT = (anchored: Anchor, types: readonly RelationType[]) => `${RELATION_MATCH(anchored, types)}
RETURN count(r) AS total`;

/**
 * The anchor's id with a merge's redirect followed, so a page about an entity needs no lookup before it (the API
 * loads the entity itself alongside, to answer NOT_FOUND).
 */
const ANCHOR = `
OPTIONAL MATCH (redirect:Redirect {fromId: $id})
WITH coalesce(redirect.toId, $id) AS anchorId`;

const TIMELINE_MATCH = `${ANCHOR}
MATCH (c:Claim)-[:SUBJECT|OBJECT]->(:Entity {id: anchorId})
WHERE ($types IS NULL OR c.type IN $types) AND ($since IS NULL OR c.eventDate >= $since) AND ($until IS NULL OR c.eventDate <= $until)`;

export const TIMELINE_PAGE = `${TIMELINE_MATCH}
WITH DISTINCT c ORDER BY c.eventDate DESC, c.id SKIP $skip LIMIT $limit
RETURN c {.*} AS claim`;

export const TIMELINE_COUNT = `${TIMELINE_MATCH}
RETURN count(DISTINCT c) AS total`;

export const ARTICLES_PAGE = `
MATCH (a:Article)
WITH a ORDER BY a.publishedAt DESC, a.id SKIP $skip LIMIT $limit
RETURN a.id AS id`;

export const ARTICLES_COUNT = `MATCH (a:Article) RETURN count(a) AS total`;

/**
 * An entity's neighbourhood for a graph view, expanded level by level as a beam: each level keeps the strongest
 * $limit relations of the nodes reached so far, so a hub (a country with thousands of edges) costs no more than
 * a leaf. One query per depth (1–3), since a path length cannot be a parameter.
 */
const beamLevel = (n: number) => `
CALL {
  WITH frontier, seen
  UNWIND frontier AS f
  MATCH (f)-[r:${PROJECTED}]-(y:Entity)
  WHERE type(r) IN $types AND NOT r IN seen
  WITH DISTINCT r, y ORDER BY r.confidence DESC, type(r), startNode(r).id, endNode(r).id
  LIMIT $limit
  RETURN collect(r) AS level${n}, collect(DISTINCT y) AS reached${n}
}
WITH seen + level${n} AS seen, reached${n} AS frontier`;

export const NEIGHBORHOOD: Record<1 | 2 | 3, string> = Object.fromEntries(
  ([1, 2, 3] as const).map((depth) => [
    depth,
    `${ANCHOR}
MATCH (x:Entity {id: anchorId})
WITH [x] AS frontier, [] AS seen
${[1, 2, 3].slice(0, depth).map(beamLevel).join('\n')}
UNWIND seen AS r
WITH DISTINCT r ORDER BY r.confidence DESC, type(r), startNode(r).id, endNode(r).id
LIMIT $limit
RETURN type(r) AS type, startNode(r).id AS subject, endNode(r).id AS object, properties(r) AS props`,
  ]),
) as Record<1 | 2 | 3, string>;

/** All shortest paths over projected relations (any direction), cut to $maxHops. */
export const PATHS = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:${PROJECTED}*..4]-(b))
WHERE length(p) <= $maxHops AND all(r IN relationships(p) WHERE type(r) IN $types)
RETURN [n IN nodes(p) | n.id] AS nodes,
       [r IN relationships(p) | {type: type(r), subject: startNode(r).id, object: endNode(r).id, props: properties(r)}] AS relations
LIMIT $limit`;

/** Claims for dashboard counts; anchored on an entity's claim links when the filter names one (no full scan). */
const countMatch = (anchored: boolean) => `
${anchored ? 'MATCH (:Entity {id: $anchor})<-[:SUBJECT|OBJECT]-(c:Claim)\nWITH DISTINCT c' : 'MATCH (c:Claim)'}
WHERE c.type IN $types
  AND ($subject IS NULL OR c.subjectId = $subject) AND ($object IS NULL OR c.objectId = $object)
  AND ($since IS NULL OR c.eventDate >= $since) AND ($until IS NULL OR c.eventDate <= $until)
  AND c.confidence >= $minConfidence AND ($modality IS NULL OR c.modality = $modality)`;

const GROUPS = {
  TYPE: { extra: '', key: 'c.type', order: 'count DESC, key' },
  MONTH: { extra: ' AND c.eventDate IS NOT NULL', key: 'substring(c.eventDate, 0, 7)', order: 'key' },
  SUBJECT: { extra: '', key: 'c.subjectId', order: 'count DESC, key' },
  OBJECT: { extra: '', key: 'c.objectId', order: 'count DESC, key' },
} as const;

export const RELATION_COUNTS = Object.fromEntries(
  (Object.keys(GROUPS) as (keyof typeof GROUPS)[]).map((group) => {
    const g = GROUPS[group];
    const query = (anchored: boolean) => `${countMatch(anchored)}${g.extra}\nRETURN ${g.key} AS key, count(*) AS count ORDER BY ${g.order} LIMIT $limit`;
    return [group, { anchored: query(true), all: query(false) }];
  }),
) as Record<keyof typeof GROUPS, { anchored: string; all: string }>;

export const TOP_ACTORS = `
MATCH (c:Claim)
WHERE c.type IN $types AND c.polarity = 'POSITIVE' AND ($since IS NULL OR c.eventDate >= $since)
RETURN c.subjectId AS id, count(*) AS count
ORDER BY count DESC, id
LIMIT $limit`;

export const ADD_ALIAS = `
MATCH (e:Entity {id: $id})
SET e.aliases = CASE WHEN $alias IN coalesce(e.aliases, []) THEN e.aliases ELSE coalesce(e.aliases, []) + $alias END,
    e.searchKeys = reduce(acc = coalesce(e.searchKeys, []), k IN $keys | CASE WHEN k IN acc THEN acc ELSE acc + k END)
RETURN e.id AS id`;

/** Merging: the claims, mentions and names of `merge` move to `keep`; a redirect keeps the old id resolving. */
export const MERGE_FOOTPRINT = `
MATCH (old:Entity {id: $merge})
OPTIONAL MATCH (c:Claim)-[:SUBJECT|OBJECT]->(old)
RETURN collect(DISTINCT c.relationKey) AS keys`;

export const MERGE_MOVE = `
MATCH (keep:Entity {id: $keep}), (old:Entity {id: $merge})
CALL { WITH keep, old MATCH (c:Claim)-[r:SUBJECT]->(old) MERGE (c)-[:SUBJECT]->(keep) DELETE r SET c.subjectId = keep.id }
CALL { WITH keep, old MATCH (c:Claim)-[r:OBJECT]->(old) MERGE (c)-[:OBJECT]->(keep) DELETE r SET c.objectId = keep.id }
CALL { WITH keep, old MATCH (c:Claim)-[r:ATTRIBUTED_TO]->(old) MERGE (c)-[:ATTRIBUTED_TO]->(keep) DELETE r }
CALL { WITH keep, old MATCH (c:Claim)-[r:AT]->(old) MERGE (c)-[:AT]->(keep) DELETE r }
CALL { WITH keep, old MATCH (a:Article)-[m:MENTIONS]->(old) MERGE (a)-[k:MENTIONS]->(keep) SET k.count = coalesce(k.count, 0) + m.count DELETE m }
SET keep.aliases = reduce(acc = coalesce(keep.aliases, []), x IN coalesce(old.aliases, []) + old.name | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    keep.names = reduce(acc = coalesce(keep.names, []), x IN coalesce(old.names, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    keep.searchKeys = reduce(acc = coalesce(keep.searchKeys, []), x IN coalesce(old.searchKeys, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END)
WITH keep, old
MERGE (redirect:Redirect {fromId: old.id})
SET redirect.toId = keep.id
WITH keep, old
OPTIONAL MATCH (earlier:Redirect {toId: old.id})
SET earlier.toId = keep.id
WITH DISTINCT keep, old
DETACH DELETE old
RETURN keep.id AS id`;

/** Claims of the relation keys given, re-keyed after a merge (their ends changed). */
export const REKEY_CLAIMS = `
MATCH (c:Claim)-[:SUBJECT|OBJECT]->(:Entity {id: $keep})
SET c.relationKey = CASE WHEN c.type IN $symmetric AND c.objectId < c.subjectId
                         THEN c.type + '|' + c.objectId + '|' + c.subjectId
                         ELSE c.type + '|' + c.subjectId + '|' + c.objectId END
RETURN collect(DISTINCT c.relationKey) AS keys`;
