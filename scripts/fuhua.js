#!/usr/bin/env node
// `npx fuhua <command>`: the project's command-line tools, run from the build (no rebuild per call).
try {
  require('../dist/scripts/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/scripts/cli.js')) {
    console.error('fuhua: not built yet; run `npm install` (it builds) or `npm run build` first.');
    process.exit(2);
  }
  throw error;
}
