// The HTTP shell every process shares, the gateway and the four subgraphs alike: liveness on /health,
// readiness on /ready, Prometheus counters on /metrics, listening with keep-alive timeouts that outlast
// the gateway's idle sockets, a drained stop, and SIGTERM/SIGINT handling. What a process serves on
// /graphql is its own business (`mount`).
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Express } from 'express';
import type { Server } from 'http';
import { graphqlRequests, registry } from './metrics';

export interface ShellOptions {
  /** The process's name, in /health and in log lines. */
  name: string;
  port: number;
  /** Mounts the process's routes (its /graphql). */
  mount(app: Express): void;
  /** Whether the process can serve now (its database, its subgraphs); /ready answers 503 until it can. */
  ready?: () => Promise<boolean>;
  /** Runs after the server stops accepting connections (close the ORM, stop Apollo). */
  onStop?: () => Promise<void>;
}

export interface Shell {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Counts operations each process executes (for a subgraph: fetches from the gateway), for /metrics. */
export const countOperations: ApolloServerPlugin<any> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName }) {
        graphqlRequests.inc({ operation: operationName ?? '' });
      },
    };
  },
};

export async function listen({ name, port, mount, ready, onStop }: ShellOptions): Promise<Shell> {
  const app = express();
  app.disable('x-powered-by');
  // The pid lets an operator (or a test) find the process behind a port.
  app.get('/health', (_req, res) => void res.json({ name, ok: true, pid: process.pid }));
  app.get('/ready', async (_req, res) => {
    const ok = ready ? await ready().catch(() => false) : true;
    res.status(ok ? 200 : 503).json({ name, ready: ok });
  });
  app.get('/metrics', async (_req, res) => void res.type(registry.contentType).send(await registry.metrics()));
  mount(app);

  const http: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(port, () => resolve(listening));
    listening.once('error', reject);
  });
  // Longer than any client's idle socket (the gateway's fetch keeps them 4 s, load balancers 60 s), so a
  // reused socket is never closed under a request; headers a second longer, as Node requires.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const actualPort = (http.address() as { port: number }).port;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      // Requests in flight get a moment to finish; then whatever is left is cut.
      const force = setTimeout(() => http.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(force);
      await onStop?.();
    })());
  return { url: `http://localhost:${actualPort}/graphql`, port: actualPort, stop };
}

/**
 * A process's entry point: start, stop cleanly on SIGTERM or Ctrl-C, and exit 1 with the reason when
 * starting fails (a bad setting names its variable).
 */
export function runProcess(name: string, start: () => Promise<{ stop(): Promise<void> }>): void {
  start().then(
    (running) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => void running.stop().then(() => process.exit(0)));
      }
    },
    (error: Error) => {
      console.error(`[${name}] failed to start: ${error.name === 'ConfigError' || error.constructor?.name === 'ConfigError' ? error.message : error.stack ?? error}`);
      process.exit(1);
    },
  );
}
