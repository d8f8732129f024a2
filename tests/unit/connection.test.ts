// The list convention's pure parts (subgraphs/kit/runtime/connection.ts): the cursor codec, the page-size
// limits, the keyset condition and how a page is cut from first + 1 rows.
import 'reflect-metadata';
import { DomainError } from '../../subgraphs/kit/errors';
import { connectionOf, decodeCursor, encodeCursor, keysetSql, PAGE_DEFAULT, PAGE_MAX, pageSize } from '../../subgraphs/kit/runtime/connection';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? String(error.extensions.code) : 'not a DomainError';
  }
  return undefined;
};

describe('cursor codec', () => {
  it('round-trips the sort values of a row, dates as ISO text', () => {
    const at = new Date('2024-03-01T08:00:00.123Z');
    const cursor = encodeCursor(['吉林市社会组织', 3, at, '9b0c1a52-8a57-4e4c-9a39-0c3f6d6f2b11']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // safe in a URL or a variable, opaque
    expect(decodeCursor(cursor, 4)).toEqual(['吉林市社会组织', 3, at.toISOString(), '9b0c1a52-8a57-4e4c-9a39-0c3f6d6f2b11']);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['empty', ''],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['not a list', Buffer.from('{"a":1}').toString('base64url')],
    ['wrong arity (another list\'s cursor)', encodeCursor(['x'])],
    ['a nested value', Buffer.from('[["x"],"y"]').toString('base64url')],
    ['the old offset cursor', Buffer.from('50').toString('base64url')],
    ['very long', 'A'.repeat(5000)],
  ])('refuses a malformed cursor (%s) with BAD_USER_INPUT', (_, cursor) => {
    expect(code(() => decodeCursor(cursor, 2))).toBe('BAD_USER_INPUT');
  });
});

describe('page size', () => {
  it(`defaults to ${PAGE_DEFAULT} and takes 0 to ${PAGE_MAX}`, () => {
    expect(pageSize(undefined)).toBe(PAGE_DEFAULT);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(PAGE_MAX)).toBe(PAGE_MAX);
  });

  it('refuses a negative or too large page, naming the maximum, instead of cutting it', () => {
    for (const first of [-1, PAGE_MAX + 1, 1000, 1.5]) {
      let error: DomainError | undefined;
      try {
        pageSize(first);
      } catch (e) {
        error = e as DomainError;
      }
      expect(error?.extensions.code).toBe('BAD_USER_INPUT');
      expect(error?.message).toContain(String(PAGE_MAX));
      expect(error?.extensions.maximum).toBe(PAGE_MAX);
    }
    expect(code(() => pageSize(11, 10))).toBe('BAD_USER_INPUT');
  });
});

describe('keyset condition', () => {
  const columns = [
    { sql: 'name', direction: 'asc' as const },
    { sql: 'at', direction: 'desc' as const, cast: 'timestamptz' },
    { sql: 'id', direction: 'asc' as const, cast: 'uuid' },
  ];

  it('is true without a cursor', () => {
    expect(keysetSql(columns, null)).toEqual({ sql: 'true', params: [] });
  });

  it('expands "after this row" column by column, each direction honoured', () => {
    const { sql, params } = keysetSql(columns, encodeCursor(['b', '2024-01-01T00:00:00.000Z', 'u']));
    expect(sql).toBe('((name > ?) or (name = ? and at < ?::timestamptz) or (name = ? and at = ?::timestamptz and id > ?::uuid))');
    expect(params).toEqual(['b', 'b', '2024-01-01T00:00:00.000Z', 'b', '2024-01-01T00:00:00.000Z', 'u']);
  });

  it('refuses a cursor of another shape before any SQL', () => {
    expect(code(() => keysetSql(columns, encodeCursor(['b', 'u'])))).toBe('BAD_USER_INPUT');
  });
});

describe('a page from first + 1 rows', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('keeps first rows, says a next page exists, and ends at the last row kept', () => {
    const page = connectionOf(rows, 2, (r) => [r.id], () => 3);
    expect(page.nodes.map((r) => r.id)).toEqual(['a', 'b']);
    expect(page.edges.map((e) => decodeCursor(e.cursor, 1)[0])).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[1].cursor });
  });

  it('says the last page is the last, and an empty page has no cursor', () => {
    expect(connectionOf(rows, 3, (r) => [r.id], () => 3).pageInfo.hasNextPage).toBe(false);
    expect(connectionOf([], 10, (r: { id: string }) => [r.id], () => 0).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('counts only when totalCount is read, and once', () => {
    const total = jest.fn(() => 42);
    const page = connectionOf(rows, 2, (r) => [r.id], total);
    expect(total).not.toHaveBeenCalled();
    expect(page.totalCount).toBe(42);
    expect(page.totalCount).toBe(42);
    expect(total).toHaveBeenCalledTimes(1);
  });
});
