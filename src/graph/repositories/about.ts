import type { Driver } from 'neo4j-driver';
import { version } from '../../../package.json';

const COMPONENTS = 'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition';

export async function aboutServer(driver: Driver, database: string) {
  const { records } = await driver.executeQuery(COMPONENTS, {}, { database, routing: 'READ' });
  return { version, neo4jVersion: records[0].get('version'), neo4jEdition: records[0].get('edition') };
}
