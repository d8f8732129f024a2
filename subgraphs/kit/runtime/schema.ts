// How a type-graphql schema becomes a Federation 2 subgraph (after type-graphql's apollo-federation-2
// example): build the type-graphql schema, print it with its directives, and hand that SDL with the
// resolvers to @apollo/subgraph, which adds _service, _entities and the entity references.
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { defaultFieldResolver, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { checkArguments, DEFAULT_TEXT_LIMITS, type TextLimits } from '../input';
import { DateScalar } from './dates';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/**
 * Plumbing between subgraphs (the scorecard's fact lists): composed, planned and resolved like any field,
 * but absent from the API schema the gateway serves, so a client selecting it gets a validation error.
 */
export const INACCESSIBLE = '@inaccessible';

/** The root types' descriptions, the same in every subgraph so composition keeps them. */
export const ROOT_DESCRIPTIONS = {
  Query: 'Reads 查询: the register (province 省, prefecture 市州, county 县区, town 街道(镇)), incubation centers 孵化中心 and stations 孵化站, organizations 社会组织 and their incubations 孵化, milestone scorecards 目标进度 and the audit trail 操作记录.',
  Mutation: 'Writes 写操作 of county systems and the province: centers, stations, larger-town designations, the admission (R1–R2) and incubation (R3–R6) steps, and milestone thresholds. Each is one transaction, authorized for the region it changes; send an Idempotency-Key to retry safely.',
} as const;

export interface SchemaParts {
  resolvers: NonEmptyArray<Function>;
  /** Types no resolver returns directly, such as entity stubs other subgraphs own. */
  orphanedTypes?: Function[];
  /** `__resolveReference` for each entity this subgraph resolves from a representation. */
  references?: Record<string, { __resolveReference: (reference: any, context: any) => unknown }>;
}

/**
 * Every field that takes arguments checks them (the kit's text, name and id checks, kit/input.ts) before
 * its resolver runs. Wrapped field by field, not as a type-graphql global middleware: that would wrap
 * every field — `code`, `name`, each check of each county — in an async chain of promises, for nothing.
 */
function guardArguments(schema: GraphQLSchema, limits: TextLimits): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context, info) => {
        if (args && Object.keys(args).length) checkArguments(args, limits);
        return resolve(root, args, context, info);
      };
    }
  }
}

export async function buildFederatedSchema(parts: SchemaParts, limits: TextLimits = DEFAULT_TEXT_LIMITS): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: parts.resolvers,
    orphanedTypes: parts.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateScalar }],
    validate: { forbidUnknownValues: false },
    skipCheck: true, // a subgraph may have no Query of its own
  });
  guardArguments(schema, limits);
  // type-graphql cannot describe the root types; every subgraph gives them the same words.
  for (const [root, description] of [[schema.getQueryType(), ROOT_DESCRIPTIONS.Query], [schema.getMutationType(), ROOT_DESCRIPTIONS.Mutation]] as const) {
    if (root) root.description = description;
  }
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [type, reference] of Object.entries(parts.references ?? {})) {
    resolvers[type] = { ...(resolvers[type] as object), ...reference } as never;
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}

/** `__resolveReference` that answers a representation by `field`, batched per request. */
export function resolveBy<T extends object>(entity: new (...args: never[]) => T, field: keyof T & string) {
  return {
    __resolveReference: (reference: Record<string, string>, { loaders }: { loaders: import('./loaders').Loaders }) =>
      loaders.one(entity, field).load(reference[field]),
  };
}
