// The operations Fuhua serves to dashboards and county systems (schema/operations/*.graphql), by name,
// as those clients send them. Nothing outside the clone is read: the programme's shared contract is
// checked by its own tool, not by this suite.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { join } from 'path';
import { ROOT } from '../../subgraphs/kit/paths';

export const OPERATIONS_DIR = join(ROOT, 'schema', 'operations');

/** Every named operation in a folder of .graphql files: name → { file, text }. */
export function operationsIn(dir: string): Map<string, { file: string; definition: OperationDefinitionNode }> {
  const found = new Map<string, { file: string; definition: OperationDefinitionNode }>();
  if (!existsSync(dir)) return found;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    for (const definition of parse(readFileSync(join(dir, file), 'utf8')).definitions) {
      if (definition.kind !== 'OperationDefinition') continue;
      if (!definition.name) throw new Error(`${file}: every served operation needs a name`);
      if (found.has(definition.name.value)) throw new Error(`${file}: operation ${definition.name.value} is defined twice`);
      found.set(definition.name.value, { file, definition });
    }
  }
  return found;
}

const operations = operationsIn(OPERATIONS_DIR);

/** The text of a served operation, exactly as schema/operations writes it. */
export function contract(name: string): string {
  const operation = operations.get(name);
  if (!operation) throw new Error(`schema/operations has no operation ${name}`);
  return print(operation.definition);
}
