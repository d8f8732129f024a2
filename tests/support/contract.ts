// The shared contract's operations (../shared/contract/*.graphql), by name, as dashboards send them.
import { readdirSync, readFileSync } from 'fs';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { join } from 'path';
import { ROOT } from '../../subgraphs/kit/paths';

export const CONTRACT_DIR = join(ROOT, '..', 'shared', 'contract');

const operations = new Map<string, string>();
for (const file of readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.graphql'))) {
  for (const definition of parse(readFileSync(join(CONTRACT_DIR, file), 'utf8')).definitions) {
    if (definition.kind === 'OperationDefinition' && definition.name) {
      operations.set(definition.name.value, print(definition as OperationDefinitionNode));
    }
  }
}

/** The text of a contract operation, exactly as the contract writes it. */
export function contract(name: string): string {
  const text = operations.get(name);
  if (!text) throw new Error(`the contract has no operation ${name}`);
  return text;
}
