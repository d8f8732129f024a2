#!/usr/bin/env node
// `npm run build` (and so prestart, pretest, bench): compiles with tsc only when a source is newer than
// the last compile (dist/.tsbuildinfo), then builds the dashboard (which skips itself when current).
// Plain JavaScript, since it runs before anything is compiled; `--force` compiles whatever the dates say.
'use strict';
const { execFileSync } = require('child_process');
const { existsSync, readdirSync, statSync, utimesSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const STAMP = join(ROOT, 'dist', '.tsbuildinfo');
// What tsconfig.build.json compiles (gateway/dashboard is Vite's), and what changes how it compiles.
const SOURCES = ['gateway', 'subgraphs', 'scripts'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** The newest modification time under `path`: files and folders (a deleted file changes its folder's). */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (path.endsWith('gateway') && name === 'dashboard') continue;
    latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

function stale() {
  if (process.argv.includes('--force') || !existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return [...SOURCES, ...SETTINGS].some((p) => existsSync(join(ROOT, p)) && newest(join(ROOT, p)) > built);
}

const run = (args) => execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
if (stale()) {
  run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  const now = new Date();
  utimesSync(STAMP, now, now); // tsc leaves it alone when nothing it emits changed
}
run([join(ROOT, 'gateway', 'dashboard', 'build.mjs')]);
