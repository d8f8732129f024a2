// One PostgreSQL role per subgraph, owning that subgraph's database and allowed to connect to no other
// tier's: "a subgraph reads only its own database" is a rule the database enforces, not a convention.
// `npm start` and the tests run it on the embedded cluster (scripts/postgres.ts); docker-compose.yml runs
// it once as its `postgres-init` job (`node dist/scripts/provision.js`, passwords from secret files).
// Idempotent: a second run keeps the data, sets the passwords again and confines what an older run left open.
import { Client } from 'pg';
import { provisionConfig } from '../subgraphs/kit/config';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/topology';

/** A subgraph's database, and the role that owns it (the same name). */
export const databaseName = (subgraph: SubgraphName) => `fuhua_${subgraph}`;
export const roleName = databaseName;

/** `url` (any database on the server) pointed at another database as another role. */
export function urlAs(url: string, database: string, role?: { name: string; password: string }): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  if (role) {
    next.username = role.name;
    next.password = encodeURIComponent(role.password);
  }
  return next.toString();
}

async function connected<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Objects in a database's public schema that another role (an older start, as the superuser) created. */
const TAKE_OVER = `
  select format('alter %s %I.%I owner to %I', case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end, n.nspname, c.relname, $1::text) as statement
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S') and pg_get_userbyid(c.relowner) <> $1
     and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))`;

/**
 * Makes (or brings in line) each subgraph's role and database on the server `adminUrl` reaches as a role
 * that may create roles and databases; returns each subgraph's URL as its own role.
 */
export async function provision(adminUrl: string, passwords: Record<SubgraphName, string>): Promise<Record<SubgraphName, string>> {
  const urls = {} as Record<SubgraphName, string>;
  await connected(adminUrl, async (admin) => {
    for (const name of SUBGRAPHS) {
      const role = admin.escapeIdentifier(roleName(name));
      const database = admin.escapeIdentifier(databaseName(name));
      const login = `login password ${admin.escapeLiteral(passwords[name])} nosuperuser nocreatedb nocreaterole noreplication`;
      const { rowCount: hasRole } = await admin.query('select 1 from pg_roles where rolname = $1', [roleName(name)]);
      await admin.query(`${hasRole ? 'alter' : 'create'} role ${role} ${login}`);
      const { rowCount: hasDatabase } = await admin.query('select 1 from pg_database where datname = $1', [databaseName(name)]);
      if (hasDatabase) await admin.query(`alter database ${database} owner to ${role}`);
      else await admin.query(`create database ${database} owner ${role}`);
      // Nobody but the owner connects (PUBLIC may by default); superusers still can, for backups.
      await admin.query(`revoke all on database ${database} from public`);
      await admin.query(`grant connect, temporary on database ${database} to ${role}`);
      urls[name] = urlAs(adminUrl, databaseName(name), { name: roleName(name), password: passwords[name] });
    }
  });
  // Tables an older start made as the administrator pass to the tier's role (the public schema already follows the owner).
  for (const name of SUBGRAPHS) {
    await connected(urlAs(adminUrl, databaseName(name)), async (client) => {
      const { rows } = await client.query<{ statement: string }>(TAKE_OVER, [roleName(name)]);
      for (const { statement } of rows) await client.query(statement);
    });
  }
  return urls;
}

if (require.main === module) {
  const config = provisionConfig();
  provision(config.adminUrl, config.passwords).then(
    () => console.log(`[provision] ${SUBGRAPHS.map(roleName).join(', ')}: each owns its database and may connect to no other tier's`),
    (error: Error) => {
      console.error(`[provision] failed: ${error.message}`);
      process.exit(1);
    },
  );
}
