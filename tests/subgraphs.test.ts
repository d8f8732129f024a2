// What the four subgraphs have in common, checked against each one: a call without the gateway's signed
// identity (or with a forged one) is refused; N entity references cost one SQL statement per type; every
// write leaves an audit row in the writing tier's own database; the committed migrations are current;
// and every field a subgraph contributes to another tier's entity is nullable, so a page survives a tier being down.
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { join } from 'path';
import { planDemo } from '../subgraphs/kit/demo';
import { INTERNAL_HEADER, signInternalToken } from '../subgraphs/kit/identity/tokens';
import type { Viewer } from '../subgraphs/kit/identity/viewer';
import { readCounter } from '../subgraphs/kit/metrics';
import { ROOT } from '../subgraphs/kit/paths';
import { loadRegister } from '../subgraphs/kit/register';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/topology';
import { data, databaseUrls, scrape, subgraphUrls } from './support/client';
import { withDatabase } from './support/database';

const ADMIN: Viewer = { sub: 'subgraph-suite', role: 'province_admin' };
const plan = planDemo('jilin');
const register = loadRegister('jilin');

/** POSTs straight to a subgraph, as only the gateway should; `identity` is the x-fuhua-identity header. */
async function direct(name: SubgraphName, query: string, variables: Record<string, unknown> = {}, identity?: string) {
  const response = await fetch(subgraphUrls()[name], {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(identity ? { [INTERNAL_HEADER]: identity } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const sqlStatements = async (name: SubgraphName) => readCounter(await scrape(name), 'fuhua_sql_statements_total');

/** One entity type each subgraph owns, with many keys the demo is sure to have. */
const ENTITIES: Record<SubgraphName, { type: string; representations: Record<string, string>[] }> = {
  province: { type: 'County', representations: register.counties.map((c) => ({ code: c.code })) },
  centers: { type: 'IncubationCenter', representations: plan.centers.map((c) => ({ id: c.id })) },
  stations: { type: 'IncubationStation', representations: plan.stations.map((s) => ({ id: s.id })) },
  organizations: { type: 'Organization', representations: plan.incubations.slice(0, 300).map((i) => ({ id: i.organizationId })) },
};

const centerOf = (code: string) => plan.centers.find((c) => c.countyCode === code)!.id;

/** A write in each tier, through the gateway as the province administrator, and the audit rows it must leave. */
const WRITES: Record<SubgraphName, { operations: string[]; run: () => Promise<unknown> }> = {
  province: {
    operations: ['setMilestoneCheck', 'setMilestoneCheck'],
    run: async () => {
      await data(`mutation { setMilestoneCheck(year: 2015, rule: "center", min: 2) { min } }`);
      await data(`mutation { setMilestoneCheck(year: 2015, rule: "center", min: 1) { min } }`);
    },
  },
  centers: {
    operations: ['closeIncubationCenter', 'openIncubationCenter'],
    run: async () => {
      // A county without an open center now (the demo leaves nine without one; other files may open some).
      const codes = register.counties.filter((c) => !plan.centers.some((x) => x.countyCode === c.code)).map((c) => c.code);
      expect(codes.length).toBeGreaterThan(0);
      const { counties } = await data(`query($c: [ID!]!) { counties(codes: $c) { code incubationCenter { id } } }`, { c: codes });
      const free = counties.find((c: any) => !c.incubationCenter);
      expect(free).toBeDefined();
      const { openIncubationCenter } = await data(
        `mutation($c: ID!) { openIncubationCenter(input: { countyCode: $c, name: "审计测试孵化中心", establishedOn: "2024-05-01", constructionMode: PUBLIC_PREMISES, operationMode: CIVIL_AFFAIRS_OFFICE, operator: "民政局" }) { id } }`,
        { c: free.code },
      );
      await data(`mutation($id: ID!) { closeIncubationCenter(id: $id, on: "2024-09-30") { id } }`, { id: openIncubationCenter.id });
    },
  },
  stations: {
    operations: ['designateLargeTown', 'designateLargeTown'],
    run: async () => {
      const town = register.towns.filter((t) => t.countyCode === '220183').at(-1)!.code;
      await data(`mutation($t: ID!) { designateLargeTown(code: $t, isLarge: true, on: "2024-03-01") { isLarge } }`, { t: town });
      await data(`mutation($t: ID!) { designateLargeTown(code: $t, isLarge: false, on: "2024-06-01") { isLarge } }`, { t: town });
    },
  },
  organizations: {
    operations: ['submitApplication', 'submitApplication'], // the organization and its application
    run: () =>
      data(`mutation($h: ID!) { submitApplication(input: { hostId: $h, organizationName: "审计共性测试社", category: EDUCATION, founderName: "钱审计", fullTimeStaff: 1, submittedOn: "2025-06-01", compliesWithRegulations: true, grassRootsDirectService: true, needsIncubationServices: true }) { id } }`, {
        h: centerOf('220103'),
      }),
  },
};

describe.each(SUBGRAPHS.map((name) => [name]))('the %s subgraph', (name) => {
  it('refuses a call without the gateway identity, and one with a forged identity', async () => {
    const missing = await direct(name, '{ __typename }');
    expect(missing.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(missing.data ?? null).toBeNull();
    const forged = await direct(name, '{ __typename }', {}, await signInternalToken(ADMIN, 'a-forger-guessing-the-secret-xxxxxxxxxx'));
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(forged.data ?? null).toBeNull();
    // ... and takes the same call signed with the gateway's secret.
    const signed = await direct(name, '{ __typename }', {}, await signInternalToken(ADMIN, process.env.FUHUA_TEST_GATEWAY_SECRET!));
    expect(signed).toEqual({ data: { __typename: 'Query' } });
  });

  it('resolves N references of an entity type with one SQL statement (the province\'s register: none), however large N is', async () => {
    const { type, representations } = ENTITIES[name];
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { __typename } } }`;
    const identity = await signInternalToken(ADMIN, process.env.FUHUA_TEST_GATEWAY_SECRET!);
    const cost = async (refs: Record<string, string>[]) => {
      const before = await sqlStatements(name);
      const response = await direct(name, query, { r: refs.map((r) => ({ __typename: type, ...r })) }, identity);
      const after = await sqlStatements(name);
      expect(response.errors).toBeUndefined();
      expect(response.data._entities.filter((e: any) => e?.__typename === type)).toHaveLength(refs.length);
      return after - before;
    };
    expect(representations.length).toBeGreaterThan(50);
    // The province answers its register (the County references) from memory: no statement at all.
    const statements = name === 'province' ? 0 : 1;
    expect({ one: await cost(representations.slice(0, 1)), all: await cost(representations) }).toEqual({ one: statements, all: statements });
  });

  it('leaves an audit row in its own database for every write', async () => {
    const rows = () =>
      withDatabase(name, async (client) => (await client.query(`select operation, role, actor from audit_entry order by at desc, id`)).rows);
    const before = await rows();
    await WRITES[name].run();
    const after = await rows();
    const added = after.slice(0, after.length - before.length);
    expect(added.map((r: any) => r.operation).sort()).toEqual([...WRITES[name].operations].sort());
    for (const row of added) expect(row).toMatchObject({ role: 'province_admin', actor: expect.any(String) });
  });

  it('has run every committed migration, and its entities need no schema change beyond them', () => {
    const out = execFileSync(process.execPath, [join(__dirname, 'support', 'schema-diff.js'), name, databaseUrls()[name]], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ pending: [], sql: '' });
  });
});

describe('contributed fields', () => {
  /** Who owns each entity type; every other subgraph only contributes fields to it. */
  const OWNER: Record<string, SubgraphName> = {
    Province: 'province', Prefecture: 'province', County: 'province', MilestoneProgress: 'province',
    IncubationCenter: 'centers', Town: 'stations', IncubationStation: 'stations',
    Organization: 'organizations', Application: 'organizations', Incubation: 'organizations',
  };
  /**
   * The known exception, with its reason: the facts a tier hands the province for @requires are never
   * shown on a page (without them a scorecard, or the national ranking, cannot be computed at all).
   */
  const EXEMPT = /^(MilestoneProgress\.\w+Facts|NationalComparison\.\w+Totals)$/;

  const contributions = SUBGRAPHS.flatMap((name) => {
    const sdl = parse(readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8'));
    return sdl.definitions
      .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && !!d.directives?.some((x) => x.name.value === 'key'))
      .flatMap((type) => {
        const keys = (type.directives ?? [])
          .filter((d) => d.name.value === 'key')
          .flatMap((d) => String((d.arguments?.find((a) => a.name.value === 'fields')?.value as { value: string }).value).split(/\s+/));
        const owned = OWNER[type.name.value] === name;
        return owned
          ? []
          : (type.fields ?? [])
              .filter((f: FieldDefinitionNode) => !keys.includes(f.name.value) && !f.directives?.some((d) => d.name.value === 'external'))
              .map((f) => ({ subgraph: name, field: `${type.name.value}.${f.name.value}`, nullable: f.type.kind !== Kind.NON_NULL_TYPE }));
      });
  });

  it('finds the fields the tiers contribute to each other', () => {
    expect(contributions.filter((c) => !EXEMPT.test(c.field)).map((c) => c.field)).toEqual(
      expect.arrayContaining(['County.incubationCenter', 'County.towns', 'County.stations', 'IncubationCenter.admitted', 'County.incubationYears']),
    );
  });

  it('every one of them is nullable, so a page survives the contributing tier being down', () => {
    expect(contributions.filter((c) => !c.nullable && !EXEMPT.test(c.field))).toEqual([]);
  });
});
