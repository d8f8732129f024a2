// Prints each subgraph's SDL to schema/<name>.graphql and composes schema/supergraph.graphql with
// @apollo/composition. Fails on composition errors. `--check` writes nothing and fails when a committed
// file is stale (the tests run it).
import { composeServices } from '@apollo/composition';
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { parse } from 'graphql';
import { join } from 'path';
import { ROOT } from '../subgraphs/kit/paths';
import { DEFAULT_PORTS, SUBGRAPHS } from '../subgraphs/kit/topology';

export const SCHEMA_DIR = join(ROOT, 'schema');

/** Each subgraph's SDL, printed by its own process so no two subgraphs share type-graphql's metadata. */
export function printSubgraphs(): Record<string, string> {
  const sdl: Record<string, string> = {};
  for (const name of SUBGRAPHS) {
    sdl[name] = execFileSync(process.execPath, [join(__dirname, '..', 'subgraphs', name, 'main.js'), '--print-schema'], {
      encoding: 'utf8',
    });
  }
  return sdl;
}

export function compose(sdl: Record<string, string>): string {
  const result = composeServices(
    SUBGRAPHS.map((name) => ({ name, typeDefs: parse(sdl[name]), url: `http://localhost:${DEFAULT_PORTS[name]}/graphql` })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

export const COMPOSE_HELP = `fuhua compose [--check]

Prints each subgraph's SDL into schema/ and composes schema/supergraph.graphql (@apollo/composition).
--check writes nothing and fails when a committed file differs from the code. Run from the build:
\`npm run compose\` builds first.`;

export async function run(args: string[]): Promise<void> {
  const check = args.includes('--check');
  const sdl = printSubgraphs();
  const files: Record<string, string> = { 'supergraph.graphql': compose(sdl) };
  for (const name of SUBGRAPHS) files[`${name}.graphql`] = sdl[name];
  const stale: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const path = join(SCHEMA_DIR, file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current === text) continue;
    stale.push(file);
    if (!check) writeFileSync(path, text);
  }
  if (check && stale.length) {
    throw new Error(`stale: schema/${stale.join(', schema/')} differ from the code; run npm run compose and commit them.`);
  }
  console.log(check ? 'schema/ is up to date.' : stale.length ? `wrote schema/${stale.join(', schema/')}` : 'schema/ was up to date.');
}

