import { rmSync } from 'node:fs';
import { processAlive } from '../../src/graph/local-neo4j';

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__GEOKG_TEST_NEO4J__;
  if (!server) return;
  const pid = server.pid!;
  await server.stop();
  if (processAlive(pid)) throw new Error(`The test Neo4j (pid ${pid}) is still running after the suite`);
  rmSync(server.instanceDir, { recursive: true, force: true });
}
