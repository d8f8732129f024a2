// What a caller may see of an error. A refusal the caller can act on (BAD_USER_INPUT, FORBIDDEN, …)
// keeps its message; anything unexpected reaches the caller as a generic message with a request id,
// and its full detail (stack, SQL with its literals blanked, addresses) goes to the process's log under that id. The gateway
// and every subgraph format errors with this, so no SQL, stack, file path or address leaves a process
// unless FUHUA_DEBUG_ERRORS=1. Imports only graphql and Node.
import { AsyncLocalStorage } from 'async_hooks';
import { randomUUID } from 'crypto';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { log as logger, redactSql } from './logging';

/** The header a request id travels in: from the caller (or made here) to the gateway's subgraph fetches and back. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What is known of the request being served, wherever its work runs (AsyncLocalStorage). */
export interface RequestScope {
  requestId: string;
  /** Aborted when the caller goes away before the answer is sent (the gateway cancels its subgraph fetches). */
  signal?: AbortSignal;
}
const scope = new AsyncLocalStorage<RequestScope>();

export const requestScope = (): RequestScope | undefined => scope.getStore();
/** The id of the request being served, when inside one. */
export const currentRequestId = (): string | undefined => scope.getStore()?.requestId;

/** Express middleware: takes a well-formed incoming id (the gateway's) or makes one, and serves the request under it. */
export function withRequestId(req: { header(name: string): string | undefined }, res: { setHeader(name: string, value: string): unknown }, next: () => void): void {
  const given = req.header(REQUEST_ID_HEADER);
  const requestId = given && /^[A-Za-z0-9._-]{8,80}$/.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  scope.run({ requestId }, next);
}

/** Codes whose messages are written for the caller, and pass as they are. */
const CALLER_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'SUBGRAPH_UNAVAILABLE',
  'RATE_LIMITED',
  'OVERLOADED',
  'DEADLINE_EXCEEDED',
]);

/** PostgreSQL errors that bad input (not a fault) causes, by SQLSTATE: what the caller is told instead of the SQL. */
const POSTGRES_INPUT_ERRORS: Record<string, { code: string; message: string }> = {
  '22P02': { code: 'BAD_USER_INPUT', message: 'A value in this request is not in the form this field takes (an id, number or code).' },
  '22001': { code: 'BAD_USER_INPUT', message: 'A text in this request is too long for its field.' },
  '22003': { code: 'BAD_USER_INPUT', message: 'A number in this request is out of range.' },
  '22007': { code: 'BAD_USER_INPUT', message: 'A date in this request is not a valid date.' },
  '22008': { code: 'BAD_USER_INPUT', message: 'A date in this request is out of range.' },
  '22021': { code: 'BAD_USER_INPUT', message: 'A text in this request contains a character that cannot be stored (such as a NUL byte).' },
  '22P05': { code: 'BAD_USER_INPUT', message: 'A text in this request contains a character that cannot be stored (such as a NUL byte).' },
  '23503': { code: 'BAD_USER_INPUT', message: 'This request refers to a record that does not exist.' },
  '23505': { code: 'CONFLICT', message: 'This record already exists.' },
  '23514': { code: 'BAD_USER_INPUT', message: 'A value in this request is outside what the register allows.' },
  '40001': { code: 'CONFLICT', message: 'Another write to the same record got there first; read it again and retry.' },
  '40P01': { code: 'CONFLICT', message: 'Another write to the same record got there first; read it again and retry.' },
};

/** Extensions that describe internals and never leave a process. */
const INTERNAL_EXTENSIONS = new Set(['stacktrace', 'exception', 'response', 'http', 'sql', 'query']);

/** Addresses, URLs and file paths, removed from messages that otherwise pass. */
const INTERNALS = [
  /\bhttps?:\/\/[^\s"')]+/gi,
  /\b(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):\d{2,5}\b/gi,
  /(?:\/[\w.@-]+){2,}\.(?:[cm]?js|ts|node)\b(?::\d+(?::\d+)?)?/g,
];
export const scrub = (text: string) => INTERNALS.reduce((out, pattern) => out.replace(pattern, '…'), text);

function chainOf(error: unknown): any[] {
  const chain: any[] = [];
  for (let e: any = error; e && typeof e === 'object' && chain.length < 8; e = e.originalError ?? e.cause) chain.push(e);
  return chain;
}

/** The SQLSTATE of a database error anywhere in the chain (pg's `code`, MikroORM's `sqlState`). */
function sqlStateOf(chain: any[]): string | undefined {
  for (const e of chain) {
    // SQLSTATE classes are two digits or HV, P0, XX, F0 (so Node's EPIPE is not taken for one).
    const state = e.sqlState ?? (typeof e.code === 'string' && /^(?:\d{2}|HV|P0|XX|F0)[0-9A-Z]{3}$/.test(e.code) ? e.code : undefined);
    if (state) return state;
  }
  return undefined;
}

/** The code the error was raised with: the deepest GraphQL error's own, before any wrapper replaced it. */
function codeOf(formatted: GraphQLFormattedError, chain: any[]): string | undefined {
  for (const e of [...chain].reverse()) {
    const code = e?.extensions?.code;
    if (typeof code === 'string' && CALLER_CODES.has(code)) return code;
  }
  return formatted.extensions?.code as string | undefined;
}

/** class-validator's failures (nested for input objects), as "property: constraint" lines. */
function constraintsOf(errors: unknown, prefix = ''): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: { property?: string; constraints?: Record<string, string>; children?: unknown[] }) => {
    const at = prefix ? `${prefix}.${e.property}` : String(e.property);
    return [...Object.values(e.constraints ?? {}).map((c) => `${at}: ${c}`), ...constraintsOf(e.children, at)];
  });
}

export interface MaskOptions {
  /** The process, in log lines. */
  service: string;
  /** FUHUA_DEBUG_ERRORS: pass everything through (development only). */
  debug: boolean;
  /** Where the detail goes (the process's logger; tests collect the entries). */
  log?: (entry: { level: 'info' | 'error' } & Record<string, unknown>) => void;
}

/** The process's logger names the service on every line already. */
const toLogger = ({ level, message, service: _service, ...entry }: { level: 'info' | 'error'; message?: unknown } & Record<string, unknown>) =>
  logger()[level](entry, typeof message === 'string' ? message : 'error');

/** An Apollo Server `formatError`. */
export function maskErrors({ service, debug, log = toLogger }: MaskOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = currentRequestId();
    if (debug) return { ...formatted, extensions: { ...formatted.extensions, requestId } };
    const chain = chainOf(error);
    const { message, locations, path } = formatted;
    const sqlState = sqlStateOf(chain);
    const known = sqlState ? POSTGRES_INPUT_ERRORS[sqlState] : undefined;
    if (known) {
      log({ level: 'info', service, requestId, refused: known.code, sqlState, message: redactSql((chain.at(-1) as Error)?.message ?? '') });
      return { message: known.message, locations, path, extensions: { code: known.code } };
    }
    const code = codeOf(formatted, chain);
    if (code && CALLER_CODES.has(code) && !sqlState) {
      const extensions = Object.fromEntries(
        Object.entries(formatted.extensions ?? {})
          .filter(([key]) => !INTERNAL_EXTENSIONS.has(key))
          .map(([key, value]) => [key, typeof value === 'string' ? scrub(value) : value]),
      );
      // type-graphql's "Argument Validation Error" says what is wrong only in its extensions: say it in the message.
      const reasons = constraintsOf(formatted.extensions?.validationErrors);
      return { message: scrub(reasons.length ? `Argument Validation Error: ${reasons.join('; ')}.` : message), locations, path, extensions: { ...extensions, code } };
    }
    // Already masked by the subgraph that answered: its message is generic and its id is this request's.
    if (code === 'INTERNAL_SERVER_ERROR' && typeof formatted.extensions?.requestId === 'string' && /^Something went wrong/.test(message)) {
      return { message, locations, path, extensions: { code, requestId: formatted.extensions.requestId } };
    }
    const id = requestId ?? randomUUID();
    const deepest = chain.at(-1) as (Error & { sql?: string }) | undefined;
    log({
      level: 'error',
      service,
      requestId: id,
      message: redactSql(message),
      code,
      path,
      cause: deepest?.message === undefined ? undefined : redactSql(deepest.message),
      sqlState,
      stack: redactSql(deepest?.stack ?? (chain[0] as GraphQLError | undefined)?.stack ?? ''),
      extensions: formatted.extensions,
    });
    return {
      message: `Something went wrong on our side; the operators can look it up under request ${id}.`,
      locations,
      path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id },
    };
  };
}
