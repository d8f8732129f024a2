export default async function globalTeardown() {
  const federation = (globalThis as { __fuhua?: { stop(): Promise<void> } }).__fuhua;
  await federation?.stop();
}
