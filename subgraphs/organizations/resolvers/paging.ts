// A minimal keyset paging for the public lists, in the shape of the house's connection convention
// (nodes, pageInfo { hasNextPage endCursor }, totalCount; `first` capped, refused past the cap). To be
// replaced by the kit's connection helper (kit/runtime/connection.ts) when it lands.
import { Directive, Field, ObjectType } from 'type-graphql';
import { badInput } from '../../kit/errors';
import { isUuid } from '../../kit/input';

/** The largest page a public list serves. */
export const MAX_PUBLIC_PAGE = 100;

@Directive('@shareable')
@ObjectType({ description: 'Where a page stands in its list 分页信息.' })
export class PageInfo {
  @Field({ description: 'Whether another page follows 是否有下一页.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page 下一页游标; null when the page is empty.' })
  endCursor!: string | null;
}

/** `first` as asked, or BAD_USER_INPUT naming the cap: never silently cut. */
export function pageSize(first: number, max = MAX_PUBLIC_PAGE): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badInput(`first must be 1 to ${max}; ${first} was asked. Page on with \`after\`.`);
  return first;
}

/** A keyset position: the sort day (YYYY-MM-DD) and the id of the last row of a page. */
export type Keyset = [string, string];

export const encodeCursor = (key: Keyset): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(after: string | null | undefined): Keyset | undefined {
  if (!after) return undefined;
  try {
    const key = JSON.parse(Buffer.from(after, 'base64url').toString()) as unknown;
    if (Array.isArray(key) && key.length === 2 && /^\d{4}-\d{2}-\d{2}$/.test(String(key[0])) && isUuid(String(key[1]))) return key as Keyset;
  } catch {
    // falls through to the refusal
  }
  throw badInput('`after` is not a cursor this list gave out; pass a pageInfo.endCursor as it came.');
}

/**
 * The rows after `cursor` in the order (`sortField` desc, id desc), as a MikroORM filter: stable under
 * inserts, whatever the page.
 */
export function after(sortField: string, cursor: Keyset | undefined): Record<string, unknown> {
  if (!cursor) return {};
  const [value, id] = cursor;
  return { $or: [{ [sortField]: { $lt: value } }, { [sortField]: value, id: { $lt: id } }] };
}

/** One page from `first + 1` rows fetched: the extra row only says that another page follows. */
export function page<T>(rows: T[], first: number, keyOf: (row: T) => Keyset, totalCount: number) {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(keyOf(last)) : null } };
}
