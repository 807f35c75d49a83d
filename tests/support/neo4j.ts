import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { createDriver } from '../../src/graph/driver';

/** The test run's Neo4j (started by global-setup, or the user's NEO4J_URI). */
export function testConnection() {
  const connection = loadConfig().external;
  if (!connection) throw new Error('NEO4J_URI is not set: run the suite through `npm test`');
  return connection;
}

export function testDriver(): Driver {
  return createDriver(testConnection());
}

/** A prefix unique to one test, so tests never see each other's data. */
export function isolationTag(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}
