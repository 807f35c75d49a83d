import type { ManagedTransaction } from 'neo4j-driver';
import { searchKeys } from '../../extract/normalize';
import * as Q from '../cypher/api';
import { BUMP_GRAPH_VERSION } from '../cypher/version';
import { SYMMETRIC_RELATIONS } from '../ontology';
import { recompute } from './articles-writer';

/** Write-side repository for analysts' edits to entities; callers give a writer (one transaction per call). */
export interface Writer {
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
}

/** Moves the claims, mentions and names of `merge` to `keep`, leaves a redirect, and recomputes the edges. */
export async function mergeEntities(db: Writer, keep: string, merge: string): Promise<void> {
  await db.write(async (tx) => {
    await tx.run(Q.MERGE_MOVE, { keep, merge });
    const rekeyed = await tx.run(Q.REKEY_CLAIMS, { keep, symmetric: [...SYMMETRIC_RELATIONS] });
    await recompute(tx, rekeyed.records[0]?.get('keys') ?? []);
    await tx.run(BUMP_GRAPH_VERSION);
  });
}

/** Adds an alias (and its normalized search keys) to an entity. */
export async function addAlias(db: Writer, id: string, alias: string): Promise<void> {
  await db.write(async (tx) => {
    await tx.run(Q.ADD_ALIAS, { id, alias, keys: searchKeys([alias]) });
    await tx.run(BUMP_GRAPH_VERSION);
  });
}
