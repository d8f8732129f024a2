// The operations the project serves (schema/operations) validate against the committed supergraph. The
// programme's shared contract is checked by its own tool, outside this suite: a clone alone runs every test.
import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'fs';
import { Kind, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { join } from 'path';
import { ROOT } from '../../subgraphs/kit/paths';
import { OPERATIONS_DIR, operationsIn } from '../support/contract';

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
