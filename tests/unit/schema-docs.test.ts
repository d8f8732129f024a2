// The API documents itself and hides its plumbing. Read from the committed supergraph (tests/composition.test.ts
// holds that it is what the code composes to) and the API schema the gateway serves from it:
// - every type, field, argument, input field, enum value and scalar a client can see has a description,
//   English with the Chinese term (at least one Han character: 孵化中心, 入驻日期 …);
// - nothing marked @inaccessible reaches a client, and the fact lists the province's @requires reads are
//   @inaccessible (plumbing between subgraphs, not API).
// A failure lists the elements by path (`Query.county(code:)`, `Incubation.status`, `HostKind.CENTER`): describe
// each where it is declared (type-graphql `description:`, registerEnumType's `valuesConfig`), then `npm run compose`.
import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'fs';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  Kind,
  parse,
  validate,
  type DefinitionNode,
  type DirectiveNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { join } from 'path';
import { ROOT } from '../../subgraphs/kit/paths';

const supergraphSdl = readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
const api: GraphQLSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

/** Every element of the API schema by path, with its description (undefined when it has none). */
function elementsOf(schema: GraphQLSchema): [string, string | null | undefined][] {
  const out: [string, string | null | undefined][] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    out.push([type.name, type.description]);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push([`${type.name}.${field.name}`, field.description]);
        for (const arg of 'args' in field ? field.args : []) out.push([`${type.name}.${field.name}(${arg.name}:)`, arg.description]);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) out.push([`${type.name}.${value.name}`, value.description]);
  }
  return out;
}

const named = (directives: readonly DirectiveNode[] | undefined, name: string) => directives?.filter((d) => d.name.value === name) ?? [];

/** Paths of every element the supergraph marks @inaccessible. */
function inaccessibleIn(definitions: readonly DefinitionNode[]): string[] {
  const out: string[] = [];
  for (const d of definitions) {
    if (!('name' in d) || !d.name || !('directives' in d)) continue;
    const type = d.name.value;
    if (named(d.directives, 'inaccessible').length) out.push(type);
    for (const field of ('fields' in d ? d.fields : undefined) ?? []) {
      if (named(field.directives, 'inaccessible').length) out.push(`${type}.${field.name.value}`);
      for (const arg of ('arguments' in field ? field.arguments : undefined) ?? []) {
        if (named(arg.directives, 'inaccessible').length) out.push(`${type}.${field.name.value}(${arg.name.value}:)`);
      }
    }
    for (const value of ('values' in d ? d.values : undefined) ?? []) {
      if (named(value.directives, 'inaccessible').length) out.push(`${type}.${value.name.value}`);
    }
  }
  return out;
}

/** `Type.field` for each top-level field a @requires reads (`@join__field(requires: "…")`), keys excepted. */
function requiredFields(definitions: readonly DefinitionNode[]): string[] {
  const out = new Set<string>();
  for (const d of definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const keys = new Set(
      named(d.directives, 'join__type').flatMap((j) => {
        const key = j.arguments?.find((a) => a.name.value === 'key')?.value;
        return key?.kind === Kind.STRING ? key.value.split(/[\s{}]+/).filter(Boolean) : [];
      }),
    );
    for (const field of d.fields ?? []) {
      for (const join of named(field.directives, 'join__field')) {
        const requires = join.arguments?.find((a) => a.name.value === 'requires')?.value;
        if (requires?.kind !== Kind.STRING) continue;
        const selection = (parse(`{ ${requires.value} }`).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;
        for (const s of selection.selections) if (s.kind === Kind.FIELD && !keys.has(s.name.value)) out.add(`${d.name.value}.${s.name.value}`);
      }
    }
  }
  return [...out].sort();
}

const definitions = parse(supergraphSdl).definitions;
const HAN = /\p{Script=Han}/u;
const apiPaths = new Set(elementsOf(api).map(([path]) => path));

describe('the API documents itself (every element described, English with the Chinese term)', () => {
  it('has no undescribed type, field, argument, input field, enum value or scalar', () => {
    const missing = elementsOf(api)
      .filter(([, description]) => !description?.trim())
      .map(([path]) => path);
    // The message is the to-do list: each path, one per line.
    expect(missing.length ? `undescribed in the API schema (${missing.length}):\n  ${missing.join('\n  ')}` : 'none').toBe('none');
  });

  it('gives the Chinese term in every description (English with the Chinese term, as the house writes them)', () => {
    const english = elementsOf(api)
      .filter(([, description]) => description?.trim() && !HAN.test(description))
      .map(([path, description]) => `${path}: ${description!.slice(0, 60)}`);
    expect(english.length ? `described without the Chinese term (${english.length}):\n  ${english.join('\n  ')}` : 'none').toBe('none');
  });

  it('checks every element the gateway serves (the lint cannot pass by reading nothing)', () => {
    expect(apiPaths.size).toBeGreaterThan(300);
    expect([...apiPaths]).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Query.county(code:)', 'FundingSource', 'IncubationStatus.GRADUATED']));
  });
});

describe('the API hides its plumbing (@inaccessible)', () => {
  const hidden = inaccessibleIn(definitions);

  it('serves no element the supergraph marks @inaccessible', () => {
    const reachable = hidden.filter((path) => apiPaths.has(path));
    expect(reachable.length ? `@inaccessible yet reachable by a client:\n  ${reachable.join('\n  ')}` : 'none').toBe('none');
  });

  it("marks @inaccessible every field a @requires reads (the scorecard's fact lists): the province computes with them, clients never see them", () => {
    const read = requiredFields(definitions);
    expect(read).toEqual(expect.arrayContaining(['MilestoneProgress.admissionFacts', 'MilestoneProgress.centerFacts']));
    const exposed = read.filter((path) => !hidden.includes(path));
    expect(exposed.length ? `read by @requires but public (add @Directive(INACCESSIBLE)):\n  ${exposed.join('\n  ')}` : 'none').toBe('none');
  });

  it('refuses a query that selects a fact list, as a validation error', () => {
    const query = parse('{ nation { milestoneProgress(year: 2017) { countiesMet admissionFacts { countyCode admitted } } } }');
    expect(validate(api, query).map((e) => e.message)).toEqual([expect.stringContaining('Cannot query field "admissionFacts" on type "MilestoneProgress"')]);
  });
});
