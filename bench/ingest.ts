import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { connect } from '../src/graph/driver';
import { LocalNeo4j, freePort } from '../src/graph/local-neo4j';
import { migrate } from '../src/graph/migrations';
import { int } from 'neo4j-driver';
import { ENTITY_LABELS, relationKey } from '../src/graph/ontology';
import { evidenceWeight, prepareWriter, withoutNulls } from '../src/graph/repositories/articles-writer';
import { ingest, prepareArticle } from '../src/ingest/pipeline';
import { readSources } from '../src/ingest/sources';
import { generateCorpus } from './corpus';
import { machine } from './machine';

/**
 * End-to-end ingestion (read NDJSON → extract → resolve → write, with projections) into a fresh local Neo4j,
 * then the ceiling: the same resolved rows written with one hand-tuned UNWIND statement per batch.
 */
const ARTICLES = Number(process.env.ARTICLES ?? 20_000);
const WORDS = Number(process.env.WORDS ?? 300);
const BATCH = Number(process.env.BATCH ?? 250);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 2);
const THREADS = Number(process.env.THREADS ?? loadConfig().ingest.extractThreads);

/**
 * The same rows the writer stores (every article, entity, mention and claim property and link), written by one
 * hand-tuned statement per batch: entities only on creation, no projections, no locks, nothing read back.
 */
const CEILING = `
UNWIND $rows AS row
MERGE (a:Article {id: row.article.id})
SET a += row.article.props, a.publishedAt = CASE WHEN row.article.publishedAt IS NULL THEN null ELSE datetime(row.article.publishedAt) END
WITH a, row
CALL {
  WITH row
  UNWIND row.entities AS e
  MERGE (n:Entity {id: e.id})
    ON CREATE SET n += e.props, n:$(e.label)
}
CALL {
  WITH a, row
  UNWIND row.mentions AS m
  MATCH (n:Entity {id: m.entityId})
  CREATE (a)-[:MENTIONS {count: m.count}]->(n)
}
CALL {
  WITH a, row
  UNWIND row.claims AS c
  MATCH (s:Entity {id: c.subjectId}), (o:Entity {id: c.objectId})
  CREATE (cl:Claim {id: c.id})
  SET cl += c.props
  CREATE (cl)-[:SUBJECT]->(s), (cl)-[:OBJECT]->(o), (cl)-[:FROM_ARTICLE]->(a)
  WITH cl, c
  OPTIONAL MATCH (t:Entity {id: c.attributedToId})
  OPTIONAL MATCH (l:Entity {id: c.locationId})
  FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | CREATE (cl)-[:ATTRIBUTED_TO]->(t))
  FOREACH (_ IN CASE WHEN l IS NULL THEN [] ELSE [1] END | CREATE (cl)-[:AT]->(l))
}`;

/** The ceiling's parameters for one article: what the writer sends, computed before the clock starts. */
function ceilingRow({ article, entities, mentions, claims }: ReturnType<typeof prepareArticle>) {
  const { id, publishedAt, ...articleProps } = article;
  return {
    article: { id, publishedAt, props: withoutNulls(articleProps) },
    entities: entities.map(({ id, ...props }) => ({ id, label: ENTITY_LABELS[props.type], props: withoutNulls({ id, ...props }) })),
    mentions,
    claims: claims.map(({ id, ...c }) => {
      const key = relationKey(c.type, c.subjectId, c.objectId);
      return { id, subjectId: c.subjectId, objectId: c.objectId, attributedToId: c.attributedToId, locationId: c.locationId, props: withoutNulls({ ...c, relationKey: key, articleId: article.id, evidenceWeight: int(evidenceWeight(c.confidence)) }) };
    }),
  };
}


/** A fresh Neo4j for one measurement (or the user's NEO4J_URI), stopped and removed by `done`. */
async function freshGraph() {
  const config = loadConfig();
  if (config.external) {
    const driver = await connect(config.external);
    return { driver, database: config.external.database, uri: config.external.uri, done: () => driver.close() };
  }
  const runs = path.join(config.neo4j.home, 'bench-runs');
  mkdirSync(runs, { recursive: true });
  const server = new LocalNeo4j({ root: config.neo4j.home, instanceDir: mkdtempSync(path.join(runs, 'ingest-')), boltPort: await freePort(), httpPort: await freePort(), heap: '2g', pageCache: '1g', username: 'neo4j', password: 'bench-password' });
  await server.start();
  const driver = await connect({ uri: server.uri, username: 'neo4j', password: server.password, database: 'neo4j' });
  await migrate(driver, 'neo4j');
  return {
    driver,
    database: 'neo4j',
    uri: server.uri,
    done: async () => {
      await driver.close();
      await server.stop();
      rmSync(server.instanceDir, { recursive: true, force: true });
    },
  };
}

async function main() {
  console.log(`machine: ${machine()}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'geokg-bench-'));
  try {
    const corpus = generateCorpus(ARTICLES, WORDS, 7);
    const file = path.join(dir, 'corpus.ndjson');
    writeFileSync(file, corpus.map((a) => JSON.stringify(a)).join('\n'));
    console.log(`corpus: ${ARTICLES} articles of ~${WORDS} words (half Arabic, half English); batch ${BATCH}, concurrency ${CONCURRENCY}, ${THREADS} extraction thread(s)`);

    const first = await freshGraph();
    let e2eRate: number;
    try {
      // Once per server, before the timer (the CLI does the same before it ingests).
      console.log(`write statements planned in ${(await prepareWriter(first.driver, first.database)).toFixed(1)} s`);
      const e2e = await ingest(first.driver, first.database, readSources([file]), { batchSize: BATCH, concurrency: CONCURRENCY, extractThreads: THREADS, dryRun: false });
      e2eRate = e2e.created / e2e.seconds;
      console.log(`end-to-end: ${e2e.created} articles, ${e2e.claims} claims in ${e2e.seconds.toFixed(1)} s → ${e2eRate.toFixed(0)} articles/s, ${(e2e.claims / e2e.seconds).toFixed(0)} claims/s`);
    } finally {
      await first.done();
    }

    const extractStart = performance.now();
    const prepared = corpus.map((a) => prepareArticle(a));
    const extractSeconds = (performance.now() - extractStart) / 1000;
    console.log(`extraction alone (one core): ${(ARTICLES / extractSeconds).toFixed(0)} articles/s`);
    const rows = prepared.map(ceilingRow);

    const second = await freshGraph();
    try {
      const start = performance.now();
      let claims = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        claims += batch.reduce((n, r) => n + r.claims.length, 0);
        await second.driver.executeQuery(CEILING, { rows: batch }, { database: second.database });
      }
      const seconds = (performance.now() - start) / 1000;
      const ceiling = ARTICLES / seconds;
      console.log(`ceiling (the same rows, one UNWIND per batch, pre-extracted; no projections): ${ARTICLES} articles in ${seconds.toFixed(1)} s → ${ceiling.toFixed(0)} articles/s, ${(claims / seconds).toFixed(0)} claims/s`);
      console.log(`end-to-end / ceiling = ${((100 * e2eRate) / ceiling).toFixed(0)}% (goal ≥ 300 articles/s and ≥ 60% of the ceiling)`);
    } finally {
      await second.done();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
