// Stubs of entities another subgraph owns: just the key, so a subgraph can contribute fields to them
// or point at them. One definition for every subgraph that needs it.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from './scalars';

/** County 县级行政区, owned by the province subgraph. */
@Directive('@key(fields: "code")')
@ObjectType('County')
export class CountyReference {
  @Field(() => ID)
  code!: string;
}

/**
 * Asks the subgraph that owns an entity for it, by key, through the federation's own `_entities`
 * field: how one tier checks a reference without reading another tier's database.
 */
export async function fetchEntities<T>(
  url: string,
  typename: string,
  representations: Record<string, unknown>[],
  selection: string,
  headers: Record<string, string> = {},
): Promise<(T | null)[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
      variables: { r: representations.map((r) => ({ __typename: typename, ...r })) },
    }),
  });
  const body = (await response.json()) as { data?: { _entities: (T | null)[] }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`${url} did not resolve ${typename}: ${body.errors?.map((e) => e.message).join('; ')}`);
  return body.data._entities;
}

/**
 * The progress of one milestone (year) as of one day over one scope (a province, prefecture or county
 * code): an entity keyed by its parameters, so every tier can contribute the facts it owns and the
 * province can evaluate the rules over them with @requires, in a fixed number of fetches.
 */
@Directive('@key(fields: "year asOf scope")')
@ObjectType('MilestoneProgress')
export class MilestoneProgressReference {
  @Field(() => Int)
  year!: number;

  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => ID, { description: 'A province, prefecture or county code: the counties it covers are evaluated.' })
  scope!: string;
}

/** The county-code prefix a scope covers: 220000 → 22, 220100 → 2201, 220102 → 220102. */
export function scopePrefix(scope: string): string {
  return /^\d{6}$/.test(scope) ? scope.replace(/(00)+$/, '') : scope;
}

/**
 * Facts for many progress representations at once: grouped by (year, asOf), one batch call per group,
 * so a scorecard over any number of scopes costs one statement per fact type.
 */
export function progressFacts<T extends { countyCode: string }>(
  loaders: import('./loaders').Loaders,
  name: string,
  load: (year: number, asOf: string, prefixes: string[]) => Promise<T[]>,
) {
  return (progress: MilestoneProgressReference): Promise<T[]> =>
    loaders
      .custom(`${name}:${progress.year}:${progress.asOf}`, async (scopes) => {
        const prefixes = scopes.map(scopePrefix);
        const facts = await load(progress.year, progress.asOf, prefixes);
        return prefixes.map((prefix) => facts.filter((fact) => fact.countyCode.startsWith(prefix)));
      })
      .load(progress.scope);
}

export enum HostKind {
  CENTER = 'CENTER',
  STATION = 'STATION',
}
registerEnumType(HostKind, {
  name: 'HostKind',
  description: 'Where an organization is incubated: a county center 孵化中心 or a town station 孵化站.',
});
