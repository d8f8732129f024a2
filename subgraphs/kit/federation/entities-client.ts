// Asks the subgraph that owns an entity for it, by key, through the federation's own `_entities`
// field: how one tier checks a reference without reading another tier's database. The request's id and
// trace go along, so the owner's log lines and spans belong to the same request.
import { currentRequestId, REQUEST_ID_HEADER } from '../masking';
import { injectTraceContext } from '../tracing';

export async function fetchEntities<T>(
  url: string,
  typename: string,
  representations: Record<string, unknown>[],
  selection: string,
  headers: Record<string, string> = {},
): Promise<(T | null)[]> {
  const requestId = currentRequestId();
  const sent: Record<string, string> = { 'content-type': 'application/json', ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}), ...headers };
  injectTraceContext(sent);
  const response = await fetch(url, {
    method: 'POST',
    headers: sent,
    body: JSON.stringify({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
      variables: { r: representations.map((r) => ({ __typename: typename, ...r })) },
    }),
  });
  const body = (await response.json()) as { data?: { _entities: (T | null)[] }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`${url} did not resolve ${typename}: ${body.errors?.map((e) => e.message).join('; ')}`);
  return body.data._entities;
}
