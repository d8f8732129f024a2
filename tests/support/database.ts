// A read-only look at a subgraph's own database, for tests that check "nothing changed".
import { Client } from 'pg';
import { databaseUrls } from './client';

export async function withDatabase<T>(subgraph: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrls()[subgraph] });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every table's row count and an md5 of its rows: equal fingerprints mean nothing was written. */
export function fingerprint(subgraph: string): Promise<Record<string, string>> {
  return withDatabase(subgraph, async (client) => {
    const { rows: tables } = await client.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname = 'public' and tablename not like 'mikro_orm%' order by tablename`,
    );
    const result: Record<string, string> = {};
    for (const { tablename } of tables) {
      const { rows } = await client.query(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${tablename}" t`);
      result[tablename] = `${rows[0].n}:${rows[0].sum}`;
    }
    return result;
  });
}
