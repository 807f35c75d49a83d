import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/api/app';
import { GraphDb } from '../../src/api/db';
import { RULES_EXTRACTOR } from '../../src/extract';
import { removeArticles } from '../../src/graph/repositories/articles-writer';
import { ingest } from '../../src/ingest/pipeline';
import { readSources } from '../../src/ingest/sources';
import { testConnection, testDriver } from '../support/neo4j';

const KEY = 'test-api-key-123';
const SEEDS = path.resolve(__dirname, '../../seeds');

describe('GraphQL API over the seeds', () => {
  let driver: Driver;
  const { database } = testConnection();
  // No response cache here: these tests count database round trips (the cache has its own tests).
  const config = { ...loadConfig({}).api, apiKeys: [KEY], maxPageSize: 50, cache: { ...loadConfig({}).api.cache, ttlMs: 0 } };
  let db: GraphDb;
  let yoga: ReturnType<typeof createApp>;
  const articleIds: string[] = [];

  const gql = async (query: string, variables: Record<string, unknown> = {}, key?: string) => {
    const response = await yoga.fetch('http://geokg.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };

  beforeAll(async () => {
    driver = testDriver();
    const summary = await ingest(driver, database, readSources([SEEDS]), { batchSize: 8, concurrency: 1, dryRun: false });
    expect(summary.created + summary.unchanged).toBe(16);
    db = new GraphDb(driver, database, 15000);
    yoga = createApp({ driver, database, config, db: () => db });
    const { data } = await gql('{ articles(first: 50) { edges { node { id } } } }');
    articleIds.push(...data.articles.edges.map((e: any) => e.node.id));
  });

  afterAll(async () => {
    await removeArticles(driver, database, articleIds);
    await driver.close();
  });

  it('answers about the server', async () => {
    const { data } = await gql('{ about { neo4jVersion neo4jEdition } }');
    expect(data.about).toEqual({ neo4jVersion: expect.stringMatching(/^5\.26\./), neo4jEdition: 'community' });
  });

  it('gets an entity by id with its names in both languages and its type', async () => {
    const { data } = await gql('{ entity(id: "Q423") { __typename id name wikidataId names { language name } mentionCount claimCount } }');
    expect(data.entity).toMatchObject({ __typename: 'Country', id: 'Q423', name: 'North Korea', wikidataId: 'Q423' });
    expect(data.entity.names).toEqual(expect.arrayContaining([{ language: 'ar', name: 'كوريا الشمالية' }, { language: 'en', name: 'North Korea' }]));
    expect(data.entity.mentionCount).toBeGreaterThan(0);
  });

  it('finds the same entity by its Arabic and its English name, whatever the spelling', async () => {
    const ids = async (text: string) => (await gql('query($t: String!) { search(text: $t, first: 3) { edges { node { id } } } }', { t: text })).data.search.edges.map((e: any) => e.node.id);
    expect((await ids('North Korea'))[0]).toBe('Q423');
    expect((await ids('كوريا الشمالية'))[0]).toBe('Q423');
    expect(await ids('اوكرانيا')).toContain('Q212');
    expect(await ids('أوكرانيا')).toContain('Q212');
  });

  it('escapes Lucene special characters in search text', async () => {
    const result = await gql('query($t: String!) { search(text: $t) { totalCount edges { node { id } } } }', { t: 'Russia (AND) [*] ~ "quoted" \\ / OR: +-!' });
    expect(result.errors).toBeUndefined();
    expect(result.data.search.edges.map((e: any) => e.node.id)).toContain('Q159');
  });

  it('pages through relations by cursor, returning every item exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const { data } = await gql('query($after: String) { relations(first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', { after });
      total = data.relations.totalCount;
      seen.push(...data.relations.edges.map((e: any) => e.node.id));
      if (!data.relations.pageInfo.hasNextPage) break;
      after = data.relations.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(20);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('filters relations and shows the claims behind them with evidence', async () => {
    const { data } = await gql(`{ relations(filter: { types: [SENT_TROOPS_TO], subject: "Q423", object: "Q159" }) {
      edges { node { type subject { name } object { name } articleCount claims(first: 5) { totalCount edges { node { modality attributedTo { name } quantity { value } evidence { sentence start end article { id language extractor } } } } } } } } }`);
    const relation = data.relations.edges[0].node;
    expect(relation).toMatchObject({ type: 'SENT_TROOPS_TO', subject: { name: 'North Korea' }, object: { name: 'Russia' } });
    expect(relation.claims.totalCount).toBeGreaterThanOrEqual(2);
    const evidence = relation.claims.edges[0].node.evidence;
    expect(evidence.sentence.length).toBe(evidence.end - evidence.start);
    expect(evidence.article.extractor).toBe(RULES_EXTRACTOR);
  });

  it('resolves a nested page in a bounded number of round trips, whatever its breadth', async () => {
    const query = `{ relations(first: 50) { edges { node { subject { name } object { name } claims(first: 3) { edges { node { evidence { article { title } } } } } } } } }`;
    const before = db.roundTrips;
    const result = await gql(query);
    const trips = db.roundTrips - before;
    expect(result.data.relations.edges.length).toBeGreaterThan(20);
    // relations page + entity batch + claims batch + article batch
    expect(trips).toBeLessThanOrEqual(4);
  });

  it('gives a timeline, a neighborhood, articles and dashboard aggregates', async () => {
    const { data, errors } = await gql(`{
      timeline(entityId: "Q423", first: 5) { totalCount edges { node { type eventDate } } }
      neighborhood(id: "Q423", depth: 2, limit: 30) { nodes { id } edges { type subject { id } object { id } } }
      byType: relationCounts(groupBy: TYPE) { key count }
      byMonth: relationCounts(groupBy: MONTH, filter: { involving: "Q423" }) { key count }
      bySubject: relationCounts(groupBy: SUBJECT, limit: 3) { key label count }
      topActors(limit: 3) { entity { name } count }
      paths(from: "Q3874799", to: "Q423", maxHops: 3) { nodes { id } edges { type } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.timeline.totalCount).toBeGreaterThan(3);
    expect(data.neighborhood.nodes.map((n: any) => n.id)).toContain('Q159');
    expect(data.byType.length).toBeGreaterThan(5);
    expect(data.byMonth.every((c: any) => /^\d{4}-\d{2}$/.test(c.key))).toBe(true);
    expect(data.bySubject[0].label).not.toBe(data.bySubject[0].key);
    expect(data.topActors).toHaveLength(3);
    // Zelensky leads Ukraine; Ukraine and North Korea meet through Russia or another shared neighbour.
    expect(data.paths.length).toBeGreaterThan(0);
    for (const path of data.paths) {
      expect(path.nodes[0].id).toBe('Q3874799');
      expect(path.nodes[path.nodes.length - 1].id).toBe('Q423');
      expect(path.edges).toHaveLength(path.nodes.length - 1);
    }
  });

  it('rejects mutations without an API key and with a wrong one', async () => {
    const mutation = 'mutation { ingestArticle(input: { text: "Germany condemned Russia." }) { created } }';
    expect((await gql(mutation)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(mutation, {}, 'wrong-key')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('ingests an article idempotently, adds an alias, merges entities and removes the article', async () => {
    const ingestIt = `mutation($text: String!) { ingestArticle(input: { id: "api-test-1", text: $text, language: "en", publishedAt: "2025-05-01" }) { created unchanged claims articleIds } }`;
    const text = 'The Zorvian Liberation Front attacked Mali. Zorvian Front fighters attacked Niger.';
    const first = await gql(ingestIt, { text }, KEY);
    expect(first.data.ingestArticle).toMatchObject({ created: 1, articleIds: ['api-test-1'] });
    const again = await gql(ingestIt, { text }, KEY);
    expect(again.data.ingestArticle).toMatchObject({ created: 0, unchanged: 1 });

    const alias = await gql('mutation { addAlias(id: "Q912", alias: "Republic of Mali") { aliases } }', {}, KEY);
    expect(alias.data.addAlias.aliases).toContain('Republic of Mali');
    const found = await gql('{ search(text: "Republic of Mali") { edges { node { id } } } }');
    expect(found.data.search.edges[0].node.id).toBe('Q912');

    const merged = await gql('mutation { mergeEntities(keep: "organization:zorvian-liberation-front", merge: "organization:zorvian-front") { id aliases claimCount } }', {}, KEY);
    expect(merged.errors).toBeUndefined();
    expect(merged.data.mergeEntities.aliases).toContain('Zorvian Front');
    const redirected = await gql('{ entity(id: "organization:zorvian-front") { id } }');
    expect(redirected.data.entity.id).toBe('organization:zorvian-liberation-front');
    const attacks = await gql('{ relations(filter: { types: [ATTACKED], subject: "organization:zorvian-liberation-front" }) { totalCount } }');
    expect(attacks.data.relations.totalCount).toBe(2);
    // Pages about an entity follow the redirect themselves (they run alongside the entity's lookup).
    const byOldId = await gql('{ timeline(entityId: "organization:zorvian-front") { totalCount } neighborhood(id: "organization:zorvian-front", depth: 1, limit: 10) { nodes { id } edges { type } } }');
    expect(byOldId.errors).toBeUndefined();
    expect(byOldId.data.timeline.totalCount).toBe(2);
    expect(byOldId.data.neighborhood.edges.filter((e: { type: string }) => e.type === 'ATTACKED')).toHaveLength(2);
    expect((await gql('{ timeline(entityId: "organization:no-such-front") { totalCount } }')).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    expect((await gql('mutation { removeArticle(id: "api-test-1") }', {}, KEY)).data.removeArticle).toBe(true);
    const gone = await gql('{ relations(filter: { types: [ATTACKED], subject: "organization:zorvian-liberation-front" }) { totalCount } }');
    expect(gone.data.relations.totalCount).toBe(0);
  });

  it('rejects over-deep, over-costly and alias-heavy queries with their codes', async () => {
    const fine = '{ relations(first: 5) { edges { node { subject { name } claims(first: 2) { edges { node { evidence { article { title } } } } } } } } }';
    expect((await gql(fine)).errors).toBeUndefined();
    // entity → relations → subject → relations … : each hop two levels deeper.
    const hops = (n: number): string => (n === 0 ? 'id' : `id relations(first: 2) { subject { ${hops(n - 1)} } }`);
    expect((await gql(`{ entity(id: "Q423") { ${hops(3)} } }`)).errors).toBeUndefined();
    expect((await gql(`{ entity(id: "Q423") { ${hops(6)} } }`)).errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: about { version }`).join(' ');
    expect((await gql(`{ ${aliases} }`)).errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
    const wide = Array.from({ length: 12 }, (_, i) => `r${i}: relations(first: 50) { edges { node { subject { name names { name } } object { name names { name } } claims(first: 50) { edges { node { subject { name } object { name } attributedTo { name } evidence { sentence article { title url } } } } } } } }`).join(' ');
    expect((await gql(`{ ${wide} }`)).errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('streams claims to a subscriber as they are ingested (server-sent events)', async () => {
    const response = await yoga.fetch('http://geokg.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { claimsAdded(filter: { types: [CONDEMNED] }) { type subject { id } object { id } evidence { sentence } } }' }),
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const firstEvent = (async () => {
      let text = '';
      while (!/^data: .+$/m.test(text)) text += decoder.decode((await reader.read()).value);
      return JSON.parse(/^data: (.+)$/m.exec(text)![1]);
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await gql('mutation { ingestArticle(input: { id: "api-sub-1", text: "Sweden sent aid to Chad. Germany condemned Iran.", language: "en" }) { created } }', {}, KEY);
    const event = await firstEvent;
    await reader.cancel();
    await removeArticles(driver, database, ['api-sub-1']);
    expect(event.data.claimsAdded).toEqual({ type: 'CONDEMNED', subject: { id: 'Q183' }, object: { id: 'Q794' }, evidence: { sentence: 'Germany condemned Iran.' } });
  });

  it('says which argument is wrong and why', async () => {
    const big = await gql('{ relations(first: 1000) { totalCount } }');
    expect(big.errors?.[0]).toMatchObject({ message: 'Argument "first" must be at most 50', extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    const cursor = await gql('{ relations(after: "not-a-cursor") { totalCount } }');
    expect(cursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const depth = await gql('{ neighborhood(id: "Q423", depth: 9) { nodes { id } } }');
    expect(depth.errors?.[0].message).toBe('Argument "depth" must be 1, 2 or 3');
    const batch = await gql(`mutation { ingestArticles(inputs: [${Array.from({ length: 51 }, () => '{ text: "x" }').join(', ')}]) { created } }`, {}, KEY);
    expect(batch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'inputs' });
    const missing = await gql('{ timeline(entityId: "no-such-entity") { totalCount } }');
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
