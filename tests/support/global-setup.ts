import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { connect } from '../../src/graph/driver';
import { LocalNeo4j, freePort } from '../../src/graph/local-neo4j';
import { migrate } from '../../src/graph/migrations';

declare global {
  // eslint-disable-next-line no-var
  var __GEOKG_TEST_NEO4J__: LocalNeo4j | undefined;
}

/** Starts a throw-away Neo4j on free ports with a per-run password, unless NEO4J_URI points at one. */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig();
  if (!config.external) {
    const runs = path.join(config.neo4j.home, 'test-runs');
    mkdirSync(runs, { recursive: true });
    const server = new LocalNeo4j({
      root: config.neo4j.home,
      instanceDir: mkdtempSync(path.join(runs, 'run-')),
      boltPort: await freePort(),
      httpPort: await freePort(),
      heap: '1g',
      pageCache: '256m',
      username: 'neo4j',
      password: randomBytes(12).toString('base64url'),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const started = Date.now();
    await server.start();
    process.stderr.write(`\nTest Neo4j up in ${((Date.now() - started) / 1000).toFixed(1)}s at ${server.uri} (pid ${server.pid})\n`);
    globalThis.__GEOKG_TEST_NEO4J__ = server;
    process.env.NEO4J_URI = server.uri;
    process.env.NEO4J_USERNAME = 'neo4j';
    process.env.NEO4J_PASSWORD = server.password;
  }
  const connection = loadConfig().external!;
  const driver = await connect(connection);
  try {
    await migrate(driver, connection.database);
  } finally {
    await driver.close();
  }
}
