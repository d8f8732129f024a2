// How a tier contributes its facts to MilestoneProgress: facts for many progress representations at
// once, grouped by (year, asOf, what the province asked), one batch call per group, so a scorecard over any number of scopes
// costs one statement per fact type.
import { regionPrefix } from '../identity/regions';
import type { Loaders } from '../runtime/loaders';
import type { MilestoneProgressReference } from './stubs';

export function progressFacts<T extends { countyCode: string }, P extends MilestoneProgressReference = MilestoneProgressReference>(
  loaders: Loaders,
  name: string,
  load: (prefixes: string[], progress: P) => Promise<T[]>,
) {
  return (progress: P, asks?: keyof P): Promise<T[]> =>
    loaders
      // What the province asked for (e.g. the categories checked) depends on the year alone; keyed anyway.
      .custom(`${name}:${progress.year}:${progress.asOf}:${asks ? JSON.stringify(progress[asks] ?? null) : ''}`, async (scopes) => {
        const prefixes = scopes.map(regionPrefix);
        const facts = await load(prefixes, progress);
        return prefixes.map((prefix) => facts.filter((fact) => fact.countyCode.startsWith(prefix)));
      })
      .load(progress.scope);
}

/**
 * `column` (a county code) within any of the scopes' prefixes, for a fact statement: LIKEs joined by OR,
 * which an index on the column with `varchar_pattern_ops` serves as a range ("22%" → 22 ≤ code < 23);
 * `LIKE ANY(array)` is never served by an index. The nation ('') matches every row.
 */
export function inScopes(column: string, prefixes: readonly string[]): { sql: string; params: string[] } {
  if (!prefixes.length) return { sql: 'false', params: [] };
  return { sql: `(${prefixes.map(() => `${column} like ?`).join(' or ')})`, params: prefixes.map((prefix) => `${prefix}%`) };
}
