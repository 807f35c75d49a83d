import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { UserFacingError } from '../config';
import { PROJECT_ROOT } from '../paths';

/**
 * A Neo4j Community server assembled from Maven Central (neo4j/pom.xml) and run by the project itself,
 * started the way the 5.x distribution's launcher does: `java -cp lib/* org.neo4j.server.CommunityEntryPoint`.
 */

const POM = path.join(PROJECT_ROOT, 'neo4j', 'pom.xml');

export function neo4jVersion(): string {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match) throw new Error(`neo4j.version missing from ${POM}`);
  return match[1];
}

/** JVM flags of the 5.x distribution's launcher, minus AlwaysPreTouch: on a shared 2-core machine we would rather not commit the whole heap up front. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

function requireTool(command: string, args: string[], what: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.error || result.status !== 0) {
    throw new UserFacingError(
      `${command} not found: ${what} Install it (Debian: apt-get install ${command === 'java' ? 'openjdk-17-jre-headless' : 'maven'}) or set NEO4J_URI to use a Neo4j of your own.`,
    );
  }
  return `${result.stdout}${result.stderr}`;
}

export function checkJava(env: NodeJS.ProcessEnv = process.env): void {
  const out = requireTool('java', ['-version'], 'the local Neo4j needs Java 17 or newer.', env);
  const major = Number(/version "(\d+)/.exec(out)?.[1] ?? 0);
  if (major < 17) {
    throw new UserFacingError(`Java ${major} found, but the local Neo4j needs Java 17 or newer: install it or set NEO4J_URI.`);
  }
}

/** Downloads the server's jars once into `<root>/<version>/lib` (reused when present; ~/.m2 is reused by Maven). */
export function ensureInstalled(root: string, log: (line: string) => void = () => {}, env: NodeJS.ProcessEnv = process.env): string {
  const lib = path.join(root, neo4jVersion(), 'lib');
  if (existsSync(path.join(lib, '.complete'))) return lib;
  checkJava(env);
  requireTool('mvn', ['-v'], 'Maven assembles the local Neo4j from Maven Central.', env);
  log(`Installing Neo4j ${neo4jVersion()} from Maven Central into ${lib} (once) ...`);
  const partial = `${lib}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`, '-DincludeScope=runtime'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0) {
    const detail = `${result.stdout}\n${result.stderr}`.split('\n').find((l) => l.includes('ERROR')) ?? '';
    throw new UserFacingError(`Maven could not fetch Neo4j ${neo4jVersion()}: ${detail.trim() || 'see mvn output'}`);
  }
  writeFileSync(path.join(partial, '.complete'), new Date().toISOString());
  rmSync(lib, { recursive: true, force: true });
  renameSync(partial, lib);
  return lib;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalNeo4jOptions {
  /** Where the jars are (`<root>/<version>/lib`) and, unless instanceDir is given, the instance too. */
  root: string;
  /** Directory holding this server's conf, data, logs and run files. */
  instanceDir?: string;
  boltPort: number;
  httpPort: number;
  heap: string;
  pageCache: string;
  username: string;
  /** Initial password; if absent, one is generated on first start and stored in the instance. */
  password?: string;
  log?: (line: string) => void;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class LocalNeo4j {
  readonly instanceDir: string;
  private child?: ChildProcess;
  private pidValue?: number;
  password = '';

  constructor(private readonly options: LocalNeo4jOptions) {
    this.instanceDir = options.instanceDir ?? path.join(options.root, neo4jVersion());
  }

  get uri(): string {
    return `bolt://127.0.0.1:${this.options.boltPort}`;
  }
  get browserUrl(): string {
    return `http://localhost:${this.options.httpPort}/browser/`;
  }
  get pid(): number | undefined {
    return this.pidValue;
  }
  get pidFile(): string {
    return path.join(this.instanceDir, 'run', 'geokg-neo4j.pid');
  }

  private dir(name: string): string {
    return path.join(this.instanceDir, name);
  }

  private writeConfig(): void {
    const { boltPort, httpPort, pageCache } = this.options;
    const conf = [
      '# Generated by geokg on every start; edit GEOKG_NEO4J_* variables instead.',
      'server.default_listen_address=127.0.0.1',
      'server.default_advertised_address=localhost',
      `server.bolt.listen_address=127.0.0.1:${boltPort}`,
      `server.bolt.advertised_address=localhost:${boltPort}`,
      `server.http.listen_address=127.0.0.1:${httpPort}`,
      `server.http.advertised_address=localhost:${httpPort}`,
      'server.https.enabled=false',
      ...['data', 'logs', 'run', 'plugins', 'import', 'lib'].map((d) => `server.directories.${d}=${d === 'lib' ? path.join(this.options.root, neo4jVersion(), 'lib') : this.dir(d)}`),
      `server.memory.pagecache.size=${pageCache}`,
      'dbms.usage_report.enabled=false',
      'dbms.security.auth_enabled=true',
      'db.transaction.timeout=60s',
      'db.logs.query.enabled=OFF',
    ];
    writeFileSync(path.join(this.dir('conf'), 'neo4j.conf'), `${conf.join('\n')}\n`);
  }

  /** Sets the initial password before the first start (the only moment Neo4j accepts it this way). */
  private preparePassword(lib: string): void {
    const stored = path.join(this.instanceDir, 'password');
    const authFile = path.join(this.dir('data'), 'dbms', 'auth.ini');
    if (existsSync(authFile)) {
      this.password = this.options.password ?? (existsSync(stored) ? readFileSync(stored, 'utf8').trim() : '');
      return;
    }
    this.password = this.options.password ?? randomBytes(12).toString('base64url');
    const result = spawnSync(
      'java',
      ['-cp', `${lib}/*`, 'org.neo4j.server.startup.Neo4jAdminCommand', 'dbms', 'set-initial-password', this.password],
      { encoding: 'utf8', env: { ...process.env, NEO4J_HOME: this.instanceDir, NEO4J_CONF: this.dir('conf') } },
    );
    if (result.status !== 0) throw new Error(`neo4j-admin set-initial-password failed: ${result.stderr || result.stdout}`);
    if (!this.options.password) writeFileSync(stored, `${this.password}\n`, { mode: 0o600 });
  }

  /** Starts the server and resolves once Bolt answers. */
  async start({ detached = false }: { detached?: boolean } = {}): Promise<void> {
    const log = this.options.log ?? (() => {});
    const lib = ensureInstalled(this.options.root, log);
    for (const d of ['conf', 'data', 'logs', 'run', 'plugins', 'import']) mkdirSync(this.dir(d), { recursive: true });
    if (existsSync(this.pidFile)) {
      const old = Number(readFileSync(this.pidFile, 'utf8'));
      if (old && processAlive(old)) {
        throw new UserFacingError(
          `A local Neo4j is already running from ${this.instanceDir} (pid ${old}): stop it with \`npx geokg neo4j stop\`, or set NEO4J_URI to use it.`,
        );
      }
    }
    for (const p of [this.options.boltPort, this.options.httpPort]) {
      if (!(await portFree(p))) {
        throw new UserFacingError(`Port ${p} is in use: set GEOKG_NEO4J_BOLT_PORT / GEOKG_NEO4J_HTTP_PORT to free ports, or NEO4J_URI to use the Neo4j already there.`);
      }
    }
    this.writeConfig();
    this.preparePassword(lib);
    const consoleLog = openSync(path.join(this.dir('logs'), 'console.log'), 'a');
    const heap = this.options.heap;
    this.child = spawn(
      'java',
      [
        `-Xms${heap}`,
        `-Xmx${heap}`,
        ...JVM_FLAGS,
        '-cp',
        `${this.dir('conf')}/*:${lib}/*`,
        'org.neo4j.server.CommunityEntryPoint',
        `--home-dir=${this.instanceDir}`,
        `--config-dir=${this.dir('conf')}`,
      ],
      { stdio: ['ignore', consoleLog, consoleLog], detached, env: { ...process.env, NEO4J_HOME: this.instanceDir, NEO4J_CONF: this.dir('conf') } },
    );
    closeSync(consoleLog);
    this.pidValue = this.child.pid;
    writeFileSync(this.pidFile, String(this.pidValue));
    if (detached) this.child.unref();
    let exited = false;
    this.child.once('exit', () => {
      exited = true;
    });
    await this.waitForBolt(() => exited);
  }

  private async waitForBolt(exited: () => boolean, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const driver = neo4j.driver(this.uri, neo4j.auth.basic(this.options.username, this.password), {
      connectionTimeout: 2000,
      logging: { level: 'error', logger: () => {} },
    });
    try {
      for (;;) {
        if (exited()) throw new Error(`Neo4j exited during start-up; see ${this.logTail()}`);
        try {
          await driver.verifyConnectivity();
          return;
        } catch (error) {
          const code = (error as { code?: string }).code ?? '';
          if (code.includes('Security')) {
            throw new UserFacingError(
              `The local Neo4j in ${this.instanceDir} rejected its password: set NEO4J_PASSWORD to the one it was created with, or delete ${path.join(this.instanceDir, 'data')} to start afresh.`,
            );
          }
          if (Date.now() > deadline) throw new Error(`Neo4j did not answer on ${this.uri} within ${timeoutMs / 1000}s; see ${this.logTail()}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    } finally {
      await driver.close();
    }
  }

  private logTail(): string {
    const file = path.join(this.dir('logs'), 'neo4j.log');
    if (!existsSync(file)) return path.join(this.dir('logs'), 'console.log');
    return `${file}:\n${readFileSync(file, 'utf8').split('\n').slice(-15).join('\n')}`;
  }

  /** Stops the server by its pid (SIGTERM: Neo4j shuts down cleanly), escalating to SIGKILL after the timeout. */
  async stop(timeoutMs = 60_000): Promise<void> {
    const pid = this.pidValue ?? (existsSync(this.pidFile) ? Number(readFileSync(this.pidFile, 'utf8')) : undefined);
    if (!pid) return;
    const exited = this.child && this.child.exitCode === null && this.child.signalCode === null
      ? new Promise<void>((resolve) => this.child!.once('exit', () => resolve()))
      : Promise.resolve();
    await stopProcess(pid, timeoutMs);
    await exited;
    this.child = undefined;
    rmSync(this.pidFile, { force: true });
    this.pidValue = undefined;
  }
}

async function stopProcess(pid: number, timeoutMs: number): Promise<void> {
  if (!processAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid) && !isZombie(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An exited child that the parent has not reaped yet still answers kill(pid, 0). */
function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
