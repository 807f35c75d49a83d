import { parseArgs } from 'node:util';
import { UserFacingError, loadConfig } from './config';
import { LocalNeo4j, ensureInstalled } from './graph/local-neo4j';
import { migrate } from './graph/migrations';
import { openGraph } from './graph/runtime';
import { createHttpServer } from './api/server';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { extract } from './extract';
import { evaluateDirectory, summarize } from './extract/evaluate';
import { parseFrontMatter } from './ingest/article-file';

const log = (line: string) => process.stderr.write(`${line}\n`);

const USAGE = `geokg — knowledge graph of geopolitical entities

Usage: geokg <command> [options]

  serve                      start Neo4j (unless NEO4J_URI is set), migrate, ingest seeds/, serve GraphQL
  migrate                    apply cypher/migrations to the configured Neo4j
  neo4j install|start|stop   manage the local Neo4j (start leaves it running; stop stops it)
  extract [--json] FILE|-    extract entities and claims from one article, no database (--lang ar|en, --date YYYY-MM-DD)
  eval [DIR]                 precision, recall and F1 of extraction against the gold files in DIR (default seeds/)
`;

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
