// Writes a new MikroORM migration for one subgraph from the difference between its entities and its
// committed migrations, on a throwaway embedded PostgreSQL, and lists it in migrations/index.ts.
import { readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ROOT } from '../subgraphs/kit/paths';
import { entitiesOf, migrationsOf, ormConfig, type SubgraphDefinition } from '../subgraphs/kit/runtime';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/topology';
import { startCluster } from './postgres';

export function loadSubgraph(name: SubgraphName): SubgraphDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, '..', 'subgraphs', name, 'main'))[name];
}

export const MIGRATION_HELP = `fuhua migration <${SUBGRAPHS.join('|')}> [name]

Writes a MikroORM migration for one subgraph from the difference between its entities and its committed
migrations, on a throwaway embedded PostgreSQL, and lists it in migrations/index.ts. \`npm run migration\`
builds first.`;

export async function run(args: string[]): Promise<void> {
  const [name, given] = args as [SubgraphName, string | undefined];
  // The name becomes part of a class name: letters, digits and underscores only.
  const title = given?.replace(/[^A-Za-z0-9_]/g, '_');
  if (!SUBGRAPHS.includes(name)) throw new Error(MIGRATION_HELP);
  const definition = loadSubgraph(name);
  const folder = join(ROOT, 'subgraphs', name, 'migrations');
  const cluster = await startCluster({ dir: join(tmpdir(), `fuhua-migration-${process.pid}`), port: 55000 + (process.pid % 1000), ephemeral: true, quiet: true });
  try {
    await cluster.ensureDatabase('migration');
    const config = ormConfig({ databaseUrl: cluster.urlOf('migration'), entities: entitiesOf(definition), migrations: migrationsOf(definition) });
    const orm = await MikroORM.init({ ...config, migrations: { ...config.migrations, path: folder, emit: 'ts', snapshot: false } });
    await orm.getMigrator().up();
    const created = await orm.getMigrator().createMigration(folder, false, false, title);
    await orm.close(true);
    if (!created.fileName) {
      console.log(`${name}: the entities match the committed migrations; nothing to write.`);
      return;
    }
    const files = readdirSync(folder).filter((f) => /^Migration\d+.*\.ts$/.test(f)).sort();
    const classes = files.map((f) => f.replace(/\.ts$/, ''));
    writeFileSync(
      join(folder, 'index.ts'),
      `// Committed migrations, in order (written by: npm run migration -- ${name}).\n` +
        classes.map((c) => `import { ${c} } from './${c}';`).join('\n') +
        `\n\nexport const migrations = [\n${classes.map((c) => `  { name: '${c}', class: ${c} },`).join('\n')}\n];\n`,
    );
    console.log(`${name}: wrote ${join('subgraphs', name, 'migrations', created.fileName)}`);
  } finally {
    await cluster.stop();
  }
}
