// Raw SQL for what MikroORM's query builder would only obscure: aggregations, arrays, grouping.
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A PostgreSQL array literal for one bound parameter (`= any(?::uuid[])`). MikroORM's raw `execute`
 * spreads a JS array into a list of parameters, which `any()` cannot take.
 */
export function sqlArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** A raw SQL statement (aggregations MikroORM's query builder would only obscure), typed by its rows. */
export function selectRows<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute(sql, params) as Promise<T[]>;
}

/** Rows grouped by key, for answering a batch of keys in one pass (not a scan per key). */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
