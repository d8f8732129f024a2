// The response cache's snapshot reads (gateway/response-cache.ts) against the subgraphs' /generation
// (subgraphs/kit/runtime/generation.ts), in-process, over stand-in PostgreSQL clusters: a snapshot is
// the cluster's, so the gateway asks one tier per cluster once the tiers promised to stay where they
// are, and a write in a tier it did not ask still changes the tag.
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { Snapshots } from '../../gateway/response-cache';
import { closeSubgraphPools } from '../../gateway/subgraph-client';
import { CLUSTER_LEASE_MS, ClusterLease } from '../../subgraphs/kit/runtime/generation';

const SECRET = 'g'.repeat(32);

/** A stand-in cluster: its snapshot text moves on with every write that ends. */
class Cluster {
  xid = 100;
  constructor(readonly id: string) {}
  write() {
    this.xid++;
  }
}
const connectionTo = (cluster: Cluster) => ({
  cluster,
  async query(sql: string) {
    const row: Record<string, string> = /pg_control_system/.test(sql) ? { cluster: cluster.id } : { snapshot: `${cluster.xid}:${cluster.xid}:` };
    return { rows: [row] };
  },
});

/** A tier: its pool opens connections to `cluster` (admitted by the lease, as the pool's afterCreate does), and its /generation. */
class Tier {
  asked = 0;
  readonly lease = new ClusterLease();
  private readonly idle: ReturnType<typeof connectionTo>[] = [];
  server!: Server;
  constructor(public cluster: Cluster) {}
  readonly pool = {
    acquireConnection: async () => {
      const open = this.idle.pop();
      if (open && open.cluster === this.cluster) return open;
      const connection = connectionTo(this.cluster);
      await this.lease.admit(connection);
      return connection;
    },
    releaseConnection: (connection: ReturnType<typeof connectionTo>) => void this.idle.push(connection),
  };
  async start() {
    this.server = createServer((req, res) => {
      this.asked++;
      void this.lease.serve(this.pool, SECRET, req, res);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }
}

const x = new Cluster('x');
const y = new Cluster('y');
const tiers = { a: new Tier(x), b: new Tier(x), c: new Tier(y) };
let snapshots: Snapshots;
const asked = () => Object.values(tiers).map((t) => t.asked);
const read = () => snapshots.after(performance.now());

beforeAll(async () => {
  const urls = [await tiers.a.start(), await tiers.b.start(), await tiers.c.start()];
  snapshots = new Snapshots(() => urls, SECRET, 2_000);
});
afterAll(async () => {
  await closeSubgraphPools();
  for (const tier of Object.values(tiers)) await new Promise((resolve) => tier.server.close(resolve));
});

it('asks one tier per cluster once the tiers promised, and still sees a write in a tier it did not ask', async () => {
  const first = await read();
  expect(asked()).toEqual([1, 1, 1]); // nobody had promised anything
  expect(await read()).toBe(first);
  expect(asked()).toEqual([2, 1, 2]); // b promised to stay in x, which a was read from
  x.write(); // b's write: its database is in x
  const afterWrite = await read();
  expect(asked()).toEqual([3, 1, 3]);
  expect(afterWrite).not.toBe(first);
  y.write();
  expect(await read()).not.toBe(afterWrite);
});

it('asks a tier again once its promise ran out', async () => {
  await read();
  const before = tiers.b.asked;
  await new Promise((resolve) => setTimeout(resolve, CLUSTER_LEASE_MS + 50));
  await read();
  expect(tiers.b.asked).toBe(before + 1);
});

it('lets a tier move to another cluster only after its promise ran out, and promises nothing meanwhile', async () => {
  await read(); // b promises x again
  const z = new Cluster('z');
  tiers.b.cluster = z;
  let moved = false;
  const moving = tiers.b.lease.admit(connectionTo(z)).then(() => (moved = true));
  // While b waits, its answers (on a connection still in x) promise nothing: the gateway asks it.
  expect((await tiers.b.lease.answer({ acquireConnection: async () => connectionTo(x), releaseConnection: () => undefined })).leaseMs).toBe(0);
  expect(moved).toBe(false);
  await moving;
  const before = asked();
  const tag = await read();
  expect(asked()[1]).toBe(before[1] + 1);
  expect(tag).toContain('z@');
  z.write();
  expect(await read()).not.toBe(tag);
});

it('lets reads arriving together share one snapshot read, and never one that began before they arrived', async () => {
  await read();
  const before = tiers.a.asked;
  const together = await Promise.all([read(), read(), read()]);
  expect(new Set(together).size).toBe(1);
  expect(tiers.a.asked).toBe(before + 1);
  const first = read();
  await new Promise((resolve) => setImmediate(resolve)); // the first read is under way
  x.write(); // acknowledged before the second read arrives
  const second = read();
  await first;
  expect(await second).toContain(`x@${x.xid}:`);
  expect(tiers.a.asked).toBe(before + 3);
});
