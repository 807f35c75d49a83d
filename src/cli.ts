import { parseArgs } from 'node:util';
import { UserFacingError, loadConfig } from './config';
import { LocalNeo4j, ensureInstalled } from './graph/local-neo4j';
import { migrate } from './graph/migrations';
import { openGraph } from './graph/runtime';
import { createHttpServer } from './api/server';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { extract } from './extract';
import { evaluateDirectory, summarize } from './extract/evaluate';
import { parseFrontMatter } from './ingest/article-file';
import { ingest, type IngestProgress, type IngestSummary } from './ingest/pipeline';
import { readSources } from './ingest/sources';
import { prepareWriter, removeArticles } from './graph/repositories/articles-writer';

const log = (line: string) => process.stderr.write(`${line}\n`);

const USAGE = `geokg — knowledge graph of geopolitical entities

Usage: geokg <command> [options]

  serve                      start Neo4j (unless NEO4J_URI is set), migrate, ingest seeds/, serve GraphQL
  migrate                    apply cypher/migrations to the configured Neo4j
  neo4j install|start|stop   manage the local Neo4j (start leaves it running; stop stops it)
  extract [--json] FILE|-    extract entities and claims from one article, no database (--lang ar|en, --date YYYY-MM-DD)
  eval [DIR]                 precision, recall and F1 of extraction against the gold files in DIR (default seeds/)
  ingest PATH|URL...         ingest text/front-matter files, directories, NDJSON, HTML, RSS/Atom (files or URLs)
                             [--batch N] [--concurrency N] [--threads N] [--dry-run]
  remove-article ID...       remove articles, their claims and mentions; recompute the relations they supported
`;

const IngestArgs = z.object({
  batch: z.coerce.number().int().min(1).max(5000).optional(),
  concurrency: z.coerce.number().int().min(1).max(16).default(2),
  threads: z.coerce.number().int().min(0).max(32).optional(),
  'dry-run': z.boolean().default(false),
  paths: z.array(z.string()).min(1, 'give at least one file, directory or URL to ingest'),
});

/** A progress bar on a terminal (articles/s, claims/s), a plain line every few seconds otherwise. */
function progressReporter(): (p: IngestProgress) => void {
  let last = 0;
  return (p) => {
    const rate = (n: number) => (p.seconds > 0 ? (n / p.seconds).toFixed(0) : '0');
    const done = p.created + p.replaced + p.unchanged;
    const line = `${p.seen} read, ${done} stored (${p.created} new, ${p.replaced} replaced, ${p.unchanged} unchanged), ${p.skipped} skipped | ${rate(done)} articles/s, ${rate(p.claims)} claims/s`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}\x1b[K`);
    } else if (Date.now() - last > 2000) {
      last = Date.now();
      log(line);
    }
  };
}

function printSummary(s: IngestSummary): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const e of s.errors) log(`skipped ${e.location}: ${e.message}`);
  log(
    `Done in ${s.seconds.toFixed(1)}s: ${s.created} new, ${s.unchanged} unchanged, ${s.replaced} replaced, ${s.skipped} skipped articles; ` +
      `${s.entities} entities, ${s.claims} claims written${s.typeConflicts ? `; ${s.typeConflicts} entity type conflicts kept their first type` : ''}.`,
  );
}

const ExtractArgs = z.object({
  json: z.boolean().default(false),
  lang: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as ar or en').optional(),
  date: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date such as 2024-12-05').optional(),
  file: z.string().min(1, 'give a file, or - for standard input'),
});

function validated<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserFacingError(`--${issue.path.join('.')} ${issue.message}`.replace('--file ', ''));
  }
  return parsed.data;
}

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async serve() {
    const config = loadConfig();
    const graph = await openGraph(config, log);
    const database = graph.connection.database;
    await migrate(graph.driver, database);
    await prepareWriter(graph.driver, database);
    if (config.seeds.ingestOnStart && existsSync(config.seeds.dir)) {
      const summary = await ingest(graph.driver, database, readSources([config.seeds.dir]), { batchSize: config.ingest.batchSize, concurrency: 1, dryRun: false });
      log(`Seeds: ${summary.created} new, ${summary.unchanged} unchanged, ${summary.replaced} replaced articles from ${config.seeds.dir}.`);
    }
    const server = createHttpServer({ driver: graph.driver, database, config: config.api });
    await new Promise<void>((resolve) => server.listen(config.api.port, config.api.host, resolve));
    const lines = [
      `GraphQL API and GraphiQL: http://${config.api.host}:${config.api.port}/graphql`,
      graph.local ? `Neo4j Browser:           ${graph.local.browserUrl}` : `Neo4j:                   ${graph.connection.uri}`,
      `Neo4j Bolt:              ${graph.connection.uri}  user ${graph.connection.username}${graph.local ? `  password ${graph.connection.password}` : ''}`,
      'Press Ctrl-C to stop.',
    ];
    log(lines.join('\n'));
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        log(`${signal}: shutting down ...`);
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    await graph.close();
    return 0;
  },

  async extract(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, lang: { type: 'string' }, date: { type: 'string' } },
    });
    const opts = validated(ExtractArgs, { ...values, file: positionals[0] ?? '' });
    let raw: string;
    try {
      raw = readFileSync(opts.file === '-' ? 0 : opts.file, 'utf8');
    } catch (error) {
      throw new UserFacingError(`Cannot read ${opts.file}: ${(error as Error).message}`);
    }
    const { meta, body } = parseFrontMatter(raw);
    const result = extract({ text: body, language: opts.lang ?? meta.language, publishedAt: opts.date ?? meta.publishedAt });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(`language ${result.language}; ${result.entities.length} entities; ${result.relations.length} relations\n`);
    for (const r of result.relations) {
      const extra = [r.attributedTo && `per ${r.attributedTo.name}`, r.quantity?.text, r.location && `at ${r.location.name}`, r.eventDate].filter(Boolean).join(', ');
      process.stdout.write(`${r.subject.name} ${r.type} ${r.object.name} [${r.polarity === 'NEGATIVE' ? 'NOT ' : ''}${r.modality}, ${r.confidence}]${extra ? ` (${extra})` : ''}\n`);
    }
    return 0;
  },

  async eval(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true });
    const dir = path.resolve(positionals[0] ?? 'seeds');
    const scores = evaluateDirectory(dir);
    if (scores.length === 0) throw new UserFacingError(`No *.txt with a *.gold.json beside it in ${dir}`);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
    for (const s of scores) {
      process.stdout.write(`${s.file.padEnd(28)} tp ${String(s.relations.tp).padStart(2)} fp ${String(s.relations.fp).padStart(2)} fn ${String(s.relations.fn).padStart(2)}\n`);
      for (const m of s.missed) process.stdout.write(`    missed   ${m}\n`);
      for (const m of s.spurious) process.stdout.write(`    spurious ${m}\n`);
    }
    process.stdout.write('\nlanguage  articles  relations P      R      F1     | entities P      R      F1     | modality\n');
    for (const [lang, s] of Object.entries(summarize(scores))) {
      const r = s.relations;
      const e = s.entities;
      process.stdout.write(`${lang.padEnd(9)} ${String(s.articles).padStart(8)}  ${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)}       | ${pct(e.precision)} ${pct(e.recall)} ${pct(e.f1)}      | ${pct(s.modality)}\n`);
    }
    return 0;
  },

  async ingest(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { batch: { type: 'string' }, concurrency: { type: 'string' }, threads: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    });
    const opts = validated(IngestArgs, { ...values, paths: positionals });
    const config = loadConfig();
    const graph = opts['dry-run'] ? undefined : await openGraph(config, log);
    try {
      if (graph) {
        await migrate(graph.driver, graph.connection.database);
        log(`Write statements planned in ${(await prepareWriter(graph.driver, graph.connection.database)).toFixed(1)} s.`);
      }
      const summary = await ingest(graph?.driver, graph?.connection.database ?? config.neo4j.database, readSources(opts.paths), {
        batchSize: opts.batch ?? config.ingest.batchSize,
        concurrency: opts.concurrency,
        extractThreads: opts.threads ?? config.ingest.extractThreads,
        dryRun: opts['dry-run'],
        onProgress: progressReporter(),
      });
      printSummary(summary);
      // 3: something was skipped; the rest went in.
      return summary.skipped > 0 ? 3 : 0;
    } finally {
      await graph?.close();
    }
  },

  async 'remove-article'(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true });
    if (positionals.length === 0) throw new UserFacingError('Usage: geokg remove-article ID...');
    const config = loadConfig();
    const graph = await openGraph(config, log);
    try {
      const { removed } = await removeArticles(graph.driver, graph.connection.database, positionals);
      log(`Removed ${removed} of ${positionals.length} articles.`);
      return removed === positionals.length ? 0 : 3;
    } finally {
      await graph.close();
    }
  },

  async migrate() {
    const config = loadConfig();
    const graph = await openGraph(config, log);
    try {
      const n = await migrate(graph.driver, graph.connection.database);
      log(`Applied ${n} schema statements.`);
      return 0;
    } finally {
      await graph.close();
    }
  },

  async neo4j(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
    const action = positionals[0];
    const config = loadConfig();
    const server = new LocalNeo4j({ root: config.neo4j.home, ...config.neo4j, log });
    if (action === 'install') {
      log(`Neo4j jars in ${ensureInstalled(config.neo4j.home, log)}`);
    } else if (action === 'start') {
      await server.start({ detached: true });
      log(`Neo4j running (pid ${server.pid}). Browser: ${server.browserUrl}  Bolt: ${server.uri}  user ${config.neo4j.username}  password ${server.password}`);
      log('Stop it with: npx geokg neo4j stop');
    } else if (action === 'stop') {
      await server.stop();
      log('Neo4j stopped.');
    } else {
      throw new UserFacingError('Usage: geokg neo4j install|start|stop');
    }
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UserFacingError(`Unknown command "${name}". Run \`geokg --help\`.`);
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UserFacingError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      log(`geokg: ${(error as Error).message}`);
      process.exit(2);
    }
    log(`geokg: unexpected error: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
