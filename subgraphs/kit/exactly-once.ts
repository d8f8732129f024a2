// What travels with a request so that a write happens exactly once from the caller's view: the caller's
// Idempotency-Key, and the time the gateway still waits for the answer. Shared by the gateway (which
// sets the headers) and the subgraphs (which read them); no ORM here, the gateway loads this too.
import { createHash } from 'crypto';
import type { Request, Response } from 'express';

/** The caller's key for one write (any printable text up to 200 characters, e.g. a UUID), as the IETF draft names it. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Milliseconds the gateway still waits for this fetch; the subgraph commits within them or not at all. */
export const DEADLINE_HEADER = 'x-fuhua-deadline-ms';

/**
 * The time a subgraph gets of the gateway's timeout: less a margin for the commit and the answer's way
 * back, so a commit never lands after the gateway has told the caller it failed.
 */
export function subgraphBudgetMs(timeoutMs: number): number {
  return Math.max(1, timeoutMs - Math.min(1_000, Math.ceil(timeoutMs / 10)));
}

/** What a write needs to know about the request it runs in. */
export interface WriteRequest {
  /** The caller's Idempotency-Key, as sent (checked when a write uses it). */
  idempotencyKey?: string;
  /** When the gateway stops waiting (epoch ms, this machine's clock); none when called without one. */
  deadline?: number;
  /** Aborted when the caller goes away before the answer is sent. */
  signal: AbortSignal;
  /** A digest of the request body: a replayed key must come with the same request. */
  fingerprint: string;
  /** Writes so far in this request (a mutation may have several fields); each is stored under its position. */
  writes: number;
}

/** Reads the headers and watches the connection: a caller that goes away aborts the request's writes. */
export function writeRequestOf(req: Request, res: Response): WriteRequest {
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  const budget = Number(req.header(DEADLINE_HEADER));
  return {
    idempotencyKey: req.header(IDEMPOTENCY_HEADER),
    deadline: Number.isFinite(budget) && budget > 0 ? Date.now() + budget : undefined,
    signal: gone.signal,
    fingerprint: createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex'),
    writes: 0,
  };
}
