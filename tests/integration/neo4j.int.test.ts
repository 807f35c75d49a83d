import type { Driver } from 'neo4j-driver';
import { UserFacingError } from '../../src/config';
import { connect } from '../../src/graph/driver';
import { migrate, migrationStatements } from '../../src/graph/migrations';
import { isolationTag, testConnection, testDriver } from '../support/neo4j';

describe('the test Neo4j over Bolt', () => {
  let driver: Driver;
  const tag = isolationTag();
  const { database } = testConnection();

  beforeAll(() => {
    driver = testDriver();
  });
  afterAll(async () => {
    await driver.executeQuery('MATCH (n:Probe {tag: $tag}) DETACH DELETE n', { tag }, { database });
    await driver.close();
  });

  it('creates and reads a node', async () => {
    await driver.executeQuery('CREATE (:Probe {tag: $tag, name: $name})', { tag, name: 'كوريا الشمالية' }, { database });
    const { records } = await driver.executeQuery('MATCH (n:Probe {tag: $tag}) RETURN n.name AS name', { tag }, { database });
    expect(records.map((r) => r.get('name'))).toEqual(['كوريا الشمالية']);
  });

  it('leaves the same constraints and indexes when migrations run twice', async () => {
    const schema = async () => {
      const constraints = await driver.executeQuery('SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name', {}, { database });
      const indexes = await driver.executeQuery('SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN * ORDER BY name', {}, { database });
      return { constraints: constraints.records.map((r) => r.toObject()), indexes: indexes.records.map((r) => r.toObject()) };
    };
    const before = await schema();
    const applied = await migrate(driver, database);
    const after = await schema();
    expect(applied).toBe(migrationStatements().length);
    expect(after).toEqual(before);
    expect(before.constraints.map((c) => c.name)).toEqual(expect.arrayContaining(['entity_id', 'article_id', 'claim_id']));
    const fulltext = before.indexes.find((i) => i.name === 'entity_names');
    expect(fulltext).toMatchObject({ type: 'FULLTEXT', state: 'ONLINE' });
  });

  it('explains a wrong password in one line', async () => {
    const promise = connect({ ...testConnection(), password: 'not-the-password' });
    await expect(promise).rejects.toBeInstanceOf(UserFacingError);
    await expect(promise).rejects.toThrow(/rejected user "neo4j": check NEO4J_USERNAME and NEO4J_PASSWORD/);
  });

  it('explains an unreachable NEO4J_URI in one line', async () => {
    await expect(connect({ ...testConnection(), uri: 'bolt://127.0.0.1:1' })).rejects.toThrow(
      /Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1: check NEO4J_URI/,
    );
  });
});
