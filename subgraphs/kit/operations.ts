// One log line and one histogram observation per GraphQL operation, in the gateway and every subgraph:
// the operation's name, the caller's role and region, how long it took, what it cost (the gateway's
// subgraph fetches, a subgraph's SQL statements) and the error codes the caller received. The request id
// comes with every line (kit/logging.ts), so the gateway's line and each subgraph's share it.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Viewer } from './identity/viewer';
import { log } from './logging';
import { requestScope, type RequestScope } from './masking';
import { graphqlErrors, graphqlRequests, operationDuration, operationLabel } from './metrics';

/** What one request cost, counted where it happens (subgraph fetches, SQL statements). */
const tallies = new WeakMap<RequestScope, Record<string, Record<string, number>>>();

/** Counts one `what` (e.g. fetches to `province`, or `sql`) against the request being served, if any. */
export function tally(what: string, key = 'total', by = 1): void {
  const scope = requestScope();
  if (!scope) return;
  let counts = tallies.get(scope);
  if (!counts) tallies.set(scope, (counts = {}));
  const of = (counts[what] ??= {});
  of[key] = (of[key] ?? 0) + by;
}

const talliesOfRequest = (): Record<string, Record<string, number>> => {
  const scope = requestScope();
  return (scope && tallies.get(scope)) ?? {};
};

/** Logs and measures each operation a process executes; `service` names the process. */
export function observeOperations(): ApolloServerPlugin<{ viewer?: Viewer }> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let operationName: string | undefined;
      let kind: string | undefined;
      return {
        async didResolveOperation({ operationName: name, operation }) {
          operationName = name ?? undefined;
          kind = operation?.operation;
        },
        async willSendResponse({ response, request }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors ?? [] : [];
          recordOperation({
            operationName: operationName ?? request.operationName ?? null,
            kind,
            viewer: contextValue?.viewer,
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
            codes: errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
          });
        },
      };
    },
  };
}

/** The log line and measures of one operation; also for one the gateway answered from its cache before Apollo ran. */
export function recordOperation({ operationName, kind, viewer, seconds, codes, cached }: { operationName: string | null; kind?: string; viewer?: Viewer; seconds: number; codes: string[]; cached?: boolean }): void {
  const name = operationName ?? undefined;
  if (cached) graphqlRequests.inc({ operation: name ?? '' }); // otherwise countOperations counted it
  operationDuration.observe({ operation: operationLabel(name) }, seconds);
  for (const code of codes) graphqlErrors.inc({ code });
  log()[codes.includes('INTERNAL_SERVER_ERROR') ? 'error' : 'info'](
    {
      operation: name ?? null,
      kind,
      role: viewer?.role,
      region: viewer?.region,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(cached ? { cached: true } : talliesOfRequest()),
      ...(codes.length ? { errors: codes } : {}),
    },
    'graphql operation',
  );
}
