// One list convention for every list that can grow (issue 11 item 3): a connection 分页列表 with
// `edges { cursor node }`, `nodes`, `pageInfo { hasNextPage endCursor }` and `totalCount`, paged by
// `first` (default PAGE_DEFAULT, at most PAGE_MAX: more, or a negative number, is refused with
// BAD_USER_INPUT naming the maximum, never cut) and `after` (an opaque keyset cursor: the sort values of
// the last row seen, over a stable order whose last column is the primary key, so a row written between
// two pages neither repeats nor hides a row). `totalCount` is counted only when selected.
//
// API, small on purpose:
//   connectionType(Node)                        the GraphQL types <Node>Connection and <Node>Edge
//   PageArgs                                    `first` and `after`, as @Args()
//   findPage(em, Entity, where, order, page)    one list: one statement (+1 when totalCount is selected)
//   pagedLoader(ctx, name, Entity, parent, order, page, filter?)
//                                               one list under many parents: one statement per request for all
//                                               of them (row_number() over (partition by parent)), +1 for totalCount
//   connectionOf(rows, page, order, total)      a connection from rows fetched by hand (first + 1 of them)
//   keysetSql(columns, cursor)                  the "after this row" condition for raw SQL
//   encodeCursor / decodeCursor / pageSize      the cursor codec and the limit check
import { wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../errors';
import type { Context } from './context';
import { sqlArray } from './sql';

/** The page size when `first` is not given. */
export const PAGE_DEFAULT = 50;
/** The largest page: a larger `first` is refused, not cut. */
export const PAGE_MAX = 500;

@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Where a page 分页 ends: whether more follow, and the cursor to ask for them.' })
export class PageInfo {
  @Field({ description: 'True when rows follow this page 是否有下一页: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor 游标 of the last row of this page; null when the page is empty.' })
  endCursor!: string | null;
}

/** A page of rows as resolvers return it; `totalCount` is a getter, so it is counted only when selected. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: PAGE_DEFAULT,
    description: `How many rows 每页条数: 0 to ${PAGE_MAX} (default ${PAGE_DEFAULT}); more is refused, never cut.`,
  })
  first: number = PAGE_DEFAULT;

  @Field(() => String, { nullable: true, description: 'Start after this cursor 游标 (a previous page\'s `pageInfo.endCursor`).' })
  after?: string | null;
}

const connectionTypes = new Map<string, ClassType>();

/**
 * The connection type of `node`: `<Name>Connection` with `<Name>Edge`. One class per node type (a second
 * call returns the first), shareable because several subgraphs declare the same ones (the audit trail's).
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string = node.name): ClassType<Connection<T>> {
  const known = connectionTypes.get(name);
  if (known) return known as ClassType<Connection<T>>;

  @Directive('@shareable')
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor 游标.` })
  class Edge {
    @Field({ description: 'Its cursor 游标: pass as `after` to continue after this row.' })
    cursor!: string;

    @Field(() => node, { description: 'The row 记录.' })
    node!: T;
  }

  @Directive('@shareable')
  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} 分页列表: at most \`first\` rows (≤ ${PAGE_MAX}) after the cursor \`after\`, in a stable order.`,
  })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The rows with their cursors 分页行.' })
    edges!: Edge[];

    @Field(() => [node], { description: 'The rows 记录, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Whether more rows follow, and from where 分页信息.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many rows match over all pages 总数 (counted only when asked for).' })
    totalCount!: number;
  }
  connectionTypes.set(name, ConnectionType);
  return ConnectionType as unknown as ClassType<Connection<T>>;
}

// ---- cursors and limits ------------------------------------------------------------------------------

type CursorValue = string | number;

/** An opaque cursor: the sort values of a row, as base64url JSON. */
export function encodeCursor(values: readonly unknown[]): string {
  const plain = values.map((v) => (v instanceof Date ? v.toISOString() : typeof v === 'number' ? v : String(v)));
  return Buffer.from(JSON.stringify(plain)).toString('base64url');
}

/** The sort values in `cursor`; anything this API did not hand out for this order is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  const refuse = () => badInput(`after: "${cursor.slice(0, 60)}" is not a cursor of this list; pass a pageInfo.endCursor (or an edge's cursor) this list returned.`);
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw refuse();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(values) || values.length !== arity || !values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw refuse();
  return values as CursorValue[];
}

/** `first` checked against the documented limits: a negative or too large page is refused, never cut. */
export function pageSize(first: number | undefined, max = PAGE_MAX): number {
  const n = first ?? PAGE_DEFAULT;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw badInput(`first: ${n} is outside 0–${max}: a page holds at most ${max} rows; ask for the next one with after: pageInfo.endCursor.`, { maximum: max });
  }
  return n;
}

// ---- orders and keyset conditions ----------------------------------------------------------------------

/** A stable order: properties and directions; the primary key `id` is appended as the tie-breaker. */
export type Order<T> = ReadonlyArray<readonly [keyof T & string, 'asc' | 'desc']>;

const withTieBreaker = <T>(order: Order<T>): Order<T> =>
  order.some(([p]) => p === 'id') ? order : [...order, ['id' as keyof T & string, 'asc']];

/** A property's value on a row as a cursor keeps it (a relation by its primary key). */
function sortValue(row: object, property: string): unknown {
  const value = (row as Record<string, unknown>)[property];
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? wrap(value as object, true).getPrimaryKey() : value;
}

/** The MikroORM filter "after `values` in `order`": (a > x) or (a = x and b > y) or … */
function keysetFilter<T>(order: Order<T>, values: CursorValue[]): Record<string, unknown> {
  return {
    $or: order.map(([property, direction], i) => ({
      ...Object.fromEntries(order.slice(0, i).map(([p], j) => [p, values[j]])),
      [property]: { [direction === 'asc' ? '$gt' : '$lt']: values[i] },
    })),
  };
}

/** A column of raw SQL with its direction, for keysetSql. */
export interface SqlColumn {
  sql: string;
  direction: 'asc' | 'desc';
  /** A cast for the cursor's value (e.g. 'date', 'uuid', 'timestamptz'). */
  cast?: string;
}

/** The raw SQL condition "after the cursor in `columns`" and its parameters (`true` without a cursor). */
export function keysetSql(columns: readonly SqlColumn[], after: string | null | undefined): { sql: string; params: unknown[] } {
  if (!after) return { sql: 'true', params: [] };
  const values = decodeCursor(after, columns.length);
  const param = (c: SqlColumn) => (c.cast ? `?::${c.cast}` : '?');
  const params: unknown[] = [];
  const terms = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => (params.push(values[j]), `${c.sql} = ${param(c)}`));
    params.push(values[i]);
    return `(${[...equal, `${column.sql} ${column.direction === 'asc' ? '>' : '<'} ${param(column)}`].join(' and ')})`;
  });
  return { sql: `(${terms.join(' or ')})`, params };
}

/** The ORDER BY text of raw SQL columns. */
export const orderSql = (columns: readonly SqlColumn[]) => columns.map((c) => `${c.sql} ${c.direction}`).join(', ');

// ---- building connections -----------------------------------------------------------------------------

/**
 * A connection from up to `first + 1` rows in page order (the extra one only says a next page exists).
 * `cursorOf` gives a row's sort values; `total` is called only if totalCount is selected.
 */
export function connectionOf<T>(rows: readonly T[], first: number, cursorOf: (row: T) => unknown[], total: () => number | Promise<number>): Connection<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  let counted: number | Promise<number> | undefined;
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return (counted ??= total());
    },
  };
}

type EntityClass<T> = new (...args: never[]) => T;

/** One list: rows of `entity` matching `where`, a page in `order` (id last), in one statement. */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  // A function when the filter holds raw() fragments: MikroORM consumes a raw key once, and the page and
  // its count are two statements.
  where: Record<string, unknown> | (() => Record<string, unknown>),
  order: Order<T>,
  page: PageArgs,
): Promise<Connection<T>> {
  const first = pageSize(page.first);
  const stable = withTieBreaker(order);
  const whereOf = typeof where === 'function' ? where : () => where;
  const filter = page.after ? { $and: [whereOf(), keysetFilter(stable, decodeCursor(page.after, stable.length))] } : whereOf();
  const rows = await em.find(entity, filter as never, { orderBy: Object.fromEntries(stable) as never, limit: first + 1 });
  return connectionOf(rows, first, (row) => stable.map(([p]) => sortValue(row, p)), () => em.count(entity, whereOf() as never));
}

/**
 * One list under many parents (an incubation's services, a host's incubations): the same page of each
 * parent's rows, for every parent of the request in ONE statement (`row_number() over (partition by
 * parent)`), through a per-request DataLoader named `name` (include the arguments in it). `filter` is
 * extra raw SQL on the table's alias `t`. totalCount, when selected, is one more statement for all parents.
 */
export function pagedLoader<T extends object>(
  ctx: Context,
  name: string,
  entity: EntityClass<T>,
  parent: keyof T & string,
  order: Order<T>,
  page: PageArgs,
  filter: { sql: string; params: unknown[] } = { sql: 'true', params: [] },
): DataLoader<string, Connection<T>> {
  const first = pageSize(page.first);
  const meta = ctx.em.getMetadata().find(entity.name)!;
  const stable = withTieBreaker(order);
  const column = (property: string) => {
    const p = meta.properties[property as never] as { fieldNames: string[]; columnTypes?: string[]; type?: string };
    return { sql: `t."${p.fieldNames[0]}"`, cast: p.columnTypes?.[0] ?? p.type };
  };
  const parentColumn = column(parent);
  const columns: SqlColumn[] = stable.map(([p, direction]) => ({ ...column(p), direction }));
  const after = keysetSql(columns, page.after);
  const table = `"${meta.tableName}"`;
  const counts = ctx.loaders.custom(`${name}:count`, async (keys) => {
    const rows: { parent: string; n: number }[] = await ctx.em.getConnection().execute(
      `select ${parentColumn.sql}::text as parent, count(*)::int as n from ${table} t
       where ${parentColumn.sql} = any(?::${parentColumn.cast}[]) and ${filter.sql} group by 1`,
      [sqlArray(keys), ...filter.params],
    );
    const byParent = new Map(rows.map((r) => [r.parent, r.n]));
    return keys.map((key) => byParent.get(key) ?? 0);
  });
  return ctx.loaders.custom(`paged:${name}:${first}:${page.after ?? ''}`, async (keys) => {
    const rows: (Record<string, unknown> & { __parent: string })[] = await ctx.em.getConnection().execute(
            `select * from (
               select t.*, ${parentColumn.sql}::text as __parent, row_number() over (partition by ${parentColumn.sql} order by ${orderSql(columns)}) as __row
               from ${table} t
               where ${parentColumn.sql} = any(?::${parentColumn.cast}[]) and ${after.sql} and ${filter.sql}
             ) ranked where __row <= ? order by __parent, __row`,
            [sqlArray(keys), ...after.params, ...filter.params, first + 1],
          );
    const byParent = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const { __parent, __row, ...row } of rows) byParent.get(__parent)?.push(ctx.em.map(entity, row as never));
    return keys.map((key) =>
      connectionOf(byParent.get(key)!, first, (row) => stable.map(([p]) => sortValue(row, p)), () => counts.load(key)),
    );
  });
}
