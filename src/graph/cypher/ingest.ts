import { ENTITY_LABELS, ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../ontology';

/**
 * The Cypher of ingestion, one constant per statement, every one UNWIND-based and parameterized.
 * Labels and relationship types are interpolated only from the ontology's allow-list, never from input.
 */

export const REDIRECTS = `
UNWIND $ids AS id
MATCH (r:Redirect {fromId: id})
RETURN r.fromId AS fromId, r.toId AS toId`;

export const EXISTING_ARTICLES = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.contentHash AS contentHash`;

/** What an article's claims touched, before they go: the projections to recompute and the entities to check. */
export const ARTICLE_FOOTPRINT = `
UNWIND $ids AS id
OPTIONAL MATCH (c:Claim {articleId: id})
WITH id, collect(DISTINCT c.relationKey) AS keys
OPTIONAL MATCH (:Article {id: id})-[:MENTIONS]->(e:Entity)
RETURN keys, collect(DISTINCT e.id) AS entityIds`;

export const DELETE_ARTICLE_CLAIMS = `
UNWIND $ids AS id
MATCH (c:Claim {articleId: id})
DETACH DELETE c`;

export const DELETE_ARTICLE_MENTIONS = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->()
DELETE m`;

export const DELETE_ARTICLES = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a`;

/** Entities no article mentions and no claim names any more (a merged entity's redirect stays). */
export const DELETE_ORPHAN_ENTITIES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT (e)<-[:MENTIONS]-() AND NOT (e)<-[:SUBJECT|OBJECT|ATTRIBUTED_TO|AT]-()
DETACH DELETE e`;

/** Per entity type: merge by id; names, aliases and search keys accumulate as sorted sets, and the canonical name is
 * the least one seen, so the result does not depend on which process or batch came first. A type never flips:
 * a row of another type for an existing id is counted as a conflict and changes nothing. */
export const MERGE_ENTITIES: Record<EntityType, string> = Object.fromEntries(
  ENTITY_TYPES.map((type) => [
    type,
    `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
  ON CREATE SET e.type = row.type
WITH e, row, e.type = row.type AS sameType
CALL {
  WITH e, row
  UNWIND coalesce(e.names, []) + row.names AS x WITH DISTINCT x ORDER BY x RETURN collect(x) AS names
}
CALL {
  WITH e, row
  UNWIND coalesce(e.aliases, []) + row.aliases AS x WITH DISTINCT x ORDER BY x RETURN collect(x) AS aliases
}
CALL {
  WITH e, row
  UNWIND coalesce(e.searchKeys, []) + row.searchKeys AS x WITH DISTINCT x ORDER BY x RETURN collect(x) AS searchKeys
}
FOREACH (_ IN CASE WHEN sameType THEN [1] ELSE [] END |
  SET e:${ENTITY_LABELS[type]},
      e.name = CASE WHEN e.name IS NULL OR row.name < e.name THEN row.name ELSE e.name END,
      e.wikidataId = coalesce(e.wikidataId, row.wikidataId),
      e.names = names, e.aliases = aliases, e.searchKeys = searchKeys)
RETURN sum(CASE WHEN sameType THEN 0 ELSE 1 END) AS typeConflicts`,
  ]),
) as Record<EntityType, string>;

export const MERGE_ARTICLES = `
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.url = row.url, a.title = row.title, a.source = row.source, a.language = row.language,
    a.contentHash = row.contentHash,
    a.publishedAt = CASE WHEN row.publishedAt IS NULL THEN null ELSE datetime(row.publishedAt) END`;

export const MERGE_MENTIONS = `
UNWIND $rows AS row
MATCH (a:Article {id: row.articleId}), (e:Entity {id: row.entityId})
MERGE (a)-[m:MENTIONS]->(e)
SET m.count = row.count`;

export const MERGE_CLAIMS = `
UNWIND $rows AS row
MATCH (a:Article {id: row.articleId}), (s:Entity {id: row.subjectId}), (o:Entity {id: row.objectId})
MERGE (c:Claim {id: row.id})
SET c += row.props
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o)
MERGE (c)-[:FROM_ARTICLE]->(a)
WITH c, row
OPTIONAL MATCH (t:Entity {id: row.attributedToId})
OPTIONAL MATCH (l:Entity {id: row.locationId})
FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | MERGE (c)-[:ATTRIBUTED_TO]->(t))
FOREACH (_ IN CASE WHEN l IS NULL THEN [] ELSE [1] END | MERGE (c)-[:AT]->(l))`;

/**
 * Per relation type: recompute the projected relationship from its positive claims, never incrementing.
 * MERGE first takes the edge's locks, so concurrent writers of the same edge recompute one after the other.
 * confidence is a noisy-or of the claims' confidences: 1 − Π(1 − cᵢ).
 */
export const RECOMPUTE_PROJECTIONS: Record<RelationType, string> = Object.fromEntries(
  RELATION_TYPES.map((type) => [
    type,
    `
UNWIND $keys AS k
MATCH (s:Entity {id: k.subject}), (o:Entity {id: k.object})
MERGE (s)-[r:${type}]->(o)
WITH r, k
CALL {
  WITH k
  OPTIONAL MATCH (c:Claim {relationKey: k.key, polarity: 'POSITIVE'})
  RETURN count(c) AS claimCount, count(DISTINCT c.articleId) AS articleCount,
         min(c.eventDate) AS firstSeen, max(c.eventDate) AS lastSeen, collect(c.confidence) AS confidences
}
FOREACH (_ IN CASE WHEN claimCount > 0 THEN [1] ELSE [] END |
  SET r.claimCount = claimCount, r.articleCount = articleCount, r.firstSeen = firstSeen, r.lastSeen = lastSeen,
      r.confidence = round(1 - reduce(p = 1.0, x IN confidences | p * (1 - x)), 4))
FOREACH (_ IN CASE WHEN claimCount = 0 THEN [1] ELSE [] END | DELETE r)`,
  ]),
) as Record<RelationType, string>;
