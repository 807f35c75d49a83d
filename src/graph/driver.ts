import neo4j, { type Driver } from 'neo4j-driver';
import { UserFacingError, type Neo4jConnection } from '../config';

export function createDriver(conn: Neo4jConnection): Driver {
  return neo4j.driver(conn.uri, neo4j.auth.basic(conn.username, conn.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
    userAgent: 'geokg',
    logging: { level: 'error', logger: () => {} },
  });
}

/** Opens a driver and proves it works, turning the usual failures into one line that says what to do. */
export async function connect(conn: Neo4jConnection): Promise<Driver> {
  const driver = createDriver(conn);
  try {
    await driver.verifyConnectivity({ database: conn.database });
    return driver;
  } catch (error) {
    await driver.close();
    throw explainConnectionError(error, conn);
  }
}

export function explainConnectionError(error: unknown, conn: Neo4jConnection): Error {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'Neo.ClientError.Security.Unauthorized' || code.startsWith('Neo.ClientError.Security')) {
    return new UserFacingError(
      `Neo4j at ${conn.uri} rejected user "${conn.username}": check NEO4J_USERNAME and NEO4J_PASSWORD.`,
    );
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /connect|ECONNREFUSED|ENOTFOUND/i.test(message)) {
    return new UserFacingError(
      `Cannot reach Neo4j at ${conn.uri}: check NEO4J_URI and that the server is running (unset NEO4J_URI to let geokg start its own).`,
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new UserFacingError(`Neo4j at ${conn.uri} has no database "${conn.database}": check NEO4J_DATABASE.`);
  }
  return new UserFacingError(`Neo4j at ${conn.uri} failed: ${message}`);
}
