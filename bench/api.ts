import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config';
import { connect } from '../src/graph/driver';
import { LocalNeo4j, freePort } from '../src/graph/local-neo4j';
import { migrate } from '../src/graph/migrations';
import { PROJECT_ROOT } from '../src/paths';
import * as repo from '../src/graph/repositories/graph-reader';
import { ingest } from '../src/ingest/pipeline';
import { readSources } from '../src/ingest/sources';
import { GraphDb } from '../src/api/db';
import { generateCorpus } from './corpus';
import { machine, median } from './machine';

/**
 * API latency and throughput over a generated graph (≥ 100,000 claims): a fixed mix of dashboard queries through
 * HTTP (the server in its own process, autocannon as the client) at concurrency 1, 10 and 50, and the same reads
 * done directly with the driver (the ceiling).
 */
const ARTICLES = Number(process.env.ARTICLES ?? 12_000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const LEVELS = [1, 10, 50];

const MIX = [
  { name: 'search', query: '{ search(text: "korea", first: 10) { edges { node { id name } } } }' },
  { name: 'relations+claims', query: '{ relations(first: 20, filter: { types: [SENT_TROOPS_TO, SUPPLIED_WEAPONS_TO] }) { edges { node { subject { name } object { name } confidence claims(first: 3) { edges { node { modality evidence { sentence article { title } } } } } } } } }' },
  { name: 'neighborhood', query: '{ neighborhood(id: "Q159", depth: 1, limit: 50) { nodes { id name } edges { type subject { id } object { id } } } }' },
  { name: 'timeline', query: '{ timeline(entityId: "Q423", first: 20) { edges { node { type eventDate subject { name } object { name } } } } }' },
  { name: 'counts-by-month', query: '{ relationCounts(groupBy: MONTH, filter: { involving: "Q212" }) { key count } }' },
];

/** The same reads the resolvers make for each query of the mix, without HTTP and GraphQL, one function per query. */
const DIRECT: ((db: GraphDb) => Promise<unknown>)[] = [
  async (db) => repo.entitiesById(db, await repo.searchEntities(db, 'korea', undefined, { skip: 0, limit: 11 })),
  async (db) => {
    const rels = await repo.relationPage(db, { types: ['SENT_TROOPS_TO', 'SUPPLIED_WEAPONS_TO'] }, { skip: 0, limit: 21 });
    await repo.entitiesById(db, [...new Set(rels.flatMap((r) => [r.subjectId, r.objectId]))]);
    const claims = await repo.claimsByRelation(db, rels.map((r) => ({ key: r.id, skip: 0, limit: 4 })));
    await repo.articlesById(db, [...new Set(claims.flat().map((c) => c.articleId))]);
  },
  async (db) => {
    const edges = await repo.neighborhood(db, 'Q159', 1, undefined, 50);
    await repo.entitiesById(db, [...new Set(edges.flatMap((e) => [e.subjectId, e.objectId]))]);
  },
  async (db) => {
    const timeline = await repo.timelinePage(db, { id: 'Q423' }, { skip: 0, limit: 21 });
    await repo.entitiesById(db, [...new Set(timeline.flatMap((c) => [c.subjectId, c.objectId]))]);
  },
  (db) => repo.relationCounts(db, 'MONTH', { involving: 'Q212' }, 50),
];

/** The ceiling: each of `concurrency` clients runs the mix's reads in turn, each read timed as one request. */
async function driverCeiling(db: GraphDb, concurrency: number): Promise<{ rps: number; p50: number; p99: number; failures: number }> {
  const latencies: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      for (let n = client; Date.now() < deadline; n++) {
        const t = performance.now();
        try {
          await DIRECT[n % DIRECT.length](db);
        } catch {
          failures++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  return { rps: (latencies.length - failures) / SECONDS, p50: median(sorted), p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0, failures };
}

async function main() {
  const config = loadConfig();
  console.log(`machine: ${machine()}`);
  const runs = path.join(config.neo4j.home, 'bench-runs');
  mkdirSync(runs, { recursive: true });
  const server = new LocalNeo4j({ root: config.neo4j.home, instanceDir: mkdtempSync(path.join(runs, 'api-')), boltPort: await freePort(), httpPort: await freePort(), heap: '2g', pageCache: '1g', username: 'neo4j', password: 'bench-password' });
  await server.start();
  const connection = { uri: server.uri, username: 'neo4j', password: server.password, database: 'neo4j' };
  const driver = await connect(connection);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'geokg-bench-api-'));
  const apis: ChildProcess[] = [];
  try {
    await migrate(driver, 'neo4j');
    const file = path.join(dir, 'corpus.ndjson');
    writeFileSync(file, generateCorpus(ARTICLES, 300, 11).map((a) => JSON.stringify(a)).join('\n'));
    const built = await ingest(driver, 'neo4j', readSources([file]), { batchSize: 250, concurrency: 2, dryRun: false });
    console.log(`graph: ${built.created} articles, ${built.claims} claims (built in ${built.seconds.toFixed(0)} s)`);

    const startApi = async (cacheTtlMs: number) => {
      const port = await freePort();
      const child = spawn('node', [path.join(PROJECT_ROOT, 'bin', 'geokg.js'), 'serve'], {
        env: { ...process.env, NEO4J_URI: connection.uri, NEO4J_PASSWORD: connection.password, PORT: String(port), GEOKG_INGEST_SEEDS: 'false', GEOKG_RATE_LIMIT: '100000000', GEOKG_CACHE_TTL_MS: String(cacheTtlMs) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      apis.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on('data', (chunk: Buffer) => chunk.toString().includes('GraphQL API') && resolve());
        child.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
      });
      return port;
    };
    const uncachedPort = await startApi(0);
    const cachedPort = await startApi(300_000);
    // Plans compiled and caches filled before measuring: the table shows steady state.
    for (const port of [uncachedPort, cachedPort]) {
      for (const m of MIX) await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: m.query }) });
    }
    const load = (port: number, connections: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}/graphql`,
        connections,
        duration: SECONDS,
        requests: MIX.map((m) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: m.query }) })),
      });
    const db = new GraphDb(driver, 'neo4j', 15000);
    console.log(`mix: ${MIX.map((m) => m.name).join(', ')}; ${SECONDS} s per level and server`);
    console.log('HTTP without the response cache (every request runs its Cypher), HTTP with it (default), and the driver alone:');
    console.log('concurrency | uncached req/s  p50 ms  p99 ms | cached req/s  p50 ms  p99 ms | driver req/s  p50 ms  p99 ms | uncached/driver');
    const cell = (rps: number, p50: number, p99: number, width: number) => `${rps.toFixed(0).padStart(width)} ${p50.toFixed(1).padStart(7)} ${p99.toFixed(1).padStart(7)}`;
    for (const connections of LEVELS) {
      const uncached = await load(uncachedPort, connections);
      const cached = await load(cachedPort, connections);
      const direct = await driverCeiling(db, connections);
      const errors = uncached.errors + uncached.non2xx + cached.errors + cached.non2xx + direct.failures;
      console.log(
        `${String(connections).padStart(11)} | ${cell(uncached.requests.average, uncached.latency.p50, uncached.latency.p99, 14)} | ${cell(cached.requests.average, cached.latency.p50, cached.latency.p99, 12)} | ${cell(direct.rps, direct.p50, direct.p99, 12)} | ${((100 * uncached.requests.average) / direct.rps).toFixed(0).padStart(14)}%${errors ? `  (${errors} errors)` : ''}`,
      );
    }
    console.log('goal: p99 ≤ 50 ms at 50 concurrent, ≥ 70% of the driver throughput');
  } finally {
    for (const api of apis) api.kill('SIGTERM');
    await driver.close();
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
    rmSync(server.instanceDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
