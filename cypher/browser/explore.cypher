// geokg — saved exploration queries for Neo4j Browser.
// Paste one into the editor (or star it as a favourite). Parameters: set them first with :param, e.g.
//   :param entity => 'Q423'

// 1. Who sent troops where: the projected edges, strongest first.
MATCH (s:Entity)-[r:SENT_TROOPS_TO]->(o:Entity)
RETURN s, r, o
ORDER BY r.confidence DESC, r.articleCount DESC
LIMIT 50;

// 2. The alliance and cooperation network.
MATCH p = (:Country)-[:ALLIED_WITH|COOPERATES_WITH]-(:Country)
RETURN p
LIMIT 200;

// 3. Who condemned an entity, with the evidence sentences (:param entity => 'Q159').
MATCH (c:Claim {type: 'CONDEMNED'})-[:OBJECT]->(o:Entity {id: $entity}),
      (c)-[:SUBJECT]->(s:Entity), (c)-[:FROM_ARTICLE]->(a:Article)
RETURN s.name AS who, c.modality AS modality, c.eventDate AS date, c.sentence AS evidence, a.title AS article, a.url AS url
ORDER BY c.eventDate DESC
LIMIT 100;

// 4. An entity's timeline: every claim it takes part in, by date (:param entity => 'Q423').
MATCH (c:Claim)-[:SUBJECT|OBJECT]->(:Entity {id: $entity})
MATCH (c)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity)
RETURN c.eventDate AS date, s.name AS subject, c.type AS relation, o.name AS object, c.polarity AS polarity, c.modality AS modality, c.sentence AS evidence
ORDER BY date DESC
LIMIT 200;

// 5. The claims behind one edge: says who, where, when (:param subject => 'Q423', :param object => 'Q159', :param type => 'SENT_TROOPS_TO').
MATCH (c:Claim {type: $type})-[:SUBJECT]->(:Entity {id: $subject}), (c)-[:OBJECT]->(:Entity {id: $object}), (c)-[:FROM_ARTICLE]->(a:Article)
OPTIONAL MATCH (c)-[:ATTRIBUTED_TO]->(src:Entity)
OPTIONAL MATCH (c)-[:AT]->(place:Entity)
RETURN c.eventDate AS date, c.polarity AS polarity, c.modality AS modality, src.name AS saysWho, place.name AS where,
       c.quantityText AS quantity, c.confidence AS confidence, c.sentence AS evidence, a.source AS source, a.url AS url
ORDER BY date DESC;

// 6. Denials: who denies what.
MATCH (c:Claim {modality: 'DENIED'})-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity)
RETURN s.name AS denier, c.type AS relation, o.name AS object, c.eventDate AS date, c.sentence AS evidence
ORDER BY date DESC
LIMIT 100;

// 7. Find an entity by any of its names, in Arabic or English (:param q => 'كوريا').
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score
RETURN node.id AS id, node.type AS type, node.name AS name, score
LIMIT 20;
