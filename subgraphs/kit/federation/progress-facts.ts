// How a tier contributes its facts to MilestoneProgress: facts for many progress representations at
// once, grouped by (year, asOf), one batch call per group, so a scorecard over any number of scopes
// costs one statement per fact type.
import { regionPrefix } from '../identity/regions';
import type { Loaders } from '../runtime/loaders';
import type { MilestoneProgressReference } from './stubs';

export function progressFacts<T extends { countyCode: string }>(
  loaders: Loaders,
  name: string,
  load: (year: number, asOf: string, prefixes: string[]) => Promise<T[]>,
) {
  return (progress: MilestoneProgressReference): Promise<T[]> =>
    loaders
      .custom(`${name}:${progress.year}:${progress.asOf}`, async (scopes) => {
        const prefixes = scopes.map(regionPrefix);
        const facts = await load(progress.year, progress.asOf, prefixes);
        return prefixes.map((prefix) => facts.filter((fact) => fact.countyCode.startsWith(prefix)));
      })
      .load(progress.scope);
}
