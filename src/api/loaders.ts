import DataLoader from 'dataloader';
import * as repo from '../graph/repositories/graph-reader';

/** Per-request loaders: every fetch by key is batched into one UNWIND query per tick, answered in key order. */
export function createLoaders(db: repo.Reader) {
  return {
    entity: new DataLoader<string, repo.EntityRow | null>((ids) => repo.entitiesById(db, ids)),
    article: new DataLoader<string, repo.ArticleRow | null>((ids) => repo.articlesById(db, ids)),
    relationClaims: new DataLoader<{ key: string; skip: number; limit: number }, repo.ClaimRow[], string>((pages) => repo.claimsByRelation(db, pages), {
      cacheKeyFn: (p) => `${p.key}|${p.skip}|${p.limit}`,
    }),
    relationClaimCount: new DataLoader<string, number>((keys) => repo.claimCountsByRelation(db, keys)),
    entityRelations: new DataLoader<{ id: string; types: repo.RelationRow['type'][]; limit: number }, repo.RelationRow[], string>((requests) => repo.relationsByEntity(db, requests), {
      cacheKeyFn: (r) => `${r.id}|${r.types.join(',')}|${r.limit}`,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
