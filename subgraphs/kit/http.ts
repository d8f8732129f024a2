// The HTTP shell every process shares, the gateway and the four subgraphs alike: liveness on /health,
// readiness on /ready, Prometheus counters on /metrics, listening with keep-alive timeouts that outlast
// the gateway's idle sockets, a drained stop, and SIGTERM/SIGINT handling. What a process serves on
// /graphql is its own business (`mount`).
import type { ApolloServerPlugin } from '@apollo/server';
import { timingSafeEqual } from 'crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'http';
import { currentRequestId, withRequestId } from './masking';
import { graphqlRequests, registry } from './metrics';

export interface ShellOptions {
  /** The process's name, in /health and in log lines. */
  name: string;
  port: number;
  /** The address to listen on (FUHUA_HOST; loopback by default). */
  host?: string;
  /** Who besides loopback callers may read /metrics and the pid (FUHUA_OPERATOR_TOKEN, as a Bearer token). */
  operatorToken?: string;
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

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A caller on this machine, or one holding the operator token. */
export function isOperator(req: Request, operatorToken?: string): boolean {
  if (LOOPBACK.has(req.socket.remoteAddress ?? '')) return true;
  const given = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1];
  if (!operatorToken || !given) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(operatorToken)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A GraphQL-shaped error body, so clients parse one format whatever went wrong. */
export function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [header, value] of Object.entries(headers)) res.setHeader(header, value);
  res.status(status).json({ errors: [{ message, extensions: { code, ...(status >= 500 ? { requestId: currentRequestId() } : {}) } }] });
}

/** What body-parser and friends throw, answered as JSON with the right status instead of express's HTML page. */
function bodyErrors(name: string) {
  return (error: Error & { status?: number; statusCode?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    const messages: Record<string, string> = {
      'entity.parse.failed': 'The request body is not valid JSON.',
      'charset.unsupported': 'The request body must be UTF-8 (send "content-type: application/json" or with "; charset=utf-8").',
      'encoding.unsupported': 'The request body\'s content-encoding is not supported; send it uncompressed, gzip or deflate.',
      'entity.too.large': 'The request body is too large.',
      'request.aborted': 'The request body was cut off.',
    };
    if (status >= 400 && status < 500) {
      const message = messages[error.type ?? ''] ?? 'The request body could not be read (is it what its content-type and content-encoding say?).';
      return sendError(res, status, 'BAD_REQUEST', message);
    }
    process.stderr.write(JSON.stringify({ level: 'error', service: name, requestId: currentRequestId(), message: error.message, stack: error.stack }) + '\n');
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', `Something went wrong on our side; the operators can look it up under request ${currentRequestId()}.`);
  };
}

export async function listen({ name, port, host = '127.0.0.1', operatorToken, mount, ready, onStop }: ShellOptions): Promise<Shell> {
  const app = express();
  app.disable('x-powered-by');
  app.use(withRequestId);
  // The pid lets an operator (or a test) find the process behind a port; nobody else learns it.
  app.get('/health', (req, res) => void res.json({ name, ok: true, ...(isOperator(req, operatorToken) ? { pid: process.pid } : {}) }));
  app.get('/ready', async (_req, res) => {
    const ok = ready ? await ready().catch(() => false) : true;
    res.status(ok ? 200 : 503).json({ name, ready: ok });
  });
  app.get('/metrics', async (req, res) => {
    if (!isOperator(req, operatorToken)) return sendError(res, 403, 'FORBIDDEN', 'Metrics are for operators: call from this machine, or send the operator token.');
    res.type(registry.contentType).send(await registry.metrics());
  });
  mount(app);
  app.use(bodyErrors(name));

  const http: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(port, host, () => resolve(listening));
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
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${actualPort}/graphql`, port: actualPort, stop };
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
