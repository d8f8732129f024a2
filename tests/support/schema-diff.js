// Prints, as JSON, what a subgraph's running database lacks against its entities: the committed
// migrations that have not run and the SQL MikroORM would still need to match the entities. Both are
// empty when the migrations are current. Run with node from the built dist/: node schema-diff.js <subgraph> <database URL>
require('reflect-metadata');
const { join } = require('path');

const [name, databaseUrl] = process.argv.slice(2);
const dist = join(__dirname, '..', '..', 'dist', 'subgraphs');
const definition = require(join(dist, name, 'main.js'))[name];
const { MikroORM } = require('@mikro-orm/postgresql');
const { ormConfig } = require(join(dist, 'kit', 'runtime', 'orm.js'));
const { entitiesOf, migrationsOf } = require(join(dist, 'kit', 'runtime', 'subgraph.js'));

(async () => {
  const orm = await MikroORM.init(ormConfig({ databaseUrl, entities: entitiesOf(definition), migrations: migrationsOf(definition), poolMax: 2 }));
  try {
    const pending = (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
    const sql = (await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).trim();
    process.stdout.write(JSON.stringify({ pending, sql }));
  } finally {
    await orm.close(true);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
