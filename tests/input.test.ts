// Bad input is answered BAD_USER_INPUT or NOT_FOUND with a message a clerk can act on, never as an
// internal error, and changes nothing; an unexpected error shows a request id and nothing of the
// internals; tokens must end and may not be dated ahead.
import { SignJWT } from 'jose';
import { randomUUID } from 'crypto';
import { verifyUserToken } from '../subgraphs/kit/identity/tokens';
import { maskErrors } from '../subgraphs/kit/masking';
import { parseIsoDate } from '../subgraphs/kit/runtime/dates';
import { bounded } from '../subgraphs/kit/runtime/audit';
import { request } from './support/client';
import { fingerprint } from './support/database';
import { token } from './support/tokens';

const county = () => token('--role', 'county', '--region', '220102');
const codes = (response: { errors?: { extensions?: { code?: string } }[] }) => (response.errors ?? []).map((e) => e.extensions?.code);

const IMPOSSIBLE = ['2017-02-30', '2017-13-01', '20170101', '', '0000-01-01', '1900-01-01', '2017-00-10', '2017-04-31', '2101-01-01', '2017-1-1'];
const MILESTONE = (asOf: string) => `{ county(code: "220102") { prefecture { milestoneProgress(year: 2017, asOf: ${asOf}) { asOf } } } }`;

describe('dates', () => {
  it.each(IMPOSSIBLE)('refuses %j as BAD_USER_INPUT, as a variable or inline, anonymous or signed in', async (date) => {
    for (const caller of [null, county()]) {
      const asVariable = await request(`query($d: Date) ${MILESTONE('$d')}`, { d: date }, { token: caller });
      const inline = await request(MILESTONE(JSON.stringify(date)), {}, { token: caller });
      for (const response of [asVariable, inline]) {
        expect(codes(response)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors![0].message).toMatch(/not a date|outside the dates|YYYY-MM-DD/);
      }
    }
  });

  it('takes every real day of the range, and nothing outside it', () => {
    expect(parseIsoDate('2016-02-29')).toBe('2016-02-29');
    expect(parseIsoDate('1949-10-01')).toBe('1949-10-01');
    expect(parseIsoDate('2100-12-31')).toBe('2100-12-31');
    expect(() => parseIsoDate('1949-09-30')).toThrow(/outside/);
    expect(() => parseIsoDate('2017-02-29')).toThrow(/28 days/);
  });

  it('opens nothing in 1900: the write is refused and no row changes', async () => {
    const before = await fingerprint('stations');
    const response = await request(
      `mutation($input: OpenIncubationStationInput!) { openIncubationStation(input: $input) { id } }`,
      { input: { name: '测试站', establishedOn: '1900-01-01', townCode: '220102001' } },
      { token: county() },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await fingerprint('stations')).toEqual(before);
  });
});

describe('ids, texts and names', () => {
  it.each([
    ['incubation', 'abc'],
    ['application', "' or 1=1 --"],
    ['organization', ''],
    ['incubationStation', '1'],
    ['incubationCenter', '00000000-0000-0000-0000-00000000000g'],
  ])('answers %s(id: %j) with BAD_USER_INPUT or NOT_FOUND, not an SQL error', async (field, id) => {
    for (const caller of [null, county()]) {
      const response = await request(`query($id: ID!) { ${field}(id: $id) { id } }`, { id }, { token: caller });
      expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(codes(response)[0]);
      expect(JSON.stringify(response)).not.toMatch(/select|uuid|syntax/i);
    }
  });

  it('answers an unknown but well-formed id with NOT_FOUND', async () => {
    const response = await request(`query($id: ID!) { incubation(id: $id) { id } }`, { id: randomUUID() }, { token: null });
    expect(codes(response)).toEqual(['NOT_FOUND']);
  });

  it('refuses NUL bytes in variables and literals', async () => {
    expect(codes(await request(`query($c: ID!) { county(code: $c) { name } }`, { c: '2201\u000002' }, { token: null }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await request(`{ county(code: "2201\\u000002") { name } }`, {}, { token: null }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a 900,000-character note and writes nothing, audit trail included', async () => {
    const before = await fingerprint('organizations');
    const response = await request(
      `mutation($id: ID!, $note: String) { recordService(incubationId: $id, kind: CAPACITY_TRAINING, on: "2017-03-01", note: $note) { id } }`,
      { id: randomUUID(), note: 'n'.repeat(900_000) },
      { token: county() },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/900000 characters long; at most 4000/);
    expect(await fingerprint('organizations')).toEqual(before);
  });

  it('refuses a blank station name and an empty organization id, changing nothing', async () => {
    const [stations, organizations] = [await fingerprint('stations'), await fingerprint('organizations')];
    const blank = await request(
      `mutation($input: OpenIncubationStationInput!) { openIncubationStation(input: $input) { id } }`,
      { input: { name: '   ', establishedOn: '2017-03-01', townCode: '220102001' } },
      { token: county() },
    );
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(blank.errors![0].message).toMatch(/"input.name" is blank/);
    const empty = await request(
      `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
      {
        input: {
          hostId: randomUUID(), organizationId: '', organizationName: '某协会', category: 'ELDERLY_CARE', founderName: '张三', fullTimeStaff: 1,
          submittedOn: '2017-03-01', compliesWithRegulations: true, grassRootsDirectService: true, needsIncubationServices: true,
        },
      },
      { token: county() },
    );
    expect(['BAD_USER_INPUT']).toContain(codes(empty)[0]);
    expect(await fingerprint('stations')).toEqual(stations);
    expect(await fingerprint('organizations')).toEqual(organizations);
  });

  it('keeps an audit row small whatever the record holds', () => {
    const row = bounded({ note: 'x'.repeat(50_000), nested: { list: ['y'.repeat(2_000)] } });
    expect(JSON.stringify(row).length).toBeLessThan(2_200);
    expect(row.note).toMatch(/… \(50000 characters\)$/);
  });
});

describe('nothing internal leaks', () => {
  it('answers an unexpected error with a request id and logs the detail under it', () => {
    const lines: Record<string, unknown>[] = [];
    const format = maskErrors({ service: 'test', debug: false, log: (entry) => lines.push(entry) });
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    const shown = format({ message: cause.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at /work/x.js:1:1'] } }, cause);
    expect(JSON.stringify(shown)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stacktrace|\/work/);
    expect(shown.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
    expect(shown.message).toContain(shown.extensions!.requestId as string);
    expect(lines[0]).toMatchObject({ requestId: shown.extensions!.requestId, cause: 'connect ECONNREFUSED 127.0.0.1:54329' });
  });

  it('answers an SQL refusal the caller caused without the SQL', () => {
    const format = maskErrors({ service: 'test', debug: false, log: () => undefined });
    const driver = Object.assign(new Error('insert into "incubation_station" ("id") values ($1) - value too long'), { code: '22001' });
    const shown = format({ message: driver.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, driver);
    expect(shown).toMatchObject({ message: 'A text in this request is too long for its field.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('shows no stack trace or address in any answer, also from the gateway', async () => {
    const response = await request(`{ incubation(id: "x") { id } __typename }`, {}, { token: null });
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|127\.0\.0\.1|localhost:|\/graphql/);
  });
});

describe('tokens', () => {
  const settings = () => ({ secret: process.env.FUHUA_TEST_JWT_SECRET!, issuer: 'fuhua', audience: 'fuhua-api' });
  const sign = (claims: (jwt: SignJWT) => SignJWT) =>
    claims(new SignJWT({ role: 'analyst' }).setProtectedHeader({ alg: 'HS256' }).setSubject('analyst').setIssuer('fuhua').setAudience('fuhua-api')).sign(
      new TextEncoder().encode(settings().secret),
    );

  it('refuses a token without exp, or with iat in the future', async () => {
    await expect(verifyUserToken(await sign((t) => t.setIssuedAt()), settings())).rejects.toThrow(/no expiry/);
    const nextYear = Math.floor(Date.now() / 1000) + 365 * 86400;
    await expect(verifyUserToken(await sign((t) => t.setIssuedAt(nextYear).setExpirationTime(nextYear + 3600)), settings())).rejects.toThrow(/issued in the future/);
    await expect(verifyUserToken(await sign((t) => t.setIssuedAt().setExpirationTime('1h')), settings())).resolves.toMatchObject({ role: 'analyst' });
  });

  it('answers such a token at the gateway with UNAUTHENTICATED', async () => {
    const response = await request(`{ __typename }`, {}, { token: sign((t) => t.setIssuedAt()) });
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });
});
