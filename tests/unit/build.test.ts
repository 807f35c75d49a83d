import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareArticle } from '../../src/ingest/prepare';

const ROOT = path.resolve(__dirname, '../..');
const SEED = path.join(ROOT, 'seeds/en_01_kharkiv_drones.txt');
const node = (args: string[]) => spawnSync('node', args, { cwd: ROOT, encoding: 'utf8' });

/** The compiled JavaScript (npm run build) is what bin/geokg.js and the benches run: it must behave as the source does. */
describe('the compiled build', () => {
  let probeDir: string;
  let probe: string;

  beforeAll(() => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.stderr.replace(/^npm warn .*\n/gm, '')).toBe('');
    expect(build.status).toBe(0);
    // Preloaded into the CLI: reports on exit whether the compiled CLI or the TypeScript source ran.
    probeDir = mkdtempSync(path.join(tmpdir(), 'geokg-build-'));
    probe = path.join(probeDir, 'probe.js');
    writeFileSync(probe, `process.on('exit', () => process.stderr.write(Object.keys(require.cache).some((f) => f.endsWith('${path.join('build', 'src', 'cli.js')}')) ? 'compiled' : 'source'));`);
  });

  afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

  it('is what bin/geokg.js runs, until a source file changes after it', () => {
    const run = () => node(['--require', probe, 'bin/geokg.js', 'extract', '--json', SEED]);
    expect(run().stderr).toBe('compiled');
    const source = path.join(ROOT, 'src/paths.ts');
    const { atime, mtime } = statSync(source);
    try {
      utimesSync(source, atime, new Date(Date.now() + 60_000));
      const stale = run();
      expect(stale.stderr).toBe('source');
      expect(stale.status).toBe(0);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });

  it('extracts what the source extracts', () => {
    const compiled = node(['build/src/cli.js', 'extract', '--json', SEED]);
    const source = node(['--require', 'tsx/cjs', 'src/cli.ts', 'extract', '--json', SEED]);
    expect(compiled.status).toBe(0);
    expect(JSON.parse(compiled.stdout).relations.length).toBeGreaterThan(3);
    expect(compiled.stdout).toBe(source.stdout);
  });

  it('extracts on its own worker threads', () => {
    const article = { id: 'build-en', text: 'Germany condemned Russia over the strike on Kharkiv.', language: 'en' as const, publishedAt: '2025-01-06' };
    const script = `const { createExtractor } = require('./build/src/ingest/extract-pool.js');
      const pool = createExtractor(1);
      pool.prepare([${JSON.stringify(article)}]).then((r) => { process.stdout.write(JSON.stringify(r)); return pool.close(); });`;
    const run = node(['-e', script]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify([prepareArticle(article)])));
  });
});
