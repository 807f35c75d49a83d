import { parseArgs } from 'node:util';
import { UserFacingError, loadConfig } from './config';
import { LocalNeo4j, ensureInstalled } from './graph/local-neo4j';
import { migrate } from './graph/migrations';
import { openGraph } from './graph/runtime';
import { createHttpServer } from './api/server';

const log = (line: string) => process.stderr.write(`${line}\n`);

const USAGE = `geokg — knowledge graph of geopolitical entities

Usage: geokg <command> [options]

  serve                      start Neo4j (unless NEO4J_URI is set), migrate, ingest seeds/, serve GraphQL
  migrate                    apply cypher/migrations to the configured Neo4j
  neo4j install|start|stop   manage the local Neo4j (start leaves it running; stop stops it)
`;

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
