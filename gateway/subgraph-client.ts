// How the gateway talks HTTP to its subgraphs: one keep-alive connection pool per subgraph (undici's
// Pool), for the query plan's fetches and the response cache's snapshot reads. Node's global fetch and
// AbortSignal.timeout took half the gateway's busy time under load (WHATWG Request/Response/Headers
// objects and a timer per request); undici's own request API with its header and body timeouts does the
// same work with a fraction of that.
import { GraphQLError } from 'graphql';
import { Pool, errors } from 'undici';

const pools = new Map<string, Pool>();

/** The pool for a URL's origin, opened on first use; idle sockets are kept 4 s (the subgraphs keep theirs 65 s). */
function poolFor(url: URL): Pool {
  let pool = pools.get(url.origin);
  if (!pool) pools.set(url.origin, (pool = new Pool(url.origin, { keepAliveTimeout: 4_000 })));
  return pool;
}

/** Closes every pool (the gateway's stop). */
export async function closeSubgraphPools(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.close().catch(() => undefined)));
}

/** What came back, read whole: the shape @apollo/gateway's data source reads (ok, status, headers.get, json, text). */
export class SubgraphAnswer {
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  constructor(
    readonly url: string,
    readonly status: number,
    private readonly raw: Record<string, string | string[] | undefined>,
    readonly content: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = status === 400 ? 'Bad Request' : String(status);
    this.headers = {
      get: (name: string) => {
        const value = this.raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }
  async text(): Promise<string> {
    return this.content;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.content);
  }
}

/** Why a request got no answer, in the words the caller reads. */
export function whyUnanswered(error: unknown, signal?: AbortSignal): string {
  if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) return 'no answer in time';
  if (signal?.aborted || error instanceof errors.RequestAbortedError) return 'the caller went away';
  return 'not reachable';
}

/**
 * One request, read whole. `timeoutMs` bounds the wait for the answer's headers and for each part of its
 * body (the subgraphs send a body at once, so this is the fetch's time limit); `signal` cuts it short.
 */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number; signal?: AbortSignal },
): Promise<SubgraphAnswer> {
  const target = new URL(url);
  const response = await poolFor(target).request({
    path: target.pathname + target.search,
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body,
    signal: init.signal,
    headersTimeout: init.timeoutMs,
    bodyTimeout: init.timeoutMs,
  });
  return new SubgraphAnswer(url, response.statusCode, response.headers, await response.body.text());
}

/**
 * The fetcher for @apollo/gateway's RemoteGraphQLDataSource: a subgraph that is down or too slow is
 * named (not its address), so the rest of the page still comes back; a subgraph refusing the request
 * itself (400: a variable it could not coerce) explains why in GraphQL errors, which reach the caller
 * with their codes instead of "400: Bad Request".
 */
export function subgraphFetcher(name: string, timeoutMs: number, gone: () => AbortSignal | undefined) {
  return async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<SubgraphAnswer> => {
    const signal = gone();
    let answer: SubgraphAnswer;
    try {
      answer = await send(url, { ...init, timeoutMs, signal });
    } catch (error) {
      throw new GraphQLError(`The ${name} subgraph did not answer (${whyUnanswered(error, signal)}); its part of the answer is missing.`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: name },
        originalError: error as Error,
      });
    }
    if (answer.status === 400 && /json/.test(answer.headers.get('content-type') ?? '')) {
      const errors = (() => {
        try {
          return (JSON.parse(answer.content) as { errors?: unknown }).errors;
        } catch {
          return undefined;
        }
      })();
      if (Array.isArray(errors)) return new SubgraphAnswer(url, 200, { 'content-type': 'application/json' }, JSON.stringify({ data: null, errors }));
    }
    return answer;
  };
}
