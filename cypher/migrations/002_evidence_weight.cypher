// Projected relationships sum their claims' evidence weights (see src/graph/cypher/ingest.ts). Claims stored
// before the weights existed get theirs, and the edges they support are recomputed. Both statements change
// nothing once applied.
MATCH (c:Claim) WHERE c.evidenceWeight IS NULL
SET c.evidenceWeight = toInteger(round(-log(1 - CASE WHEN c.confidence > 0.9999 THEN 0.9999 ELSE c.confidence END) * 1000000));

MATCH (s:Entity)-[r]->(o:Entity) WHERE r.claimCount IS NOT NULL AND r.evidenceWeight IS NULL
CALL {
  WITH r, s, o
  OPTIONAL MATCH (c:Claim {relationKey: type(r) + '|' + s.id + '|' + o.id, polarity: 'POSITIVE'})
  RETURN sum(c.evidenceWeight) AS weight
}
SET r.evidenceWeight = weight, r.confidence = round(1 - exp(-weight / 1000000.0), 4);
