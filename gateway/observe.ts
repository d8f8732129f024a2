// What the gateway records about each subgraph fetch: its duration (fuhua_subgraph_fetch_duration_seconds,
// from sending to the parsed answer), the count on the request's log line, and the trace context it
// carries on (traceparent, so the subgraph's spans join the gateway's trace). Hooks for SubgraphSource.
import { subgraphFetchDuration } from '../subgraphs/kit/metrics';
import { tally } from '../subgraphs/kit/operations';
import { injectTraceContext } from '../subgraphs/kit/tracing';

type Http = { headers: { set(name: string, value: string): unknown } };
const started = new WeakMap<object, bigint>();

/** In willSendRequest: the fetch is counted, timed from now, and carries the trace on. */
export function fetchStarting(subgraph: string, http: Http | undefined): void {
  tally('fetches', subgraph);
  if (!http) return;
  started.set(http, process.hrtime.bigint());
  injectTraceContext(http.headers);
}

/** In didReceiveResponse or didEncounterError: the fetch's time is recorded once. */
export function fetchEnded(subgraph: string, http: object | undefined): void {
  const since = http && started.get(http);
  if (since === undefined || !http) return;
  started.delete(http);
  subgraphFetchDuration.observe({ subgraph }, Number(process.hrtime.bigint() - since) / 1e9);
}
