// The HTTP shell every process shares, the gateway and the four subgraphs alike: liveness on /health,
// readiness on /ready, Prometheus metrics on an operator address of its own (FUHUA_METRICS_HOST and
// FUHUA_METRICS_PORT, never the public port), listening with keep-alive timeouts that outlast
// the gateway's idle sockets, a drained stop, and SIGTERM/SIGINT handling. What a process serves on
// /graphql is its own business (`mount`).
import type { ApolloServerPlugin } from '@apollo/server';
import { timingSafeEqual } from 'crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { log } from './logging';
import { currentRequestId, withRequestId } from './masking';
import { graphqlRequests, serveMetrics } from './metrics';
import { stopTracing } from './tracing';

export interface ShellOptions {
  /** The process's name, in /health and in log lines. */
  name: string;
  port: number;
  /** The address to listen on (FUHUA_HOST; loopback by default). */
  host?: string;
  /** Who besides loopback callers may read the pid on /health (FUHUA_OPERATOR_TOKEN, as a Bearer token). */
  operatorToken?: string;
  /** Where /metrics is served, apart from the public port; nowhere when unset. */
  metrics?: { host: string; port: number };
  /** Mounts the process's routes (its /graphql). */
  mount(app: Express): void;
  /** A request answered before express sees it (true when it took it): for tiny hot endpoints such as /generation. */
  early?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Whether the process can serve now (its database, its subgraphs); /ready answers 503 until it can. */
  ready?: () => Promise<boolean>;
  /** Runs after the server stops accepting connections (close the ORM, stop Apollo). */
  onStop?: () => Promise<void>;
}

export interface Shell {
  url: string;
  port: number;
  /** Where Prometheus scrapes this process, when it serves metrics. */
  metricsUrl?: string;
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
    log().error({ err: error }, `request failed outside GraphQL: ${error.message}`);
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', `Something went wrong on our side; the operators can look it up under request ${currentRequestId()}.`);
  };
}

export async function listen({ name, port, host = '127.0.0.1', operatorToken, metrics, mount, early, ready, onStop }: ShellOptions): Promise<Shell> {
  const app = express();
  app.disable('x-powered-by');
  app.use(withRequestId);
  // The pid lets an operator (or a test) find the process behind a port; nobody else learns it.
  app.get('/health', (req, res) => void res.json({ name, ok: true, ...(isOperator(req, operatorToken) ? { pid: process.pid } : {}) }));
  app.get('/ready', async (_req, res) => {
    const ok = ready ? await ready().catch(() => false) : true;
    res.status(ok ? 200 : 503).json({ name, ready: ok });
  });
  mount(app);
  app.use(bodyErrors(name));

  const http: Server = await new Promise((resolve, reject) => {
    const listening = createServer(early ? (req, res) => void (early(req, res) || app(req, res)) : app).listen(port, host, () => resolve(listening));
    listening.once('error', reject);
  });
  // Longer than any client's idle socket (the gateway's fetch keeps them 4 s, load balancers 60 s), so a
  // reused socket is never closed under a request; headers a second longer, as Node requires.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const actualPort = (http.address() as { port: number }).port;
  const metricsServer = metrics ? await serveMetrics(metrics.host, metrics.port) : undefined;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      // Requests in flight get a moment to finish; then whatever is left is cut.
      const force = setTimeout(() => http.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(force);
      await metricsServer?.stop();
      await onStop?.();
    })());
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${actualPort}/graphql`;
  log().info({ url, metrics: metricsServer?.url }, `${name} ready at ${url}`);
  return { url, port: actualPort, metricsUrl: metricsServer?.url, stop };
}

/**
 * A process's entry point: start, stop cleanly on SIGTERM or Ctrl-C, and exit 1 with the reason when
 * starting fails (a bad setting names its variable).
 */
export function runProcess(name: string, start: () => Promise<{ stop(): Promise<void> }>): void {
  start().then(
    (running) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        // The spans still buffered are sent before the process goes.
        process.once(signal, () => void running.stop().then(stopTracing).then(() => process.exit(0)));
      }
    },
    (error: Error) => {
      // A bad setting is said plainly (there may be no configured logger yet); anything else is logged.
      if (error.name === 'ConfigError' || error.constructor?.name === 'ConfigError') process.stderr.write(`[${name}] failed to start: ${error.message}\n`);
      else log().fatal({ err: error }, `${name} failed to start: ${error.message}`);
      process.exit(1);
    },
  );
}
