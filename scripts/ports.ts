import { createServer } from 'net';

/** Ports this process has handed out: the OS may hand a just-closed port out again at once. */
const handedOut = new Set<number>();

/** A free TCP port on loopback, as the OS hands it out, never one this process handed out before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!handedOut.has(port)) return handedOut.add(port), port;
  }
}

/** A free TCP port on loopback, as the OS hands it out. */
function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
