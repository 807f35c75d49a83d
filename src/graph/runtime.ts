import type { Driver } from 'neo4j-driver';
import type { Config, Neo4jConnection } from '../config';
import { connect } from './driver';
import { LocalNeo4j } from './local-neo4j';

export interface Graph {
  driver: Driver;
  connection: Neo4jConnection;
  /** The server geokg started, when the user brought none. */
  local?: LocalNeo4j;
  close(): Promise<void>;
}

/** Connects to the user's Neo4j when NEO4J_URI is set; otherwise provisions and starts the local one. */
export async function openGraph(config: Config, log: (line: string) => void): Promise<Graph> {
  if (config.external) {
    const driver = await connect(config.external);
    return { driver, connection: config.external, close: () => driver.close() };
  }
  const local = new LocalNeo4j({ root: config.neo4j.home, ...config.neo4j, log });
  const started = Date.now();
  log(`Starting local Neo4j (bolt ${config.neo4j.boltPort}, http ${config.neo4j.httpPort}) ...`);
  await local.start();
  log(`Local Neo4j up in ${((Date.now() - started) / 1000).toFixed(1)}s (pid ${local.pid}).`);
  const connection = { uri: local.uri, username: config.neo4j.username, password: local.password, database: config.neo4j.database };
  try {
    const driver = await connect(connection);
    return {
      driver,
      connection,
      local,
      close: async () => {
        await driver.close();
        await local.stop();
      },
    };
  } catch (error) {
    await local.stop();
    throw error;
  }
}
