// The peer for `npm run bench -- peer`: Hive Gateway (with its Rust query planner, the router runtime)
// over the same supergraph and subgraphs, with its defaults. It signs the caller's identity for the
// subgraphs as Fuhua's gateway does (the public's, since the bench sends no token; signed once per 30 s).
// Started by the bench with fork(); its settings come over IPC, so it reads no environment variable.
import { createServer } from 'http';
import { readFileSync } from 'fs';
import { join } from 'path';
import { INTERNAL_HEADER, PUBLIC, internalTokenFor } from '../subgraphs/kit/identity';
import { ROOT } from '../subgraphs/kit/paths';
import type { SubgraphName } from '../subgraphs/kit/topology';

export interface PeerSettings {
  port: number;
  gatewaySecret: string;
  subgraphUrls: Record<SubgraphName, string>;
}

/** The checked-in supergraph with each subgraph's routing URL replaced by where it answers in this run. */
function supergraph(urls: Record<SubgraphName, string>): string {
  const sdl = readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
  return sdl.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (_, name: SubgraphName) => `@join__graph(name: "${name}", url: "${urls[name]}")`);
}

async function start({ port, gatewaySecret, subgraphUrls }: PeerSettings): Promise<void> {
  // Loaded here, not at the top: the bench's own process never loads Hive.
  const { createGatewayRuntime } = require('@graphql-hive/gateway') as typeof import('@graphql-hive/gateway');
  const { unifiedGraphHandler } = require('@graphql-hive/router-runtime') as typeof import('@graphql-hive/router-runtime');
  const gateway = createGatewayRuntime({
    supergraph: supergraph(subgraphUrls),
    unifiedGraphHandler,
    logging: false,
    plugins: () => [
      {
        async onFetch({ options, setOptions }: { options: { headers?: Record<string, string> }; setOptions(o: object): void }) {
          setOptions({ ...options, headers: { ...options.headers, [INTERNAL_HEADER]: await internalTokenFor(PUBLIC, gatewaySecret) } });
        },
      },
    ],
  });
  const server = createServer(gateway);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.send?.({ listening: port });
  // Hive drains on SIGTERM and waits on open keep-alive connections; the bench wants it gone.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

process.once('message', (settings: PeerSettings) => {
  start(settings).catch((error) => {
    console.error(error);
    process.exit(1);
  });
});
