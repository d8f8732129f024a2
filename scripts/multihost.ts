// The tiers on separate hosts, made on one machine: each of PostgreSQL, the four subgraphs, the gateway
// (and, for two centers replicas, HAProxy) runs in a network namespace of its own, joined by veth pairs
// to one bridge, so every process reaches the others by address as it would across machines and nothing
// can lean on loopback. A WAN host between the gateways and the province holds every byte for the
// configured delay in each direction (the province's own database stays near): a relay, not `tc netem`,
// because kernels built without sch_netem (this machine's: no netem, prio or fq) are common in VMs, and
// the same relay on every machine keeps the figures comparable. Two gateways share the subgraphs: the
// one callers use reaches the province through the delaying relay, a reference one through a relay
// that adds nothing, so a benchmark can alternate between them request by request. Used by tests/multihost.test.ts and
// `npm run bench -- multihost`; needs root and iproute2, and says why not when it cannot (hostsUnavailable).
//
// Every name carries this process's pid, so runs side by side never meet; stop() removes the processes
// (every pid left in our namespaces), the namespaces, the links and the bridge, whatever failed before.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { createServer, connect, type Socket } from 'net';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { readCounter } from '../subgraphs/kit/metrics';
import { ROOT } from '../subgraphs/kit/paths';
import { SUBGRAPHS, DEFAULT_PORTS, envStem, type SubgraphName } from '../subgraphs/kit/topology';
import { startDatabases } from './postgres';

const DIST = join(ROOT, 'dist');
const PG_PORT = 5432;

/** Why separate hosts cannot be made here, or undefined when they can. */
export function hostsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'making network namespaces needs root';
  if (spawnSync('ip', ['-V']).error) return '`ip` (iproute2) is not installed';
  const probe = `fuhua${process.pid}probe`;
  const made = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (made.status !== 0) return `cannot make a network namespace: ${made.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

/** Whether HAProxy (Debian's package) is installed, for the replicas behind a balancer. */
export const haproxyAvailable = () => !spawnSync('haproxy', ['-v']).error;

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

/** A process on a host, with what it printed. */
interface HostProcess {
  name: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<void>;
}

export interface HostsOptions {
  /** The register seeded into the empty databases (no demo: a throwaway federation with hand-made writes). */
  seed?: 'jilin' | 'test';
  /** One-way delay between the gateway and the province, in ms (default 20). */
  delayMs?: number;
  /** Two centers replicas behind HAProxy instead of one centers host. */
  centersReplicas?: boolean;
  log?: (line: string) => void;
}

export interface Hosts {
  /** The gateway, with the province `delayMs` away each way. */
  gatewayUrl: string;
  /** A second gateway on the same host and subgraphs, with the province as near as the rest (the reference). */
  nearGatewayUrl: string;
  delayMs: number;
  /** Each host's address on the bridge. */
  addresses: Record<string, string>;
  subgraphUrls: Record<SubgraphName, string>;
  jwtSecret: string;
  /** Bearer token for /metrics from off the host. */
  operatorToken: string;
  /** SIGKILLs one process (e.g. 'centers-1'); resolves when it is gone. */
  kill(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL, the four subgraphs (each migrated first by its one-shot job, as in Compose, then served
 * with FUHUA_MIGRATE=0) and the gateway, each on a host of its own.
 */
export async function startHosts(options: HostsOptions = {}): Promise<Hosts> {
  const log = options.log ?? (() => {});
  const tag = `fh${process.pid}`;
  const subnet = `10.213.${(process.pid % 250) + 1}`;
  const bridge = `${tag}br`;
  const hostNames = ['pg', 'province', 'wan', ...(options.centersReplicas ? ['centers-1', 'centers-2', 'balancer'] : ['centers']), 'stations', 'organizations', 'gateway'];
  const letter = (host: string) => ({ pg: 'd', province: 'p', wan: 'w', centers: 'c', 'centers-1': 'c', 'centers-2': 'k', balancer: 'b', stations: 's', organizations: 'o', gateway: 'g' })[host]!;
  const namespace = (host: string) => `fuhua${process.pid}-${host}`;
  const addresses = Object.fromEntries(hostNames.map((host, i) => [host, `${subnet}.${i + 10}`]));
  const dir = mkdtempSync(join(tmpdir(), `fuhua-multihost-${process.pid}-`));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user and makes its folder inside
  const processes: HostProcess[] = [];
  const made: string[] = [];
  let stopped: Promise<void> | undefined;

  const stop = () =>
    (stopped ??= (async () => {
      // PostgreSQL first asked to stop cleanly; then everything else in our namespaces, by pid.
      for (const p of processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null)) p.child.kill('SIGTERM');
      await Promise.race([Promise.all(processes.map((p) => p.exited)), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      for (const ns of made) {
        const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout?.split('\n').filter(Boolean) ?? [];
        for (const pid of pids) spawnSync('kill', ['-KILL', pid]);
      }
      for (const ns of made) spawnSync('ip', ['netns', 'del', ns]);
      spawnSync('ip', ['link', 'del', bridge]);
      rmSync(dir, { recursive: true, force: true });
    })());

  try {
    run('ip', ['link', 'add', bridge, 'type', 'bridge']);
    run('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', bridge]);
    run('ip', ['link', 'set', bridge, 'up']);
    for (const host of hostNames) {
      const ns = namespace(host);
      const outside = `${tag}${letter(host)}`;
      run('ip', ['netns', 'add', ns]);
      made.push(ns);
      run('ip', ['link', 'add', outside, 'type', 'veth', 'peer', 'name', `${outside}n`]);
      run('ip', ['link', 'set', `${outside}n`, 'netns', ns]);
      run('ip', ['link', 'set', outside, 'master', bridge, 'up']);
      run('ip', ['-n', ns, 'link', 'set', `${outside}n`, 'name', 'eth0']);
      run('ip', ['-n', ns, 'addr', 'add', `${addresses[host]}/24`, 'dev', 'eth0']);
      run('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }

    // A child environment without the caller's Fuhua settings: each process gets exactly its own.
    const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(FUHUA_|DATABASE_|PORT$)/.test(name)));
    const launch = (name: string, host: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): HostProcess => {
      const child = spawn('ip', ['netns', 'exec', namespace(host), command, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      for (const stream of [child.stdout!, child.stderr!]) {
        stream.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          for (const line of chunk.split('\n').filter(Boolean)) log(`[${name}] ${line}`);
        });
      }
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const hostProcess = { name, child, output: () => output, exited };
      processes.push(hostProcess);
      return hostProcess;
    };
    const until = async (what: string, process: HostProcess | undefined, check: () => Promise<boolean>, timeoutMs = 600_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (process && (process.child.exitCode !== null || process.child.signalCode !== null)) throw new Error(`${what}: exited (${process.child.exitCode ?? process.child.signalCode}):\n${process.output().slice(-3000)}`);
        if (await check().catch(() => false)) return;
        if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs / 1000}s:\n${process?.output().slice(-3000) ?? ''}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    // PostgreSQL on its host, provisioned with one role per subgraph as `npm start` does.
    const pg = launch('postgres', 'pg', process.execPath, [join(DIST, 'scripts', 'multihost.js'), 'postgres', join(dir, 'pg'), addresses.pg]);
    let databaseUrls: Record<SubgraphName, string> | undefined;
    await until('postgres', pg, async () => {
      const line = pg.output().split('\n').find((l) => l.startsWith('DATABASES '));
      if (line) databaseUrls = JSON.parse(line.slice('DATABASES '.length));
      return Boolean(databaseUrls);
    });

    const jwtSecret = randomBytes(32).toString('base64url');
    const gatewaySecret = randomBytes(32).toString('base64url');
    const operatorToken = randomBytes(32).toString('base64url');
    const centersAddress = options.centersReplicas ? addresses.balancer : addresses.centers;
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map((name) => [name, `http://${name === 'centers' ? centersAddress : addresses[name]}:${DEFAULT_PORTS[name]}/graphql`]),
    ) as Record<SubgraphName, string>;
    const urlEnv = Object.fromEntries(SUBGRAPHS.map((n) => [`FUHUA_${envStem(n)}_URL`, subgraphUrls[n]]));
    // The gateway reaches the province across the WAN host; the province's own URL stays its address.
    const delayMs = options.delayMs ?? 20;
    const relays = { near: { port: DEFAULT_PORTS.province, ms: 0 }, far: { port: DEFAULT_PORTS.province + 100, ms: delayMs } };
    const wanUrl = (relay: keyof typeof relays) => `http://${addresses.wan}:${relays[relay].port}/graphql`;
    const subgraphEnv = (name: SubgraphName, host: string) => ({
      ...urlEnv,
      PORT: String(DEFAULT_PORTS[name]),
      FUHUA_HOST: addresses[host],
      DATABASE_URL: databaseUrls![name],
      FUHUA_GATEWAY_SECRET: gatewaySecret,
      FUHUA_OPERATOR_TOKEN: operatorToken,
      FUHUA_SEED: options.seed ?? 'jilin',
      FUHUA_DEMO: '0',
      FUHUA_MIGRATE: '0',
    });
    const script = (name: SubgraphName) => join(DIST, 'subgraphs', name, 'main.js');
    const ready = (url: string) => async () => (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;

    // The migration jobs, once each (in parallel: four databases), then the services.
    await Promise.all(
      SUBGRAPHS.map(async (name) => {
        const host = name === 'centers' && options.centersReplicas ? 'centers-1' : name;
        const job = launch(`${name}-migrate`, host, process.execPath, [script(name), '--migrate'], subgraphEnv(name, host));
        await job.exited;
        if (job.child.exitCode !== 0) throw new Error(`${name}'s migration job failed:\n${job.output().slice(-3000)}`);
      }),
    );
    const serving: [SubgraphName, string][] = SUBGRAPHS.flatMap((name): [SubgraphName, string][] =>
      name === 'centers' && options.centersReplicas ? [['centers', 'centers-1'], ['centers', 'centers-2']] : [[name, name]],
    );
    await Promise.all(
      serving.map(async ([name, host]) => {
        const started = launch(host, host, process.execPath, [script(name)], subgraphEnv(name, host));
        await until(host, started, ready(`http://${addresses[host]}:${DEFAULT_PORTS[name]}/ready`));
      }),
    );
    if (options.centersReplicas) {
      // Health checks every 300 ms take a dead replica out; a refused connection is retried on the other.
      const config = join(dir, 'haproxy.cfg');
      writeFileSync(
        config,
        [
          'global',
          '  maxconn 512',
          'defaults',
          '  mode http',
          '  timeout connect 1s',
          '  timeout client 30s',
          '  timeout server 30s',
          '  retries 3',
          '  option redispatch 1',
          '  retry-on conn-failure',
          // A fresh connection per request: one to a killed replica is refused (and retried on the
          // other), never a kept-alive one that dies with the request on it.
          '  option http-server-close',
          `frontend centers`,
          `  bind ${addresses.balancer}:${DEFAULT_PORTS.centers}`,
          '  default_backend replicas',
          'backend replicas',
          '  balance roundrobin',
          '  option httpchk GET /ready',
          '  http-check expect status 200',
          '  default-server check inter 300ms fall 1 rise 2',
          `  server centers-1 ${addresses['centers-1']}:${DEFAULT_PORTS.centers}`,
          `  server centers-2 ${addresses['centers-2']}:${DEFAULT_PORTS.centers}`,
          '',
        ].join('\n'),
      );
      const balancer = launch('balancer', 'balancer', 'haproxy', ['-db', '-f', config]);
      await until('haproxy', balancer, ready(`http://${addresses.balancer}:${DEFAULT_PORTS.centers}/ready`), 30_000);
    }
    const gateways = { near: DEFAULT_PORTS.gateway + 100, far: DEFAULT_PORTS.gateway };
    await Promise.all(
      (['near', 'far'] as const).map(async (which) => {
        const { port, ms } = relays[which];
        const relay = launch(`wan-${which}`, 'wan', process.execPath, [join(DIST, 'scripts', 'multihost.js'), 'wan', `${addresses.wan}:${port}`, `${addresses.province}:${DEFAULT_PORTS.province}`, String(ms)]);
        await until(`wan-${which}`, relay, ready(`http://${addresses.wan}:${port}/ready`), 30_000);
        const name = which === 'far' ? 'gateway' : 'gateway-near';
        const gateway = launch(name, 'gateway', process.execPath, [join(DIST, 'gateway', 'main.js')], {
          ...urlEnv,
          FUHUA_PROVINCE_URL: wanUrl(which),
          PORT: String(gateways[which]),
          FUHUA_HOST: addresses.gateway,
          FUHUA_JWT_SECRET: jwtSecret,
          FUHUA_GATEWAY_SECRET: gatewaySecret,
          FUHUA_OPERATOR_TOKEN: operatorToken,
        });
        await until(name, gateway, ready(`http://${addresses.gateway}:${gateways[which]}/ready`), 120_000);
      }),
    );

    return {
      gatewayUrl: `http://${addresses.gateway}:${gateways.far}/graphql`,
      nearGatewayUrl: `http://${addresses.gateway}:${gateways.near}/graphql`,
      delayMs,
      addresses,
      subgraphUrls: { ...subgraphUrls, province: wanUrl('far') },
      jwtSecret,
      operatorToken,
      async kill(name) {
        const target = processes.find((p) => p.name === name && p.child.exitCode === null && p.child.signalCode === null);
        if (!target) throw new Error(`no running process ${name}`);
        target.child.kill('SIGKILL');
        await target.exited;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A served operation (schema/operations/*.graphql) by name, as clients send it. */
export function operation(name: string): string {
  for (const file of readdirSync(join(ROOT, 'schema', 'operations')).filter((f) => f.endsWith('.graphql'))) {
    const found = parse(readFileSync(join(ROOT, 'schema', 'operations', file), 'utf8')).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
    );
    if (found) return print(found);
  }
  throw new Error(`schema/operations has no operation ${name}`);
}

/** The read operations the dashboards and county systems send, with the variables the test and the bench use. */
export const READS = (county: string, organizationId: string): [string, Record<string, unknown>][] => [
  ['ProvinceScorecard', { year: 2017 }],
  ['PrefectureRollup', { year: 2017 }],
  ['CountyProfile', { code: county, year: 2024 }],
  ['CountyDesk', { code: county }],
  ['Organization', { id: organizationId }],
];

/** One GraphQL request; the answer's JSON and how long it took in ms. */
export async function graphql(url: string, query: string, variables: Record<string, unknown>, token?: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: response.status, body, ms: performance.now() - started };
}

/**
 * A county system's writes across the hosts: it opens the county's center (the centers tier), then an
 * application to it (the organizations tier asks the centers tier about the host, host to host), and
 * finds the applicant on its desk. Throws with the answer when any step is refused.
 */
export async function writeAcrossHosts(url: string, token: string, county: string) {
  const must = async (name: string, variables: Record<string, unknown>) => {
    const { status, body } = await graphql(url, operation(name), variables, token);
    if (status !== 200 || body.errors?.length || !body.data) throw new Error(`${name}: ${status} ${JSON.stringify(body)}`);
    return body.data;
  };
  const { openIncubationCenter: center } = await must('OpenCenter', {
    input: { countyCode: county, name: `跨主机测试孵化中心${county}`, establishedOn: '2024-01-10', constructionMode: 'PUBLIC_PREMISES', operationMode: 'PURCHASED_SERVICE', operator: '测试社会组织发展促进会' },
  });
  const { submitApplication: application } = await must('SubmitApplication', {
    input: {
      hostId: center.id,
      organizationName: '跨主机互助服务社',
      category: 'COMMUNITY_SERVICE',
      founderName: '王测试',
      fullTimeStaff: 1,
      submittedOn: '2025-03-01',
      compliesWithRegulations: true,
      grassRootsDirectService: true,
      needsIncubationServices: true,
    },
  });
  const { organizations } = await must('CountyDesk', { code: county });
  const organization = organizations.nodes.find((o: { applications: { id: string }[] }) => o.applications.some((a) => a.id === application.id));
  return { center: center as { id: string; name: string }, application: application as { id: string; status: string }, organizationId: organization?.id as string };
}

export interface KillFigures {
  sent: number;
  failed: number;
  /** Requests sent and not yet answered when the replica was killed. */
  inFlightAtKill: number;
  /** The first few failures, as the caller saw them. */
  failures: string[];
}

/**
 * Sends `query` at `perSecond` for `seconds` (open loop, bounded), SIGKILLs `victim` at `killAt` s, and
 * counts what failed: an HTTP error or any GraphQL error.
 */
export async function killUnderLoad(
  hosts: Hosts,
  victim: string,
  request: () => Promise<{ status: number; body: { errors?: { message: string }[] } }>,
  { seconds = 20, perSecond = 5, killAt = 8 } = {},
): Promise<KillFigures> {
  let inFlight = 0;
  let inFlightAtKill = -1;
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const started = Date.now();
  const killed = new Promise<void>((resolve) =>
    setTimeout(() => {
      inFlightAtKill = inFlight;
      void hosts.kill(victim).then(resolve);
    }, killAt * 1000),
  );
  for (let i = 0; i < seconds * perSecond; i++) {
    const due = started + (i * 1000) / perSecond;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    inFlight++;
    pending.push(
      request().then(
        (r) => {
          if (r.status !== 200 || r.body.errors?.length) failures.push(`${r.status} ${r.body.errors?.map((e) => e.message).join('; ') ?? ''}`);
        },
        (error: Error) => void failures.push(error.message),
      ).finally(() => inFlight--),
    );
  }
  await Promise.all(pending);
  await killed;
  return { sent: seconds * perSecond, failed: failures.length, inFlightAtKill, failures: failures.slice(0, 5) };
}

/** Forwards `from` to `to`, each chunk `delay()` ms later than it arrived, in order; ends and errors pass on. */
function delayedPipe(from: Socket, to: Socket, delay: () => number) {
  const queue: { at: number; chunk?: Buffer }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const pump = () => {
    timer = undefined;
    while (queue.length && queue[0].at <= Date.now()) {
      const { chunk } = queue.shift()!;
      if (chunk) to.write(chunk);
      else to.end();
    }
    if (queue.length) timer = setTimeout(pump, queue[0].at - Date.now());
  };
  const push = (chunk?: Buffer) => {
    queue.push({ at: Math.max(Date.now() + delay(), queue.at(-1)?.at ?? 0), chunk });
    timer ??= setTimeout(pump, Math.max(0, queue[0].at - Date.now()));
  };
  from.on('data', (chunk: Buffer) => push(chunk));
  from.on('end', () => push());
  from.on('error', () => to.destroy());
  from.on('close', () => queue.length || to.destroy());
}

/** The WAN host's relay: every connection to `listen` goes on to `upstream`, delayed `ms` both ways. */
function relay(listen: string, upstream: string, ms: number) {
  const delay = () => ms;
  const [host, port] = listen.split(':');
  const [upstreamHost, upstreamPort] = upstream.split(':');
  createServer((client) => {
    const server = connect(Number(upstreamPort), upstreamHost);
    delayedPipe(client, server, delay);
    delayedPipe(server, client, delay);
  }).listen(Number(port), host, () => console.log(`relaying ${listen} to ${upstream}`));
}

// `node dist/scripts/multihost.js postgres <dir> <address>`: the database host's process, run inside its
// namespace by startHosts. Prints the subgraphs' URLs (each as its own role) and stops on SIGTERM.
if (require.main === module && process.argv[2] === 'wan') {
  const [listen, upstream, ms] = process.argv.slice(3);
  relay(listen, upstream, Number(ms));
}

if (require.main === module && process.argv[2] === 'postgres') {
  const [dir, host] = process.argv.slice(3);
  startDatabases({ dir, port: PG_PORT, host, ephemeral: true, quiet: true }).then(
    ({ cluster, urls }) => {
      console.log(`DATABASES ${JSON.stringify(urls)}`);
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void cluster.stop().then(() => process.exit(0)));
    },
    (error: Error) => {
      console.error(`postgres host failed: ${error.stack ?? error}`);
      process.exit(1);
    },
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * `npm run bench -- multihost`: each served operation's latency with the province 0 and 20 ms away (one
 * way), in interleaved rounds, against the round trip that adds; then one of two centers replicas killed
 * under load. Prints figures; asserts nothing.
 */
export async function multihostBench({ samples = 15, warmup = 3 } = {}): Promise<void> {
  const unavailable = hostsUnavailable() ?? (haproxyAvailable() ? undefined : 'HAProxy is not installed (apt-get install haproxy)');
  if (unavailable) return void console.log(`skipped: ${unavailable}`);
  const started = Date.now();
  const hosts = await startHosts({ centersReplicas: true });
  console.log(`9 hosts (PostgreSQL, province, WAN, 2 centers replicas, HAProxy, stations, organizations, gateways) up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  try {
    const { mint } = await import('./token');
    const county = '220102';
    const countyToken = await mint(['--role', 'county', '--region', county, `--secret=${hosts.jwtSecret}`], {});
    const admin = await mint(['--role', 'admin', `--secret=${hosts.jwtSecret}`], {});
    const { organizationId } = await writeAcrossHosts(hosts.gatewayUrl, countyToken, county);
    const reads = READS(county, organizationId).map(([name, variables]) => ({ name, variables, query: operation(name), token: name === 'CountyDesk' ? countyToken : admin }));

    // How many times each operation reaches the province (the fetches that cross the WAN).
    const provinceMetrics = `http://${hosts.addresses.province}:${DEFAULT_PORTS.province}/metrics`;
    const provinceFetches = async () => readCounter(await (await fetch(provinceMetrics, { headers: { authorization: `Bearer ${hosts.operatorToken}` } })).text(), 'fuhua_graphql_requests_total');
    const fetchesOf: Record<string, number> = {};
    for (const read of reads) {
      const before = await provinceFetches();
      await graphql(hosts.gatewayUrl, read.query, read.variables, read.token);
      fetchesOf[read.name] = (await provinceFetches()) - before;
    }

    // Interleaved request by request: the near and the far gateway answer each operation in turn
    // (alternating which goes first), so the machine's drift hits both alike. Warm-up answers are dropped.
    const delayMs = hosts.delayMs;
    const gatewayOf = (delay: number) => (delay ? hosts.gatewayUrl : hosts.nearGatewayUrl);
    const times: Record<string, Record<number, number[]>> = Object.fromEntries([...reads.map((r) => r.name), 'round trip'].map((n) => [n, { 0: [], [delayMs]: [] }]));
    const healthOf = (delay: number) => `http://${hosts.addresses.wan}:${DEFAULT_PORTS.province + (delay ? 100 : 0)}/health`;
    for (let sample = -warmup; sample < samples; sample++) {
      for (const delay of sample % 2 ? [delayMs, 0] : [0, delayMs]) {
        const t = performance.now();
        await fetch(healthOf(delay)).then((r) => r.text());
        if (sample >= 0) times['round trip'][delay].push(performance.now() - t);
      }
      for (const read of reads) {
        for (const delay of sample % 2 ? [delayMs, 0] : [0, delayMs]) {
          const { status, body, ms } = await graphql(gatewayOf(delay), read.query, read.variables, read.token);
          if (status !== 200 || body.errors) throw new Error(`${read.name}: ${status} ${JSON.stringify(body.errors)}`);
          if (sample >= 0) times[read.name][delay].push(ms);
        }
      }
    }
    const rtt = median(times['round trip'][delayMs]) - median(times['round trip'][0]);
    console.log(`\nmedians of ${samples} per cell (after ${warmup} warm-up), the two gateways alternating request by request; the province ${delayMs} ms away each way adds ${rtt.toFixed(1)} ms to a round trip (GET /health through the WAN host)\n`);
    console.log(`${'operation'.padEnd(18)} ${'province fetches'.padStart(16)} ${`ms at 0`.padStart(9)} ${`ms at ${delayMs}`.padStart(9)} ${'added'.padStart(8)} ${'added / RTT'.padStart(12)}`);
    for (const read of reads) {
      const [at0, atDelay] = [median(times[read.name][0]), median(times[read.name][delayMs])];
      console.log(`${read.name.padEnd(18)} ${String(fetchesOf[read.name]).padStart(16)} ${at0.toFixed(0).padStart(9)} ${atDelay.toFixed(0).padStart(9)} ${(atDelay - at0).toFixed(0).padStart(8)} ${((atDelay - at0) / rtt).toFixed(2).padStart(12)}`);
    }

    const figures = await killUnderLoad(hosts, 'centers-1', () => graphql(hosts.gatewayUrl, operation('CountyProfile'), { code: county, year: 2024 }, admin), { seconds: 20, perSecond: 5, killAt: 8 });
    console.log(`\nreplica kill: CountyProfile at 5 requests/s for 20 s through HAProxy over two centers replicas; centers-1 SIGKILLed at 8 s`);
    console.log(`  sent ${figures.sent}, in flight at the kill ${figures.inFlightAtKill}, failed ${figures.failed}${figures.failed ? ` (${figures.failures.join(' | ')})` : ''}`);
    console.log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await hosts.stop();
  }
}
