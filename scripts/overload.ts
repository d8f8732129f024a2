// A bounded overload of the gateway, to see what its rate limit (429) and in-flight bound (503) do:
//   node dist/scripts/overload.js [requests=400] [concurrency=40]
// sends the public county page anonymously at FUHUA_GATEWAY_PORT, then prints the count of each status,
// the Retry-After values seen, the slowest answer, and whether /health still answers at once.
import { cliConfig } from '../subgraphs/kit/config';

const QUERY = '{ county(code: "220122") { name prefecture { name } incubationCenter { name } stations { name town { name } } } }';

async function main() {
  const [requests = 400, concurrency = 40] = process.argv.slice(2).map(Number);
  const { gatewayUrl } = cliConfig();
  const statuses: Record<number, number> = {};
  const retryAfter = new Set<string>();
  let slowest = 0;
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next++ < requests) {
      const t = Date.now();
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) }).catch(() => undefined);
      await response?.arrayBuffer();
      const status = response?.status ?? 0;
      statuses[status] = (statuses[status] ?? 0) + 1;
      const retry = response?.headers.get('retry-after');
      if (retry) retryAfter.add(retry);
      slowest = Math.max(slowest, Date.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  const t = Date.now();
  const health = await fetch(gatewayUrl.replace(/graphql$/, 'health')).then((r) => r.status, () => 0);
  console.log(
    `${requests} requests, ${concurrency} at a time, in ${seconds.toFixed(1)} s (${(requests / seconds).toFixed(0)} req/s): ` +
      `${Object.entries(statuses).map(([s, n]) => `${n} × ${s}`).join(', ')}; Retry-After seen: ${[...retryAfter].join(', ') || 'none'}; ` +
      `slowest answer ${slowest} ms; /health after: ${health} in ${Date.now() - t} ms`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
