// `npm run bench -- memory`: how much memory the whole stack holds (embedded PostgreSQL with every backend,
// four subgraphs, the gateway), idle and under load. Proportional set size (PSS, from
// /proc/PID/smaps_rollup): a page shared by n processes counts 1/n in each, so the sum over the stack is
// what it costs the machine, where RSS would count PostgreSQL's shared buffers once per backend.
// Linux only; needs to read the processes' /proc entries (the same user, or root).
import { readdirSync, readFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { ROOT } from '../subgraphs/kit/paths';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/topology';
import type { Federation } from './start';

type Part = SubgraphName | 'gateway' | 'postgres';

/** PSS of one process in kB, or 0 once it has gone. */
export function pssOf(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Every process on the machine with its parent and command line. */
function processes(): { pid: number; ppid: number; cmdline: string }[] {
  const found: { pid: number; ppid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      found.push({ pid: Number(entry), ppid, cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The pid each process of the federation reports on /health (to a loopback caller). */
async function nodePids(federation: Federation): Promise<Record<SubgraphName | 'gateway', number>> {
  const urls: [SubgraphName | 'gateway', string][] = [['gateway', federation.gatewayUrl], ...SUBGRAPHS.map((n) => [n, federation.subgraphUrls[n]] as [SubgraphName, string])];
  const pids = await Promise.all(urls.map(async ([, url]) => ((await (await fetch(url.replace(/\/graphql$/, '/health'))).json()) as { pid: number }).pid));
  return Object.fromEntries(urls.map(([name], i) => [name, pids[i]])) as Record<SubgraphName | 'gateway', number>;
}

/** PSS in kB per part of the stack; PostgreSQL is the postmaster on the databases' port and all its children. */
export async function stackPss(federation: Federation): Promise<Record<Part, number>> {
  const pids = await nodePids(federation);
  const port = new URL(federation.databaseUrls.province).port;
  const all = processes();
  const postmaster = all.find((p) => /\/postgres\s/.test(p.cmdline + ' ') && p.cmdline.includes(` -p ${port}`));
  const cluster = new Set<number>(postmaster ? [postmaster.pid] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (cluster.has(p.ppid) && !cluster.has(p.pid)) (cluster.add(p.pid), (grew = true));
  }
  const result = { postgres: [...cluster].reduce((sum, pid) => sum + pssOf(pid), 0) } as Record<Part, number>;
  for (const [name, pid] of Object.entries(pids)) result[name as Part] = pssOf(pid);
  return result;
}

/** One operation of schema/operations/dashboard.graphql, printed alone. */
function operation(name: string): string {
  const document = parse(readFileSync(join(ROOT, 'schema', 'operations', 'dashboard.graphql'), 'utf8'));
  const found = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!found) throw new Error(`schema/operations/dashboard.graphql has no operation ${name}`);
  return print(found);
}

const MB = (kB: number) => (kB / 1024).toFixed(0);

/**
 * The stack's PSS idle, then sampled every 250 ms while autocannon sends the dashboard's two heavy reads,
 * each request distinct (uncached), at 50 connections, `seconds` each; prints the peak and the median of
 * the samples per part. `print` gets the table's rows.
 */
export async function memorySection(federation: Federation, print: (header: string[], rows: string[][]) => void, seconds = 10): Promise<{ idle: number; peak: number }> {
  const idle = await stackPss(federation);
  const samples: Record<Part, number>[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push(await stackPss(federation));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev dependency, loaded for this section only
  const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number }; non2xx: number; errors: number }>;
  const { counties } = ((await (await fetch(federation.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ counties { code } }' }) })).json()) as { data: { counties: { code: string }[] } }).data;
  let serial = 0;
  const loads = [
    { label: 'CountyProfile', query: operation('CountyProfile'), variables: () => ({ code: counties[serial % counties.length].code, year: 1000 + serial++ }) },
    { label: 'ProvinceScorecard', query: operation('ProvinceScorecard'), variables: () => ({ year: 2017, asOf: new Date(Date.UTC(1950, 0, 1 + serial++)).toISOString().slice(0, 10) }) },
  ];
  const rps: string[] = [];
  try {
    for (const load of loads) {
      const result = await autocannon({
        url: federation.gatewayUrl,
        connections: 50,
        duration: seconds,
        timeout: 30,
        requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request: object) => ({ ...request, body: JSON.stringify({ query: load.query, variables: load.variables() }) }) }],
      });
      rps.push(`${load.label} ${result.requests.average.toFixed(1)} req/s${result.non2xx + result.errors ? ` (${result.non2xx + result.errors} errors)` : ''}`);
    }
  } finally {
    sampling = false;
    await sampler;
  }
  const parts: Part[] = ['postgres', ...SUBGRAPHS, 'gateway'];
  const total = (s: Record<Part, number>) => parts.reduce((sum, p) => sum + s[p], 0);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const peakSample = samples.reduce((best, s) => (total(s) > total(best) ? s : best), samples[0] ?? idle);
  console.log(`PSS (MB) from /proc/PID/smaps_rollup, sampled every 250 ms under autocannon at 50 connections (${rps.join(', ')}; ${samples.length} samples); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  print(
    ['part', 'idle', 'under load, median', 'under load, at the peak'],
    [
      ...parts.map((p) => [p, MB(idle[p]), MB(median(samples.map((s) => s[p]))), MB(peakSample[p])]),
      ['whole stack', MB(total(idle)), MB(median(samples.map(total))), MB(total(peakSample))],
    ],
  );
  return { idle: total(idle), peak: total(peakSample) };
}
