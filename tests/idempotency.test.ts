// Exactly-once writes from the caller's view: an Idempotency-Key replays the first result instead of
// writing again, and a write that outlives the gateway's deadline never commits after the caller was
// told it failed (the ghost write of issue 9). Its own federation, with a short subgraph timeout.
import { randomUUID } from 'crypto';
import { Client } from 'pg';
import { INTERNAL_HEADER, signInternalToken } from '../subgraphs/kit/identity';
import { contract } from './support/contract';
import { request, type GraphQLResponse } from './support/client';
import { openCenter, validApplication } from './support/lifecycle';
import { ownFederation, type TestFederation } from './support/start';
import { token } from './support/tokens';

const TIMEOUT_MS = 3_000;
const own = ownFederation({ FUHUA_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) });
let federation: TestFederation;
let hostId: string;

beforeAll(async () => {
  federation = own();
  hostId = (await openCenter('220102')).id;
});

async function organizationsDb<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: federation.databaseUrls.organizations });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const organizationsNamed = (name: string) =>
  organizationsDb(async (c) => (await c.query(`select count(*)::int as n from organization where name = $1`, [name])).rows[0].n as number);

const submit = (name: string, key?: string, options: { token?: Promise<string> } = {}): Promise<GraphQLResponse> =>
  request(contract('SubmitApplication'), { input: validApplication(hostId, { organizationName: name }) }, { headers: key ? { 'idempotency-key': key } : {}, ...options });

describe('Idempotency-Key', () => {
  it('replays the first result instead of writing again, also when the retries race', async () => {
    const key = randomUUID();
    const first = await submit('幂等测试社', key);
    expect(first.errors).toBeUndefined();
    const replays = await Promise.all([submit('幂等测试社', key), submit('幂等测试社', key), submit('幂等测试社', key)]);
    for (const replay of replays) expect(replay.data?.submitApplication.id).toBe(first.data!.submitApplication.id);
    expect(await organizationsNamed('幂等测试社')).toBe(1);

    // Five at once under a fresh key: one writes, the others wait for it and answer its result.
    const racing = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit('幂等并发社', racing)));
    expect(new Set(answers.map((a) => a.data?.submitApplication.id)).size).toBe(1);
    expect(await organizationsNamed('幂等并发社')).toBe(1);
    const audit = await organizationsDb((c) => c.query(`select count(*)::int as n from audit_entry where operation = 'submitApplication' and after->>'name' = '幂等并发社'`));
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses a key reused for another write, or by another caller, and changes nothing', async () => {
    const key = randomUUID();
    const { data } = await submit('幂等冲突社', key);
    const other = await submit('另一个申请社', key);
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(other.errors?.[0]?.message).toMatch(/Idempotency-Key .* different request/);
    const accept = await request(contract('AcceptApplication'), { id: data.submitApplication.id, acceptedOn: '2025-03-03' }, { headers: { 'idempotency-key': key } });
    expect(accept.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const stranger = await submit('幂等冲突社', key, { token: token('--role', 'county', '--region', '220102') });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stranger.errors?.[0]?.message).toMatch(/another caller/);
    expect(await organizationsNamed('另一个申请社')).toBe(0);
    expect(await organizationsNamed('幂等冲突社')).toBe(1);
    const bad = await submit('坏键社', 'x'.repeat(201));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('deadlines: no write commits after its caller was told it failed', () => {
  it('rolls back a write held past the deadline, and a retry with the same key makes exactly one record', async () => {
    const key = randomUUID();
    // A side connection holds the organization table: the submission waits past the gateway's timeout.
    const side = new Client({ connectionString: federation.databaseUrls.organizations });
    await side.connect();
    await side.query('begin');
    await side.query('lock table organization in exclusive mode');
    const started = Date.now();
    const held = await submit('幽灵写入测试社', key);
    const answeredAfter = Date.now() - started;
    // Keep the lock a while beyond the answer: a write that went on waiting would now get it and commit.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await side.query('rollback');
    await side.end();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    console.log(`ghost write: caller answered after ${answeredAfter} ms with ${JSON.stringify(held.errors?.[0]?.extensions?.code)} "${held.errors?.[0]?.message}"`);
    expect(held.data?.submitApplication ?? null).toBeNull();
    expect(held.errors?.[0]?.extensions?.code).toBe('DEADLINE_EXCEEDED');
    expect(await organizationsNamed('幽灵写入测试社')).toBe(0);

    const retry = await submit('幽灵写入测试社', key);
    expect(retry.errors).toBeUndefined();
    const again = await submit('幽灵写入测试社', key);
    expect(again.data?.submitApplication.id).toBe(retry.data!.submitApplication.id);
    expect(await organizationsNamed('幽灵写入测试社')).toBe(1);
  });

  it('rolls back when the caller goes away before the commit, and cancels its SQL', async () => {
    const side = new Client({ connectionString: federation.databaseUrls.organizations });
    await side.connect();
    await side.query('begin');
    await side.query('lock table organization in exclusive mode');
    // Straight to the subgraph, as the gateway would send it, without a deadline: only the hang-up stops it.
    const internal = await signInternalToken({ sub: 'test-admin', role: 'province_admin' }, federation.gatewaySecret);
    const query = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`;
    const hangUp = fetch(federation.subgraphUrls.organizations, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: internal },
      body: JSON.stringify({ query, variables: { input: validApplication(hostId, { organizationName: '挂断测试社' }) } }),
      signal: AbortSignal.timeout(800),
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(await hangUp).toBe('TimeoutError');
    // The cancelled statement leaves the lock queue: nothing of the abandoned write waits behind the lock.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const waiting = await side.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
    await side.query('rollback');
    await side.end();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(waiting.rows[0].n).toBe(0);
    expect(await organizationsNamed('挂断测试社')).toBe(0);
  });
});
