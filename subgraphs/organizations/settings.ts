// This tier's own settings (the admission rules a province tunes, where the host-owning subgraphs
// answer), read once at start through the kit's configuration; a bad value stops the process there.
import { organizationsConfig, parseEnv, type OrganizationsConfig } from '../kit/config';

export interface OrganizationSettings extends OrganizationsConfig {
  /** Signs this tier's own questions to the centers and stations subgraphs. */
  gatewaySecret: string;
}

let current: OrganizationSettings | undefined;

/** Reads and checks the settings (called when the subgraph starts). */
export function configure(env: Record<string, string | undefined> = process.env): OrganizationSettings {
  current = { ...organizationsConfig(env), gatewaySecret: parseEnv('subgraph', env).FUHUA_GATEWAY_SECRET };
  return current;
}

/** The settings read at start (or now, for code run outside a server such as the demo seed). */
export const settings = (): OrganizationSettings => current ?? configure();
