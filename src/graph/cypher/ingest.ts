import { ENTITY_LABELS, ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../ontology';

/**
 * The Cypher of ingestion, one constant per statement, every one UNWIND-based and parameterized.
 * Labels and relationship types are interpolated only from the ontology's allow-list, never from input.
 *
 * Each statement keeps its first plan (`replan=skip`): they are unique-index seeks whatever the statistics, and
 * bulk ingestion moves the statistics so fast that Neo4j would otherwise replan them every few seconds, which cost
 * more than the writes (the entity and projection statements take seconds to plan).
 */
export const KEEP_PLAN = 'CYPHER replan=skip';

export const REDIRECTS = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (r:Redirect {fromId: id})
RETURN r.fromId AS fromId, r.toId AS toId`;

export const EXISTING_ARTICLES = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.contentHash AS contentHash, a.extractor AS extractor`;

/** What an article's claims touched, before they go: the projections to recompute and the entities to check. */
export const ARTICLE_FOOTPRINT = `${KEEP_PLAN}
UNWIND $ids AS id
OPTIONAL MATCH (c:Claim {articleId: id})
WITH id, collect(DISTINCT c.relationKey) AS keys
OPTIONAL MATCH (:Article {id: id})-[:MENTIONS]->(e:Entity)
RETURN keys, collect(DISTINCT e.id) AS entityIds`;

export const DELETE_ARTICLE_CLAIMS = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (c:Claim {articleId: id})
DETACH DELETE c`;

export const DELETE_ARTICLE_MENTIONS = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->()
DELETE m`;

export const DELETE_ARTICLES = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a`;

/** Entities no article mentions and no claim names any more (a merged entity's redirect stays). */
export const DELETE_ORPHAN_ENTITIES = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT (e)<-[:MENTIONS]-() AND NOT (e)<-[:SUBJECT|OBJECT|ATTRIBUTED_TO|AT]-()
DETACH DELETE e`;

/** Per entity type: merge by id; names, aliases and search keys accumulate as sorted sets, and the canonical name is
 * the least one seen, so the result does not depend on which process or batch came first. A type never flips:
 * a row of another type for an existing id is counted as a conflict and changes nothing. */
const mergeEntitiesOfType = (type: EntityType) => `
CALL {
  UNWIND coalesce($byType.${type}, []) AS row
  MERGE (e:Entity {id: row.id})
    ON CREATE SET e.type = row.type
  WITH e, row, e.type = row.type AS sameType
  // Most rows bring nothing new (a country seen in every batch): those take no write lock and no sort.
  WITH e, row, sameType, sameType AND (
    NOT e:${ENTITY_LABELS[type]} OR e.name IS NULL OR row.name < e.name OR (e.wikidataId IS NULL AND row.wikidataId IS NOT NULL)
    OR any(x IN row.names WHERE NOT x IN coalesce(e.names, []))
    OR any(x IN row.aliases WHERE NOT x IN coalesce(e.aliases, []))
    OR any(x IN row.searchKeys WHERE NOT x IN coalesce(e.searchKeys, []))) AS changes
  CALL {
    WITH e, row, changes
    WITH e, row WHERE changes
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
    SET e:${ENTITY_LABELS[type]},
        e.name = CASE WHEN e.name IS NULL OR row.name < e.name THEN row.name ELSE e.name END,
        e.wikidataId = coalesce(e.wikidataId, row.wikidataId),
        e.names = names, e.aliases = aliases, e.searchKeys = searchKeys
  }
  RETURN sum(CASE WHEN sameType THEN 0 ELSE 1 END) AS ${type}_conflicts
}`;

/** All entities of a batch in one statement (`$byType`: rows per entity type), one block per type for its label. */
export const MERGE_ENTITIES = `${KEEP_PLAN}${ENTITY_TYPES.map(mergeEntitiesOfType).join('')}
RETURN ${ENTITY_TYPES.map((type) => `${type}_conflicts`).join(' + ')} AS typeConflicts`;

/**
 * Write locks on the batch's stored entities, in id order, before anything links to them. Two batches that share a
 * hub (a country in every article) would otherwise each take its relationship-group locks in their own order and
 * deadlock when they add its claims and edges; in one order, the second waits here for the first to commit.
 * Returns the entities found with their stored type: the writer sends the others whole.
 */
export const LOCK_ENTITIES = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e._lock = true
REMOVE e._lock
RETURN e.id AS id, e.type AS type`;

/** Writes the articles and returns how each was read before (hash and extractor; a null hash means new). */
export const MERGE_ARTICLES = `${KEEP_PLAN}
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
WITH a, row, a.contentHash AS previousHash, a.extractor AS previousExtractor
SET a.url = row.url, a.title = row.title, a.source = row.source, a.language = row.language,
    a.contentHash = row.contentHash, a.extractor = row.extractor,
    a.publishedAt = CASE WHEN row.publishedAt IS NULL THEN null ELSE datetime(row.publishedAt) END
RETURN row.id AS id, previousHash AS contentHash, previousExtractor AS extractor`;

/** The mentions and claims of articles being written: new, or replaced with their old ones deleted first, so
 * they are created, not merged (no lookup on a hub entity's thousands of links). */
export const CREATE_MENTIONS = `${KEEP_PLAN}
UNWIND $rows AS row
MATCH (a:Article {id: row.articleId}), (e:Entity {id: row.entityId})
CREATE (a)-[:MENTIONS {count: row.count}]->(e)`;

export const CREATE_CLAIMS = `${KEEP_PLAN}
UNWIND $rows AS row
MATCH (a:Article {id: row.articleId}), (s:Entity {id: row.subjectId}), (o:Entity {id: row.objectId})
CREATE (c:Claim {id: row.id})
SET c += row.props
CREATE (c)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o), (c)-[:FROM_ARTICLE]->(a)
WITH c, row
OPTIONAL MATCH (t:Entity {id: row.attributedToId})
OPTIONAL MATCH (l:Entity {id: row.locationId})
FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | CREATE (c)-[:ATTRIBUTED_TO]->(t))
FOREACH (_ IN CASE WHEN l IS NULL THEN [] ELSE [1] END | CREATE (c)-[:AT]->(l))`;

/**
 * A projected relationship summarizes its positive claims: claimCount, articleCount, firstSeen, lastSeen, and
 * confidence, a noisy-or of the claims' confidences, 1 − Π(1 − cᵢ) = 1 − exp(−Σ wᵢ) with wᵢ = −ln(1 − cᵢ).
 * Each claim stores its wᵢ as an integer count of millionths (`evidenceWeight`), so sums are exact in any order
 * and the edge is the same whether built at once or batch by batch.
 */
const confidenceOf = (weight: string) => `round(1 - exp(-${weight} / 1000000.0), 4)`;

/**
 * Per relation type: recompute the projected relationship from its positive claims, never incrementing.
 * MERGE first takes the edge's locks, so concurrent writers of the same edge recompute one after the other.
 */
export const RECOMPUTE_PROJECTIONS: Record<RelationType, string> = Object.fromEntries(
  RELATION_TYPES.map((type) => [
    type,
    `${KEEP_PLAN}
UNWIND $keys AS k
MATCH (s:Entity {id: k.subject}), (o:Entity {id: k.object})
MERGE (s)-[r:${type}]->(o)
WITH r, k
CALL {
  WITH k
  OPTIONAL MATCH (c:Claim {relationKey: k.key, polarity: 'POSITIVE'})
  RETURN count(c) AS claimCount, count(DISTINCT c.articleId) AS articleCount,
         min(c.eventDate) AS firstSeen, max(c.eventDate) AS lastSeen, sum(c.evidenceWeight) AS evidenceWeight
}
FOREACH (_ IN CASE WHEN claimCount > 0 THEN [1] ELSE [] END |
  SET r.claimCount = claimCount, r.articleCount = articleCount, r.firstSeen = firstSeen, r.lastSeen = lastSeen,
      r.evidenceWeight = evidenceWeight, r.confidence = ${confidenceOf('evidenceWeight')})
FOREACH (_ IN CASE WHEN claimCount = 0 THEN [1] ELSE [] END | DELETE r)`,
  ]),
) as Record<RelationType, string>;

/**
 * Adds the summary of claims from articles new to the graph (`$byType`: rows per relation type, computed by the
 * writer) to the projected relationships, all types in one statement. New articles' claims are disjoint from the
 * stored ones, so the sum equals a recompute without reading the edges' older claims. Replaced and removed
 * articles go through RECOMPUTE_PROJECTIONS.
 */
export const ADD_TO_PROJECTIONS = KEEP_PLAN + RELATION_TYPES.map(
  (type) => `
CALL {
  UNWIND coalesce($byType.${type}, []) AS k
  MATCH (s:Entity {id: k.subject}), (o:Entity {id: k.object})
  MERGE (s)-[r:${type}]->(o)
  SET r.claimCount = coalesce(r.claimCount, 0) + toInteger(k.claimCount),
      r.articleCount = coalesce(r.articleCount, 0) + toInteger(k.articleCount),
      r.firstSeen = CASE WHEN k.firstSeen IS NULL OR r.firstSeen <= k.firstSeen THEN r.firstSeen ELSE k.firstSeen END,
      r.lastSeen = CASE WHEN k.lastSeen IS NULL OR r.lastSeen >= k.lastSeen THEN r.lastSeen ELSE k.lastSeen END,
      r.evidenceWeight = coalesce(r.evidenceWeight, 0) + toInteger(k.evidenceWeight)
  SET r.confidence = ${confidenceOf('r.evidenceWeight')}
}`,
).join('');
