import { Repeater, type PubSub } from 'graphql-yoga';
import { z } from 'zod';
import type { Config } from '../config';
import { ENTITY_LABELS, RELATION_TYPES } from '../graph/ontology';
import { aboutServer } from '../graph/repositories/about';
import { removeArticles, writeArticles } from '../graph/repositories/articles-writer';
import { addAlias, mergeEntities } from '../graph/repositories/entities-writer';
import * as repo from '../graph/repositories/graph-reader';
import { prepareArticle } from '../ingest/pipeline';
import { SourceArticleSchema, articleId } from '../ingest/sources';
import type { GraphDb } from './db';
import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from './errors';
import type { Loaders } from './loaders';
import { connection, date, id, paging, parseArgs } from './validation';

export interface ClaimEvent {
  claim: repo.ClaimRow;
}

export interface AppContext {
  db: GraphDb;
  loaders: Loaders;
  config: Config['api'];
  pubsub: PubSub<{ claims: [ClaimEvent] }>;
  /** The API key the request presented, if it is one of the configured keys. */
  apiKey?: string;
  /** A key was presented but is not a configured one. */
  badKey: boolean;
}

const relationTypes = z.array(z.enum(RELATION_TYPES)).nullish().transform((v) => v ?? undefined);
const entityTypes = z.array(z.enum(['PERSON', 'COUNTRY', 'ORGANIZATION', 'LOCATION', 'EVENT'])).nullish().transform((v) => v ?? undefined);
const RelationFilterSchema = z
  .object({
    types: relationTypes,
    subject: id.nullish(),
    object: id.nullish(),
    involving: id.nullish(),
    since: date,
    until: date,
    minConfidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullish(),
    modality: z.enum(['ASSERTED', 'REPORTED', 'ALLEGED', 'PLANNED', 'DENIED']).nullish(),
    minArticles: z.number().int().min(0).nullish(),
  })
  .nullish()
  .transform((f) => Object.fromEntries(Object.entries(f ?? {}).filter(([, v]) => v !== null && v !== undefined)) as repo.RelationFilter);

const requireKey = (ctx: AppContext) => {
  if (ctx.badKey) throw new ForbiddenError();
  if (!ctx.apiKey) throw new UnauthenticatedError();
};

export const resolvers = {
  Query: {
    about: (_: unknown, __: unknown, ctx: AppContext) => aboutServer(ctx.db.driver, ctx.db.database),

    entity: async (_: unknown, args: unknown, ctx: AppContext) => ctx.loaders.entity.load(parseArgs(z.object({ id }), args).id),

    search: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(z.object({ text: z.string().trim().min(1, 'must not be empty').max(200, 'is too long'), types: entityTypes }).and(paging(ctx.config.maxPageSize)), args);
      const ids = await repo.searchEntities(ctx.db, a.text, a.types, { skip: a.after, limit: a.first + 1 });
      const nodes = await ctx.loaders.entity.loadMany(ids);
      return connection(nodes.filter((n) => n && !(n instanceof Error)), a.after, a.first, () => repo.countSearch(ctx.db, a.text, a.types));
    },

    entities: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(z.object({ types: entityTypes }).and(paging(ctx.config.maxPageSize)), args);
      const ids = await repo.entityPage(ctx.db, a.types, { skip: a.after, limit: a.first + 1 });
      const nodes = await ctx.loaders.entity.loadMany(ids);
      return connection(nodes.filter((n) => n && !(n instanceof Error)), a.after, a.first, () => repo.countEntities(ctx.db, a.types));
    },

    relations: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(z.object({ filter: RelationFilterSchema }).and(paging(ctx.config.maxPageSize)), args);
      const rows = await repo.relationPage(ctx.db, a.filter, { skip: a.after, limit: a.first + 1 });
      return connection(rows, a.after, a.first, () => repo.countRelations(ctx.db, a.filter));
    },

    timeline: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(z.object({ entityId: id, since: date, until: date, types: relationTypes }).and(paging(ctx.config.maxPageSize)), args);
      // The page follows a redirect itself, so it runs alongside the entity's lookup rather than after it.
      const filter = { id: a.entityId, since: a.since, until: a.until, types: a.types };
      const [entity, rows] = await Promise.all([ctx.loaders.entity.load(a.entityId), repo.timelinePage(ctx.db, filter, { skip: a.after, limit: a.first + 1 })]);
      if (!entity) throw new NotFoundError(`Entity ${a.entityId}`);
      return connection(rows, a.after, a.first, () => repo.countTimeline(ctx.db, filter));
    },

    neighborhood: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(z.object({ id, depth: z.number().int().min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3'), types: relationTypes, limit: z.number().int().min(1).max(ctx.config.maxPageSize * 5, `must be at most ${ctx.config.maxPageSize * 5}`) }), args);
      const [entity, edges] = await Promise.all([ctx.loaders.entity.load(a.id), repo.neighborhood(ctx.db, a.id, a.depth, a.types, a.limit)]);
      if (!entity) throw new NotFoundError(`Entity ${a.id}`);
      const ids = [...new Set([entity.id, ...edges.flatMap((e) => [e.subjectId, e.objectId])])];
      const nodes = await ctx.loaders.entity.loadMany(ids);
      return { nodes: nodes.filter((n) => n && !(n instanceof Error)), edges };
    },

    paths: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(z.object({ from: id, to: id, maxHops: z.number().int().min(1, 'must be between 1 and 4').max(4, 'must be between 1 and 4'), types: relationTypes, limit: z.number().int().min(1).max(50, 'must be at most 50') }), args);
      const [from, to] = await ctx.loaders.entity.loadMany([a.from, a.to]);
      if (!from || from instanceof Error) throw new NotFoundError(`Entity ${a.from}`);
      if (!to || to instanceof Error) throw new NotFoundError(`Entity ${a.to}`);
      const found = await repo.paths(ctx.db, from.id, to.id, a.maxHops, a.types, a.limit);
      const nodes = await ctx.loaders.entity.loadMany([...new Set(found.flatMap((p) => p.nodes))]);
      const byId = new Map(nodes.filter((n): n is repo.EntityRow => !!n && !(n instanceof Error)).map((n) => [n.id, n]));
      return found.map((p) => ({ nodes: p.nodes.map((n) => byId.get(n)).filter(Boolean), edges: p.relations }));
    },

    articles: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(paging(ctx.config.maxPageSize), args);
      const ids = await repo.articlePage(ctx.db, { skip: a.after, limit: a.first + 1 });
      const nodes = await ctx.loaders.article.loadMany(ids);
      return connection(nodes.filter((n) => n && !(n instanceof Error)), a.after, a.first, () => repo.countArticles(ctx.db));
    },

    relationCounts: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(z.object({ groupBy: z.enum(['TYPE', 'MONTH', 'SUBJECT', 'OBJECT']), filter: RelationFilterSchema, limit: z.number().int().min(1).max(500, 'must be at most 500') }), args);
      const rows = await repo.relationCounts(ctx.db, a.groupBy, a.filter, a.limit);
      if (a.groupBy !== 'SUBJECT' && a.groupBy !== 'OBJECT') return rows.map((r) => ({ ...r, label: r.key }));
      const entities = await ctx.loaders.entity.loadMany(rows.map((r) => r.key));
      return rows.map((r, i) => ({ ...r, label: (entities[i] as repo.EntityRow | null)?.name ?? r.key }));
    },

    topActors: async (_: unknown, args: unknown, ctx: AppContext) => {
      const a = parseArgs(z.object({ types: relationTypes, since: date, limit: z.number().int().min(1).max(100, 'must be at most 100') }), args);
      const rows = await repo.topActors(ctx.db, a.types, a.since, a.limit);
      const entities = await ctx.loaders.entity.loadMany(rows.map((r) => r.id));
      return rows.map((r, i) => ({ entity: entities[i], count: r.count })).filter((r) => r.entity && !(r.entity instanceof Error));
    },
  },

  Mutation: {
    ingestArticle: (_: unknown, args: { input: unknown }, ctx: AppContext) => ingestInputs([args.input], ctx),
    ingestArticles: (_: unknown, args: { inputs: unknown[] }, ctx: AppContext) => {
      if (args.inputs.length > ctx.config.maxPageSize) throw new BadUserInputError(`Argument "inputs" must hold at most ${ctx.config.maxPageSize} articles`, 'inputs');
      return ingestInputs(args.inputs, ctx);
    },

    removeArticle: async (_: unknown, args: unknown, ctx: AppContext) => {
      requireKey(ctx);
      const a = parseArgs(z.object({ id }), args);
      const { removed } = await removeArticles(ctx.db.driver, ctx.db.database, [a.id]);
      return removed === 1;
    },

    mergeEntities: async (_: unknown, args: unknown, ctx: AppContext) => {
      requireKey(ctx);
      const a = parseArgs(z.object({ keep: id, merge: id }).refine((v) => v.keep !== v.merge, { message: 'must differ from "keep"', path: ['merge'] }), args);
      const [keep, merge] = await ctx.loaders.entity.loadMany([a.keep, a.merge]);
      if (!keep || keep instanceof Error) throw new NotFoundError(`Entity ${a.keep}`);
      if (!merge || merge instanceof Error) throw new NotFoundError(`Entity ${a.merge}`);
      await mergeEntities(ctx.db, keep.id, merge.id);
      ctx.loaders.entity.clearAll();
      return ctx.loaders.entity.load(keep.id);
    },

    addAlias: async (_: unknown, args: unknown, ctx: AppContext) => {
      requireKey(ctx);
      const a = parseArgs(z.object({ id, alias: z.string().trim().min(1, 'must not be empty').max(200, 'is too long') }), args);
      const entity = await ctx.loaders.entity.load(a.id);
      if (!entity) throw new NotFoundError(`Entity ${a.id}`);
      await addAlias(ctx.db, entity.id, a.alias);
      ctx.loaders.entity.clear(a.id).clear(entity.id);
      return ctx.loaders.entity.load(entity.id);
    },
  },

  Subscription: {
    claimsAdded: {
      subscribe: (_: unknown, args: unknown, ctx: AppContext) => {
        const a = parseArgs(z.object({ filter: z.object({ types: relationTypes, involving: id.nullish() }).nullish() }), args);
        const source = ctx.pubsub.subscribe('claims');
        return Repeater.merge([
          (async function* () {
            for await (const event of source) {
              const c = event.claim;
              if (a.filter?.types && !a.filter.types.includes(c.type)) continue;
              if (a.filter?.involving && c.subjectId !== a.filter.involving && c.objectId !== a.filter.involving) continue;
              yield event;
            }
          })(),
        ]);
      },
      resolve: (event: ClaimEvent) => event.claim,
    },
  },

  Entity: {
    __resolveType: (e: repo.EntityRow) => ENTITY_LABELS[e.type as keyof typeof ENTITY_LABELS],
  },

  Relation: {
    subject: (r: repo.RelationRow, _: unknown, ctx: AppContext) => ctx.loaders.entity.load(r.subjectId),
    object: (r: repo.RelationRow, _: unknown, ctx: AppContext) => ctx.loaders.entity.load(r.objectId),
    claims: async (r: repo.RelationRow, args: unknown, ctx: AppContext) => {
      const a = parseArgs(paging(ctx.config.maxPageSize, 10), args);
      const rows = await ctx.loaders.relationClaims.load({ key: r.id, skip: a.after, limit: a.first + 1 });
      return connection(rows, a.after, a.first, () => ctx.loaders.relationClaimCount.load(r.id));
    },
  },

  Claim: {
    subject: (c: repo.ClaimRow, _: unknown, ctx: AppContext) => ctx.loaders.entity.load(c.subjectId),
    object: (c: repo.ClaimRow, _: unknown, ctx: AppContext) => ctx.loaders.entity.load(c.objectId),
    attributedTo: (c: repo.ClaimRow, _: unknown, ctx: AppContext) => (c.attributedToId ? ctx.loaders.entity.load(c.attributedToId) : null),
    location: (c: repo.ClaimRow, _: unknown, ctx: AppContext) => (c.locationId ? ctx.loaders.entity.load(c.locationId) : null),
    quantity: (c: repo.ClaimRow) => (c.quantityValue === null || c.quantityValue === undefined ? null : { value: c.quantityValue, unit: c.quantityUnit ?? '', text: c.quantityText ?? '' }),
    evidence: (c: repo.ClaimRow) => ({ articleId: c.articleId, sentence: c.sentence, start: c.start, end: c.end }),
  },

  Evidence: {
    article: async (e: { articleId: string }, _: unknown, ctx: AppContext) => {
      const article = await ctx.loaders.article.load(e.articleId);
      if (!article) throw new NotFoundError(`Article ${e.articleId}`);
      return article;
    },
  },

  ...Object.fromEntries(
    Object.values(ENTITY_LABELS).map((label) => [
      label,
      {
        names: (e: repo.EntityRow) => (e.names ?? []).map((n) => ({ language: n.slice(0, n.indexOf(':')), name: n.slice(n.indexOf(':') + 1) })),
        aliases: (e: repo.EntityRow) => e.aliases ?? [],
        relations: (e: repo.EntityRow, args: unknown, ctx: AppContext) => {
          const a = parseArgs(z.object({ types: relationTypes, first: z.number().int().min(1).max(ctx.config.maxPageSize, `must be at most ${ctx.config.maxPageSize}`) }), args);
          return ctx.loaders.entityRelations.load({ id: e.id, types: a.types ?? [...RELATION_TYPES], limit: a.first });
        },
      },
    ]),
  ),
};

const ArticleInputSchema = SourceArticleSchema.extend({ id: z.string().min(1).max(300).optional() });

async function ingestInputs(inputs: unknown[], ctx: AppContext) {
  requireKey(ctx);
  const articles = inputs.map((input) => {
    const a = parseArgs(ArticleInputSchema, input);
    return { ...a, id: articleId(a, a.text) };
  });
  const resolved = articles.map(prepareArticle);
  const outcome = await writeArticles(ctx.db.driver, ctx.db.database, resolved);
  for (const r of resolved) {
    if (!outcome.created.includes(r.article.id) && !outcome.replaced.includes(r.article.id)) continue;
    for (const c of r.claims) ctx.pubsub.publish('claims', { claim: { ...c, articleId: r.article.id } });
  }
  return {
    created: outcome.created.length,
    replaced: outcome.replaced.length,
    unchanged: outcome.unchanged.length,
    claims: outcome.claims,
    articleIds: articles.map((a) => a.id),
  };
}
