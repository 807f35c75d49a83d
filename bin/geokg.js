#!/usr/bin/env node
// Runs the compiled CLI (build/, written by `npm run build`, which `npm ci` and `npm start` run) when every source
// file has been compiled since it last changed; otherwise the TypeScript source through tsx, so an edit never runs
// stale code. Compiled code is the fast path: tsx's module wrappers cost extraction about an eighth of its speed.
const { readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/** Whether each src/**\/*.ts (tests aside) has a build/src/**\/*.js at least as new. */
function isBuilt(dir = 'src') {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isBuilt(source)) return false;
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const compiled = statSync(path.join(ROOT, 'build', source.replace(/\.ts$/, '.js')), { throwIfNoEntry: false });
      if (!compiled || compiled.mtimeMs < statSync(path.join(ROOT, source)).mtimeMs) return false;
    }
  }
  return true;
}

if (isBuilt()) {
  require('../build/src/cli.js');
} else {
  require('tsx/cjs');
  require('../src/cli.ts');
}
