// What this tier's lists share: the plain nested lists kept beside their connections for older clients
// (capped by `first`, deprecated), and the caller's reading scope as SQL.
import { detailsPrefix, type Viewer } from '../../kit/identity';
import { PAGE_MAX } from '../../kit/runtime';

/**
 * The rows a plain (deprecated) nested list still answers: its `first`, default 20 — what the gateway's
 * rows estimate assumed for an unpaged list, so older clients' queries cost what they did — never more than PAGE_MAX.
 */
export const PLAIN_LIST_DEFAULT = 20;
export const plainFirst = (description: string) => ({
  defaultValue: PLAIN_LIST_DEFAULT,
  description: `${description}: at most this many (default ${PLAIN_LIST_DEFAULT}, at most ${PAGE_MAX}; more is refused) 条数上限.`,
});

/** SQL for "the caller may read this county's details" on the alias `t` (mayReadDetails, in the database). */
export function detailsFilter(viewer: Viewer): { sql: string; params: unknown[]; key: string } {
  const prefix = detailsPrefix(viewer);
  return prefix === null ? { sql: 'false', params: [], key: 'none' } : { sql: 't.county_code like ?', params: [`${prefix}%`], key: prefix || 'all' };
}

