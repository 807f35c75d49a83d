import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createDriver } from '../../src/graph/driver';
import { LocalNeo4j, freePort, processAlive } from '../../src/graph/local-neo4j';

// Exercises the whole lifecycle of a project-started server, separately from the suite's shared one.
describe('LocalNeo4j', () => {
  const config = loadConfig({}, process.cwd());
  const instanceDir = mkdtempSync(path.join(os.tmpdir(), 'geokg-neo4j-'));
  afterAll(() => rmSync(instanceDir, { recursive: true, force: true }));

  it('starts with a generated password, serves Bolt and Browser, and is gone after stop', async () => {
    const [boltPort, httpPort] = [await freePort(), await freePort()];
    const server = new LocalNeo4j({
      root: config.neo4j.home,
      instanceDir,
      boltPort,
      httpPort,
      heap: '512m',
      pageCache: '64m',
      username: 'neo4j',
    });
    await server.start();
    const pid = server.pid!;
    try {
      expect(server.password).toMatch(/^[\w-]{16}$/);
      const driver = createDriver({ uri: server.uri, username: 'neo4j', password: server.password, database: 'neo4j' });
      try {
        const { records } = await driver.executeQuery('RETURN 6 * 7 AS answer');
        expect(records[0].get('answer')).toBe(42);
      } finally {
        await driver.close();
      }
      const browser = await fetch(`http://127.0.0.1:${httpPort}/browser/`);
      expect(browser.status).toBe(200);
      expect(await browser.text()).toContain('<title>Neo4j Browser</title>');
      const discovery = (await (await fetch(`http://127.0.0.1:${httpPort}/`)).json()) as Record<string, string>;
      expect(discovery.bolt_direct).toBe(`bolt://localhost:${boltPort}`);
      expect(discovery.neo4j_edition).toBe('community');
    } finally {
      await server.stop();
    }
    expect(processAlive(pid)).toBe(false);
  });
});
