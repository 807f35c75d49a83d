import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { RULES_EXTRACTOR } from '../../src/extract';
import { recompute, removeArticles, writeArticles } from '../../src/graph/repositories/articles-writer';
import { ingest, prepareArticle } from '../../src/ingest/pipeline';
import { readSources, type SourceItem } from '../../src/ingest/sources';
import { dumpGraph } from '../support/graph';
import { isolationTag, testConnection, testDriver } from '../support/neo4j';

const BIN = path.resolve(__dirname, '../../bin/geokg.js');

async function* items(articles: { id: string; text: string; publishedAt?: string }[]): AsyncGenerator<SourceItem> {
  for (const a of articles) yield { ok: true, location: a.id, article: { language: 'en', publishedAt: '2025-01-06', ...a } };
}

describe('ingestion into Neo4j', () => {
  let driver: Driver;
  const { database } = testConnection();
  const tag = isolationTag();
  const ids: string[] = [];
  const article = (n: string, text: string, publishedAt = '2025-01-06') => {
    const id = `${tag}-${n}`;
    ids.push(id);
    return { id, text, publishedAt };
  };
  const run = (list: { id: string; text: string }[]) => ingest(driver, database, items(list), { batchSize: 2, concurrency: 1, dryRun: false });
  const edge = async (type: 'CONDEMNED', subject: string, object: string) => {
    const { records } = await driver.executeQuery(`MATCH (:Entity {id: $subject})-[r:${type}]->(:Entity {id: $object}) RETURN properties(r) AS r`, { subject, object }, { database });
    return records[0]?.get('r') as Record<string, unknown> | undefined;
  };

  beforeAll(() => {
    driver = testDriver();
  });
  afterEach(async () => {
    await removeArticles(driver, database, ids.splice(0));
  });
  afterAll(async () => {
    await driver.close();
  });

  it('changes nothing when the same articles are ingested twice', async () => {
    const list = [article('a', 'Germany condemned Russia over the strike on Kharkiv.'), article('b', 'North Korea sent 10,000 troops to Russia, according to Reuters.'), article('c', 'Qatar urged Israel to allow aid into Gaza.')];
    const first = await run(list);
    expect(first).toMatchObject({ created: 3, unchanged: 0 });
    const before = await dumpGraph(driver);
    const second = await run(list);
    expect(second).toMatchObject({ created: 0, unchanged: 3, replaced: 0 });
    expect(await dumpGraph(driver)).toEqual(before);
    expect(await edge('CONDEMNED', 'Q183', 'Q159')).toMatchObject({ claimCount: 1, articleCount: 1, firstSeen: '2025-01-06' });
  });

  it('replaces the claims of an edited article', async () => {
    await run([article('edit', 'Germany condemned Russia on Monday.')]);
    expect(await edge('CONDEMNED', 'Q183', 'Q159')).toBeDefined();
    const summary = await run([{ id: `${tag}-edit`, text: 'Germany condemned Iran on Monday.' }]);
    expect(summary).toMatchObject({ replaced: 1, created: 0 });
    expect(await edge('CONDEMNED', 'Q183', 'Q159')).toBeUndefined();
    expect(await edge('CONDEMNED', 'Q183', 'Q794')).toMatchObject({ claimCount: 1, articleCount: 1 });
  });

  it('reads again an article an older extractor read, once, and keeps one claim per reading', async () => {
    const id = article('upgrade', 'Germany condemned Russia on Monday.').id;
    await run([{ id, text: 'Germany condemned Russia on Monday.' }]);
    const stored = async () => (await driver.executeQuery('MATCH (a:Article {id: $id}) OPTIONAL MATCH (c:Claim {articleId: $id}) RETURN a.extractor AS article, collect(c.extractor) AS claims', { id }, { database })).records[0];
    expect((await stored()).get('article')).toBe(RULES_EXTRACTOR);
    // As stored before extractors were recorded, then as read by an older extractor.
    for (const older of ['REMOVE a.extractor', "SET a.extractor = 'rules@0.0.1'"]) {
      await driver.executeQuery(`MATCH (a:Article {id: $id}) ${older}`, { id }, { database });
      expect(await run([{ id, text: 'Germany condemned Russia on Monday.' }])).toMatchObject({ replaced: 1, created: 0, unchanged: 0 });
      const after = await stored();
      expect([after.get('article'), after.get('claims')]).toEqual([RULES_EXTRACTOR, [RULES_EXTRACTOR]]);
      expect(await edge('CONDEMNED', 'Q183', 'Q159')).toMatchObject({ claimCount: 1, articleCount: 1 });
    }
    expect(await run([{ id, text: 'Germany condemned Russia on Monday.' }])).toMatchObject({ replaced: 0, created: 0, unchanged: 1 });
  });

  it('recomputes projections when an article is removed', async () => {
    await run([article('one', 'Germany condemned Russia on Monday.', '2025-01-06'), article('two', 'Germany condemned Russia again.', '2025-02-10')]);
    expect(await edge('CONDEMNED', 'Q183', 'Q159')).toMatchObject({ claimCount: 2, articleCount: 2, firstSeen: '2025-01-06', lastSeen: '2025-02-10' });
    await removeArticles(driver, database, [`${tag}-two`]);
    expect(await edge('CONDEMNED', 'Q183', 'Q159')).toMatchObject({ claimCount: 1, articleCount: 1, lastSeen: '2025-01-06' });
    await removeArticles(driver, database, [`${tag}-one`]);
    expect(await edge('CONDEMNED', 'Q183', 'Q159')).toBeUndefined();
  });

  it('builds the same projections batch by batch as a recompute from all claims', async () => {
    const texts = [
      ['Germany condemned Russia over the strike.', '2025-01-06'],
      ['Germany condemned Russia, officials said.', '2024-11-02'],
      ['Germany condemned Russia and Iran.', '2025-03-15'],
      ['Iran supplied drones to Russia, according to Reuters.', '2025-02-01'],
      ['Germany denied that it condemned Russia.', '2025-04-01'],
    ];
    await run(texts.map(([text, date], n) => article(`p${n}`, text, date)));
    const projections = async () => {
      const { records } = await driver.executeQuery(
        `MATCH (c:Claim) WHERE c.articleId IN $ids
         WITH DISTINCT c.relationKey AS key
         MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) + '|' + s.id + '|' + o.id = key
         RETURN key, properties(r) AS r ORDER BY key`,
        { ids },
        { database },
      );
      return records.map((r) => ({ key: r.get('key') as string, ...(r.get('r') as { confidence: number }) }));
    };
    const incremental = await projections();
    expect(incremental.find((p) => p.key === 'CONDEMNED|Q183|Q159')).toMatchObject({ claimCount: 3, articleCount: 3, firstSeen: '2024-11-02', lastSeen: '2025-03-15' });
    const session = driver.session({ database });
    try {
      await session.executeWrite((tx) => recompute(tx, incremental.map((p) => p.key)));
    } finally {
      await session.close();
    }
    expect(await projections()).toEqual(incremental);
    const { records } = await driver.executeQuery(
      `MATCH (c:Claim {relationKey: 'CONDEMNED|Q183|Q159', polarity: 'POSITIVE'}) WHERE c.articleId IN $ids RETURN collect(c.confidence) AS confidences`,
      { ids },
      { database },
    );
    const noisyOr = 1 - (records[0].get('confidences') as number[]).reduce((p, c) => p * (1 - c), 1);
    expect(incremental.find((p) => p.key === 'CONDEMNED|Q183|Q159')!.confidence).toBeCloseTo(noisyOr, 4);
  });

  it('never flips an entity type: a row of another type is counted as a conflict and changes nothing', async () => {
    const name = `Z${tag.slice(1).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;
    const first = prepareArticle({ ...article('t1', `The ${name} Liberation Front attacked Mali.`), language: 'en' });
    const front = first.entities.find((e) => e.type === 'ORGANIZATION' && e.name.includes(name))!;
    expect(await writeArticles(driver, database, [first])).toMatchObject({ created: [first.article.id], typeConflicts: 0 });
    const second = prepareArticle({ ...article('t2', `The ${name} Liberation Front attacked Niger.`), language: 'en' });
    for (const e of second.entities) if (e.id === front.id) e.type = 'PERSON';
    expect(await writeArticles(driver, database, [second])).toMatchObject({ created: [second.article.id], typeConflicts: 1 });
    const { records } = await driver.executeQuery('MATCH (e:Entity {id: $id}) RETURN e.type AS type, labels(e) AS labels', { id: front.id }, { database });
    expect(records[0].get('type')).toBe('ORGANIZATION');
    expect(records[0].get('labels')).not.toContain('Person');
  });

  it('merges only entities that bring something new, and recreates whole an entity deleted since it was written', async () => {
    const name = `Q${tag.slice(1).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;
    const aliasesOf = async (id: string) => {
      const { records } = await driver.executeQuery('MATCH (e:Entity {id: $id}) RETURN e.aliases AS aliases, e.names AS names', { id }, { database });
      return records[0] && { aliases: records[0].get('aliases') as string[], names: records[0].get('names') as string[] };
    };
    const first = prepareArticle({ ...article('r1', `The ${name} Liberation Front attacked Mali.`), language: 'en' });
    const front = first.entities.find((e) => e.type === 'ORGANIZATION' && e.name.includes(name))!;
    await writeArticles(driver, database, [first]);
    const stored = await aliasesOf(front.id);
    expect(stored.aliases).toEqual(front.aliases);

    // Nothing new: the merge is skipped and the entity stays as it was.
    await writeArticles(driver, database, [prepareArticle({ ...article('r2', `The ${name} Liberation Front attacked Mali again.`), language: 'en' })]);
    expect(await aliasesOf(front.id)).toEqual(stored);

    // A new alias still reaches the graph.
    const third = prepareArticle({ ...article('r3', `The ${name} Liberation Front attacked Niger.`), language: 'en' });
    for (const e of third.entities) if (e.id === front.id) e.aliases = [...e.aliases, `${name} LF`].sort();
    await writeArticles(driver, database, [third]);
    expect((await aliasesOf(front.id)).aliases).toContain(`${name} LF`);

    // Deleted behind the writer's back (as removal deletes orphans): the next article recreates it whole.
    await driver.executeQuery('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: front.id }, { database });
    const fourth = prepareArticle({ ...article('r4', `The ${name} Liberation Front attacked Mali once more.`), language: 'en' });
    await writeArticles(driver, database, [fourth]);
    expect(await aliasesOf(front.id)).toEqual({ aliases: fourth.entities.find((e) => e.id === front.id)!.aliases, names: fourth.entities.find((e) => e.id === front.id)!.names });
  });

  it('leaves no partial article when a batch fails midway', async () => {
    const name = `T${tag.slice(1).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;
    const good = prepareArticle({ ...article('ok', `The ${name} Institute for Peace condemned Russia.`), language: 'en' });
    const bad = prepareArticle({ ...article('bad', 'Germany condemned Russia.'), language: 'en' });
    // A map is not a storable property: the claims statement fails, after articles, entities and mentions were written.
    Object.assign(bad.claims[0], { role: { not: 'storable' } });
    await expect(writeArticles(driver, database, [good, bad])).rejects.toThrow();
    const { records } = await driver.executeQuery(
      `OPTIONAL MATCH (a:Article) WHERE a.id IN $ids WITH count(a) AS articles
       OPTIONAL MATCH (c:Claim) WHERE c.articleId IN $ids WITH articles, count(c) AS claims
       OPTIONAL MATCH (e:Entity) WHERE e.name CONTAINS $tag RETURN articles, claims, count(e) AS entities`,
      { ids: [good.article.id, bad.article.id], tag: name },
      { database },
    );
    expect(records[0].toObject()).toEqual({ articles: 0, claims: 0, entities: 0 });
    expect(good.entities.some((e) => e.name.includes(name))).toBe(true);
  });

  it('gives the same graph from two concurrent processes as from one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'geokg-ingest-'));
    try {
      const corpus = Array.from({ length: 24 }, (_, n) =>
        article(`c${n}`, [`Germany condemned Russia on day ${n}.`, `Iran supplied drones to Russia, officials said.`, `France sent ${n + 1} troops to Estonia.`, `Japan and the Philippines held joint drills.`][n % 4]),
      );
      const line = (a: { id: string; text: string; publishedAt: string }) => JSON.stringify({ ...a, language: 'en' });
      writeFileSync(path.join(dir, 'first.ndjson'), corpus.slice(0, 16).map(line).join('\n'));
      writeFileSync(path.join(dir, 'second.ndjson'), corpus.slice(8).map(line).join('\n'));
      writeFileSync(path.join(dir, 'all.ndjson'), corpus.map(line).join('\n'));
      const env = { ...process.env, NEO4J_URI: testConnection().uri, NEO4J_PASSWORD: testConnection().password };
      const cli = (file: string) =>
        new Promise<number>((resolve) => {
          const child = spawn('node', [BIN, 'ingest', '--batch', '3', path.join(dir, file)], { env, stdio: 'ignore' });
          child.on('exit', (code) => resolve(code ?? -1));
        });
      expect(await Promise.all([cli('first.ndjson'), cli('second.ndjson')])).toEqual([0, 0]);
      const concurrent = await dumpGraph(driver);
      await removeArticles(driver, database, corpus.map((a) => a.id));
      expect(await cli('all.ndjson')).toBe(0);
      expect(await dumpGraph(driver)).toEqual(concurrent);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a bad item with its location and still ingests the rest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'geokg-bad-'));
    try {
      const good = { id: `${tag}-nd1`, text: 'Germany condemned Russia.', language: 'en' };
      ids.push(good.id);
      writeFileSync(path.join(dir, 'feed.ndjson'), [JSON.stringify(good), '{not json', JSON.stringify({ id: `${tag}-nd3`, text: '' })].join('\n'));
      const summary = await ingest(driver, database, readSources([dir]), { batchSize: 10, concurrency: 1, dryRun: false });
      expect(summary).toMatchObject({ created: 1, skipped: 2 });
      expect(summary.errors.map((e) => e.location)).toEqual([path.join(dir, 'feed.ndjson:2'), path.join(dir, 'feed.ndjson:3')]);
      expect(summary.errors[1].message).toBe('text: text is empty');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
