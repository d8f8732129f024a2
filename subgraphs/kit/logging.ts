// One structured logger per process (pino): JSON lines on stdout, each carrying the process's name and,
// inside a request, the request id the caller received (so one id finds a request's lines in all five
// logs). Secrets and personal data never reach a line: tokens, Authorization headers and founders' names
// are redacted by path, and SQL is logged with its string literals blanked. `npm start` turns the JSON
// into readable lines (scripts/start.ts); every process itself writes JSON.
import pino, { type Logger } from 'pino';
import { currentRequestId } from './masking';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Fields whose values are secrets or personal data, wherever they appear (up to three levels deep). */
const SECRET_KEYS = ['authorization', 'token', 'x-fuhua-identity', 'founderName', 'founder_name', 'password', 'secret', 'variables'];
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_]\w*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (k.startsWith('[') ? `${prefix}${k}` : `${prefix}.${k}`);
  return [k, join('*'), join('*.*')];
});

/** SQL with its string literals blanked: founders' names and other values stay out of the logs. */
export const redactSql = (sql: string) => sql.replace(/'(?:[^']|'')*'/g, "'…'");

/** Builds a process's logger: its name on every line, the request id inside a request. */
export function createLogger(service: string, level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // The request being served, whoever logs (resolvers, the ORM, the error mask).
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

let current: Logger = createLogger('fuhua');

/** The process's logger (set once at start by configureLogging; a default before that). */
export const log = (): Logger => current;

/** Sets the process's logger: its name and level (FUHUA_LOG_LEVEL). */
export function configureLogging(service: string, level: LogLevel = 'info'): Logger {
  current = createLogger(service, level);
  return current;
}
