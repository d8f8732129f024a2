// The operations the project serves (schema/operations) validate against the committed supergraph;
// and, when ../shared/contract is beside the clone, every shared operation is one of ours and validates.
import { Supergraph } from '@apollo/federation-internals';
import { existsSync, readFileSync } from 'fs';
import { Kind, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { join } from 'path';
import { ROOT } from '../../subgraphs/kit/paths';
import { OPERATIONS_DIR, SHARED_CONTRACT_DIR, operationsIn } from '../support/contract';

/** The API schema clients see (the supergraph without its join__ machinery), as the gateway serves it. */
const api: GraphQLSchema = Supergraph.build(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();

const errorsOf = (definition: OperationDefinitionNode) =>
  validate(api, { kind: Kind.DOCUMENT, definitions: [definition] }).map((e) => e.message);

describe('the operations the project serves (schema/operations)', () => {
  const ours = operationsIn(OPERATIONS_DIR);

  it('has the dashboard and county operations', () => {
    expect(ours.size).toBeGreaterThanOrEqual(16);
    expect([...ours.keys()]).toEqual(expect.arrayContaining(['ProvinceScorecard', 'CountyProfile', 'PrefectureRollup', 'SubmitApplication', 'Admit']));
  });

  it.each([...ours].map(([name, { file, definition }]) => [name, file, definition] as const))('%s (%s) validates against the supergraph', (_name, _file, definition) => {
    expect(errorsOf(definition)).toEqual([]);
  });
});

// ../shared/contract is the programme's copy of the same operations: a second check, skipped in a lone clone.
const shared = existsSync(SHARED_CONTRACT_DIR) ? operationsIn(SHARED_CONTRACT_DIR) : undefined;
(shared ? describe : describe.skip)('the shared contract (../shared/contract, beside the clone)', () => {
  const ours = operationsIn(OPERATIONS_DIR);
  const entries = [...(shared ?? [])];

  it('is there and has operations', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries.map(([name, { definition }]) => [name, definition] as const))('%s is one of ours and validates', (name, definition) => {
    expect([name, ours.has(name)]).toEqual([name, true]);
    expect(errorsOf(definition)).toEqual([]);
  });
});
if (!shared) {
  // eslint-disable-next-line no-console
  console.log(`the shared contract check is skipped: no ${SHARED_CONTRACT_DIR} beside this clone (schema/operations is checked instead)`);
}
