import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ExtractionResultSchema } from '../../src/extract';

const BIN = path.resolve(__dirname, '../../bin/geokg.js');
const SEED = path.resolve(__dirname, '../../seeds/ar_01_kursk.txt');
const geokg = (args: string[], input?: string) => spawnSync('node', [BIN, ...args], { encoding: 'utf8', input });

describe('geokg extract', () => {
  it('prints the contract JSON for a file, using its front matter', () => {
    const run = geokg(['extract', '--json', SEED]);
    expect(run.status).toBe(0);
    const result = ExtractionResultSchema.parse(JSON.parse(run.stdout));
    expect(result.language).toBe('ar');
    expect(result.relations.some((r) => r.type === 'SENT_TROOPS_TO' && r.subject.id === 'Q423')).toBe(true);
  });

  it('reads standard input with - and honours --lang and --date', () => {
    const run = geokg(['extract', '--json', '--lang', 'en', '--date', '2025-01-02', '-'], 'Germany condemned Russia yesterday.');
    expect(run.status).toBe(0);
    const result = ExtractionResultSchema.parse(JSON.parse(run.stdout));
    expect(result.relations).toEqual([expect.objectContaining({ type: 'CONDEMNED', eventDate: '2025-01-01' })]);
  });

  it('rejects bad arguments with one clear line', () => {
    const run = geokg(['extract', '--json', '--date', 'someday', SEED]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('geokg: --date must be a date such as 2024-12-05');
    const missing = geokg(['extract', '/nonexistent/article.txt']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^geokg: Cannot read \/nonexistent\/article\.txt: /);
  });
});
