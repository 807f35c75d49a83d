import type { Driver } from 'neo4j-driver';
import { createApp } from '../../src/api/app';
import { GraphDb } from '../../src/api/db';
import { loadConfig } from '../../src/config';
import { removeArticles, writeArticles } from '../../src/graph/repositories/articles-writer';
import { prepareArticle } from '../../src/ingest/pipeline';
import { isolationTag, testConnection, testDriver } from '../support/neo4j';

const KEY = 'cache-test-key-123';

describe('API response cache and rate limit', () => {
  let driver: Driver;
  const { database } = testConnection();
  const tag = isolationTag();
  // A name no other test uses: the entity is this test's own.
  const front = `Q${tag.slice(1).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;
  const frontId = `organization:${front.toLowerCase()}-liberation-front`;
  const ids: string[] = [];
  const base = loadConfig({}).api;

  const write = async (n: number, text: string) => {
    const id = `${tag}-${n}`;
    ids.push(id);
    await writeArticles(driver, database, [prepareArticle({ id, text, language: 'en', publishedAt: '2025-06-01' })]);
  };
  const app = (overrides: Partial<typeof base>) => {
    const db = new GraphDb(driver, database, 15000);
    const yoga = createApp({ driver, database, config: { ...base, apiKeys: [KEY], ...overrides }, db: () => db });
    const post = (query: string, key?: string) =>
      yoga.fetch('http://geokg.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body: JSON.stringify({ query }),
      });
    const gql = async (query: string, key?: string) => (await (await post(query, key)).json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
    return { db, post, gql };
  };
  const attacks = `{ relations(filter: { types: [ATTACKED], subject: "${frontId}" }) { totalCount } }`;

  beforeAll(async () => {
    driver = testDriver();
    await write(1, `The ${front} Liberation Front attacked Mali.`);
  });
  afterAll(async () => {
    await removeArticles(driver, database, ids);
    await driver.close();
  });

  it("answers a repeated query from the cache, and sees another process's write once the graph version moves", async () => {
    const { db, gql } = app({ cache: { ttlMs: 60_000, checkMs: 50, maxEntries: 100 } });
    expect((await gql(attacks)).data.relations.totalCount).toBe(1);
    const trips = db.roundTrips;
    expect(trips).toBeGreaterThan(0);
    expect((await gql(attacks)).data.relations.totalCount).toBe(1);
    expect(db.roundTrips).toBe(trips);

    await write(2, `The ${front} Liberation Front attacked Niger.`); // as the CLI would, not through this app
    await new Promise((resolve) => setTimeout(resolve, 250)); // past four check periods: the version is read before answering
    expect((await gql(attacks)).data.relations.totalCount).toBe(2);
    expect(db.roundTrips).toBeGreaterThan(trips);
  });

  it('runs identical queries that miss together once', async () => {
    const { db, gql } = app({ cache: { ttlMs: 60_000, checkMs: 60_000, maxEntries: 100 } });
    const query = `{ timeline(entityId: "${frontId}", first: 5) { edges { node { type object { id } } } } }`;
    const [first, second, third] = await Promise.all([gql(query), gql(query), gql(query)]);
    expect(first.data.timeline.edges.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const shared = db.roundTrips;
    const { db: alone, gql: once } = app({ cache: { ttlMs: 60_000, checkMs: 60_000, maxEntries: 100 } });
    expect(await once(query)).toEqual(first);
    expect(shared).toBe(alone.roundTrips);
  });

  it('serves fresh data right after a mutation through the API', async () => {
    const { gql } = app({ cache: { ttlMs: 60_000, checkMs: 60_000, maxEntries: 100 } });
    const aliases = `{ entity(id: "${frontId}") { aliases } }`;
    expect((await gql(aliases)).data.entity.aliases).not.toContain(`${front} Front`);
    const added = await gql(`mutation { addAlias(id: "${frontId}", alias: "${front} Front") { id } }`, KEY);
    expect(added.errors).toBeUndefined();
    expect((await gql(aliases)).data.entity.aliases).toContain(`${front} Front`);
  });

  it('keeps keyed reads keyed: a cached answer is not served without the key', async () => {
    const { gql } = app({ readsRequireKey: true, cache: { ttlMs: 60_000, checkMs: 60_000, maxEntries: 100 } });
    expect((await gql(attacks, KEY)).data.relations.totalCount).toBe(2);
    expect((await gql(attacks)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(attacks, 'wrong-key')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rate-limits cached answers too, with 429 and Retry-After', async () => {
    const { post } = app({ rateLimitPerMinute: 2, cache: { ttlMs: 60_000, checkMs: 60_000, maxEntries: 100 } });
    expect((await post(attacks)).status).toBe(200);
    expect((await post(attacks)).status).toBe(200);
    const limited = await post(attacks);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
