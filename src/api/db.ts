import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { mapDriverError } from './errors';

/**
 * The API's handle on Neo4j: reads through executeRead (a cluster routes them to secondaries), writes through
 * executeWrite, every transaction with a timeout; each round trip is counted, so tests can bound them.
 */
export class GraphDb {
  roundTrips = 0;

  constructor(
    readonly driver: Driver,
    readonly database: string,
    private readonly timeoutMs: number,
  ) {}

  async read<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    this.roundTrips++;
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      const result = await session.executeRead((tx) => tx.run(query, params), { timeout: this.timeoutMs });
      return result.records.map((r) => r.toObject() as T);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.roundTrips++;
    const session = this.driver.session({ database: this.database });
    try {
      return await session.executeWrite(work, { timeout: this.timeoutMs * 4 });
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }
}
