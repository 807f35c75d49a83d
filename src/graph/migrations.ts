import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../paths';

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'cypher', 'migrations');

/** Splits a .cypher file into statements: `;` at the end of a line ends one; `//` lines are comments. */
export function parseStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function migrationStatements(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .flatMap((f) => parseStatements(readFileSync(path.join(dir, f), 'utf8')));
}

/** Applies every migration (each idempotent) and waits until the indexes are online. */
export async function migrate(driver: Driver, database: string): Promise<number> {
  const statements = migrationStatements();
  for (const statement of statements) await driver.executeQuery(statement, {}, { database });
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
  return statements.length;
}
