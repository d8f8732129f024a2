// The gateway: @apollo/gateway in @apollo/server over the static supergraph in schema/supergraph.graphql.
// No IntrospectAndCompose: the composed file is checked in, reviewed and the same one Apollo Router loads.
// It loads the kit's identity, configuration and HTTP shell only: no ORM, no type-graphql.
// First: traces (when configured) must see http and express load.
import '../subgraphs/kit/preload';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import express, { type Request } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { readFileSync } from 'fs';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLScalarType,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  print,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { join } from 'path';
import { Counter } from 'prom-client';
import { gatewayConfig, type GatewayConfig } from '../subgraphs/kit/config';
import { DEADLINE_HEADER, IDEMPOTENCY_HEADER, subgraphBudgetMs } from '../subgraphs/kit/exactly-once';
import { countOperations, listen, runProcess, sendError } from '../subgraphs/kit/http';
import { configureLogging } from '../subgraphs/kit/logging';
import { observeOperations } from '../subgraphs/kit/operations';
import { INTERNAL_HEADER, PUBLIC, internalTokenFor, verifyUserToken, type Viewer } from '../subgraphs/kit/identity';
import { checkLiterals, checkTexts } from '../subgraphs/kit/input';
import { maskErrors, REQUEST_ID_HEADER, requestScope } from '../subgraphs/kit/masking';
import { registry } from '../subgraphs/kit/metrics';
import { ROOT } from '../subgraphs/kit/paths';
// Only graphql and the kit's errors: the gateway checks dates with the subgraphs' own parser.
import { parseIsoDate } from '../subgraphs/kit/runtime/dates';
import type { SubgraphName } from '../subgraphs/kit/topology';
import { fetchEnded, fetchStarting } from './observe';
import { mountPages } from './pages';
import { ResponseCache } from './response-cache';
import { closeSubgraphPools, subgraphFetcher } from './subgraph-client';

const subgraphFetches = new Counter({
  name: 'fuhua_subgraph_fetches_total',
  help: 'Fetches the gateway sent to each subgraph',
  labelNames: ['subgraph'],
  registers: [registry],
});
const refusedForLoad = new Counter({
  name: 'fuhua_refused_requests_total',
  help: 'Requests the gateway refused before working on them: rate_limited (429) or overloaded (503)',
  labelNames: ['reason'],
  registers: [registry],
});

interface GatewayContext {
  viewer: Viewer;
  /** The caller's Idempotency-Key header, passed on to the subgraph that writes. */
  idempotencyKey?: string;
  /** Signed once per request, reused by each of its subgraph fetches. */
  internalToken?: Promise<string>;
  /** The tiers' snapshots, when the response cache's fast path read them for this request. */
  snapshotTag?: Promise<string>;
}

/** Each fetch carries the caller's identity as the gateway's signed word, the request id, and a time limit. */
class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    subgraphFetches.inc({ subgraph: this.name });
    context.internalToken ??= internalTokenFor(context.viewer ?? PUBLIC, this.config.gatewaySecret);
    request.http?.headers.set(INTERNAL_HEADER, await context.internalToken);
    const requestId = requestScope()?.requestId;
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
    forwardWriteHeaders(request.http?.headers, context.idempotencyKey, this.config);
    fetchStarting(this.name, request.http);
  }
  override async didReceiveResponse({ response, request }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    fetchEnded(this.name, request.http);
    return response;
  }
  override didEncounterError(error: Error, _fetchRequest: unknown, _fetchResponse: unknown, _context: unknown, request?: { http?: object }): void {
    fetchEnded(this.name, request?.http);
    throw error;
  }
  constructor(
    readonly name: string,
    url: string,
    private readonly config: GatewayConfig,
  ) {
    super({
      url,
      // Keep-alive pools, cut short when the time is up or when the caller has gone away (nobody would read the answer).
      fetcher: subgraphFetcher(name, config.subgraphTimeoutMs, () => requestScope()?.signal) as never,
    });
  }
}

/**
 * Exactly-once writes: the subgraph learns how long the gateway will wait (less a margin, so it never
 * commits after the caller was told it failed) and the caller's Idempotency-Key (so a retry replays).
 */
function forwardWriteHeaders(headers: { set(name: string, value: string): void } | undefined, idempotencyKey: string | undefined, config: GatewayConfig) {
  headers?.set(DEADLINE_HEADER, String(subgraphBudgetMs(config.subgraphTimeoutMs)));
  if (idempotencyKey !== undefined) headers?.set(IDEMPOTENCY_HEADER, idempotencyKey);
}

/** Ready when every subgraph says it is ready (each checks its database); liveness stays /health. */
function subgraphsReady(urls: Map<string, string>) {
  return async () => {
    const answers = await Promise.all(
      [...urls.values()].map((url) =>
        fetch(url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(2_000) }).then(
          (response) => response.ok,
          () => false,
        ),
      ),
    );
    return answers.length > 0 && answers.every(Boolean);
  };
}

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
const refused = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** The caller: anonymous (the public) without a token; a bad token is refused before anything runs. */
async function viewerOf(authorization: string | undefined, config: GatewayConfig): Promise<Viewer> {
  if (!authorization) return PUBLIC;
  const [scheme, token] = authorization.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('Send the token as "Authorization: Bearer <token>".');
  try {
    return await verifyUserToken(token, config.userTokens);
  } catch (error) {
    throw unauthenticated((error as Error).message);
  }
}

/** The caller of a request, verified once (the rate limiter and the GraphQL context both ask). */
const viewers = new WeakMap<Request, Promise<Viewer>>();
function viewerOfRequest(req: Request, config: GatewayConfig): Promise<Viewer> {
  let viewer = viewers.get(req);
  if (!viewer) viewers.set(req, (viewer = viewerOf(req.header('authorization'), config)));
  return viewer;
}

/**
 * Limits for ad-hoc queries, checked as validation rules (graphql-armor): depth, aliases, directives, and
 * the signed-in cost limit. The token limit is graphql-js's own parse option (a syntax error, HTTP 400),
 * not armor's, which throws outside parsing and turned syntax errors into HTTP 500.
 */
export function armor({ limits }: GatewayConfig) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
  }).protect();
}

/** An unpaged list's size when estimating rows: about a prefecture's counties, an incubation's services. */
export const ASSUMED_LIST = 20;

/**
 * The rows an operation may read: every field counts once per parent row, and a list multiplies what is
 * below it by its page size (`first`: literal, variable or default) or, unpaged, by ASSUMED_LIST. A
 * connection (an object field with `first`) hands its page size down to its `nodes` and `edges` lists,
 * so a page nested in a page multiplies like any nested list. Unlike
 * graphql-armor's cost, which sees the shape only, this grows with nesting of lists, which is what made
 * six aliases of counties → incubations → services take 13 s.
 */
export function rowsOf(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables: Record<string, unknown> = {}): number {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  if (!operation) return 0;
  const pageSize = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined => {
    const argument = field.args.find((a) => a.name === 'first');
    if (!argument) return undefined;
    const given = node.arguments?.find((a) => a.name.value === 'first')?.value;
    const value = given?.kind === Kind.INT ? Number(given.value) : given?.kind === Kind.VARIABLE ? variables[given.name.value] : argument.defaultValue;
    return typeof value === 'number' && value >= 0 ? value : undefined;
  };
  const walk = (selections: SelectionSetNode, parent: GraphQLNamedType | undefined, multiplier: number, inheritedSize: number | undefined, depth: number): number => {
    if (depth > 30 || !parent || !(isObjectType(parent) || isInterfaceType(parent) || isUnionType(parent))) return 0;
    let total = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = isUnionType(parent) ? undefined : parent.getFields()[selection.name.value];
        if (!field) continue;
        total += multiplier;
        if (!selection.selectionSet) continue;
        const size = pageSize(selection, field) ?? inheritedSize;
        const list = isListType(getNullableType(field.type));
        total += walk(selection.selectionSet, getNamedType(field.type), list ? multiplier * (size ?? ASSUMED_LIST) : multiplier, list ? undefined : size, depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, multiplier, inheritedSize, depth + 1);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) total += walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), multiplier, inheritedSize, depth + 1);
      }
    }
    return total;
  };
  return walk(operation.selectionSet, operation.operation === 'mutation' ? schema.getMutationType() ?? undefined : schema.getQueryType() ?? undefined, 1, undefined, 0);
}

/** The cost graphql-armor gives an operation (objects 2, scalars 1, ×1.5 per level; list sizes unknown). */
export function costOf(schema: GraphQLSchema, document: DocumentNode): number {
  let cost = 0;
  validate(schema, document, [
    costLimitRule({ maxCost: Number.MAX_SAFE_INTEGER, onAccept: [(_context: unknown, { n }: { n: number }) => void (cost = Math.max(cost, n))] } as never),
  ]);
  return cost;
}

/** Costs and literal checks per document: Apollo keeps one parsed document per query text, so a repeated query is measured once. */
const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, number>>();
function costOnce(schema: GraphQLSchema, document: DocumentNode): number {
  let bySchema = costs.get(schema);
  if (!bySchema) costs.set(schema, (bySchema = new WeakMap()));
  let cost = bySchema.get(document);
  if (cost === undefined) bySchema.set(document, (cost = costOf(schema, document)));
  return cost;
}
const literalsChecked = new WeakSet<DocumentNode>();

/**
 * What the gateway refuses before planning: an operation it cannot find or does not serve, texts with
 * NUL bytes or beyond FUHUA_MAX_TEXT, and (for the public) a cost above FUHUA_MAX_COST_PUBLIC.
 */
const guardOperations = (config: GatewayConfig): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart({ contextValue, schema }) {
    return {
      async didResolveOperation({ operation, document, request }) {
        if (!operation) {
          throw refused('OPERATION_RESOLUTION_FAILURE', request.operationName ? `The document has no operation named "${request.operationName}".` : 'The document holds several operations: name the one to run (operationName).');
        }
        if (operation.operation === 'subscription') throw refused('BAD_REQUEST', 'Subscriptions are not served; ask with a query.');
        for (const [name, value] of Object.entries(request.variables ?? {})) checkTexts(value, `The variable $${name}`, { maxText: config.maxText });
        if (!literalsChecked.has(document)) {
          checkLiterals(document, { maxText: config.maxText });
          literalsChecked.add(document);
        }
        // Two measures, each with a lower limit for the public: graphql-armor's cost (the shape; `first`
        // literals multiply) and the rows estimate (every list multiplies, paged or not).
        const anonymous = contextValue.viewer.role === 'public';
        const { maxCost, maxCostPublic, maxRows, maxRowsPublic } = config.limits;
        const cost = anonymous ? costOnce(schema, document) : 0;
        const rows = rowsOf(schema, document, request.operationName, request.variables ?? {});
        const [costLimit, rowsLimit] = anonymous ? [maxCostPublic, maxRowsPublic] : [maxCost, maxRows];
        if (cost > costLimit || rows > rowsLimit) {
          const what = cost > costLimit ? `costs ${Math.ceil(cost)} (limit ${costLimit})` : `may read about ${rows} rows (limit ${rowsLimit})`;
          throw refused(
            'GRAPHQL_VALIDATION_FAILED',
            `This query ${what}${anonymous ? ' for anonymous callers' : ''}. Ask for fewer fields, fewer aliases or smaller pages (first:)${anonymous ? `, or sign in (limits ${maxCost} and ${maxRows})` : ''}.`,
          );
        }
      },
    };
  },
});

/** Whether the caller asked for application/graphql-response+json over application/json (as Apollo Server negotiates). */
export function prefersGraphQLResponse(accept: string | undefined | null): boolean {
  if (!accept) return false;
  let json = { q: 0, at: Infinity };
  let graphql = { q: 0, at: Infinity };
  accept.split(',').forEach((part, at) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean) ?? 1);
    if (type === 'application/graphql-response+json' && q > graphql.q) graphql = { q, at };
    if (['application/json', 'application/*', '*/*'].includes(type) && q > json.q) json = { q, at };
  });
  return graphql.q > 0 && (graphql.q > json.q || (graphql.q === json.q && graphql.at < json.at));
}

/**
 * GraphQL over HTTP: a request that fails parsing, validation or variable coercion is 400 for
 * application/graphql-response+json, but 200 for application/json (legacy clients read the body, not the status).
 */
const statusByMediaType: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ request }) {
    return {
      async willSendResponse({ response }) {
        if (response.http.status !== 400 || response.body.kind !== 'single' || prefersGraphQLResponse(request.http?.headers.get('accept'))) return;
        // A malformed request (no query string, bad parameters) is not a GraphQL failure: it stays 400.
        if (response.body.singleResult.errors?.every((e) => e.extensions?.code === 'BAD_REQUEST')) return;
        response.http.status = 200;
      },
    };
  },
};

/** In production, the schema is described to signed-in callers only. */
const introspects = new WeakMap<DocumentNode, boolean>(); // printed once per parsed document
const introspectionForSignedIn = (config: GatewayConfig): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart({ contextValue }) {
    return {
      async didResolveOperation({ document }) {
        if (!config.production || contextValue.viewer.role !== 'public') return;
        let asks = introspects.get(document);
        if (asks === undefined) introspects.set(document, (asks = /\b__schema\b|\b__type\b/.test(print(document))));
        if (asks) throw unauthenticated('Sign in to introspect the schema.');
      },
    };
  },
});

/** The gateway's `Date` checks what the subgraphs' does, so a bad date is refused before any fetch. */
function checkDatesAtTheGateway(schema: GraphQLSchema): void {
  const date = schema.getType('Date');
  if (!(date instanceof GraphQLScalarType)) return;
  date.parseValue = parseIsoDate;
  date.parseLiteral = (node) => {
    if (node.kind !== 'StringValue') throw refused('BAD_USER_INPUT', 'A date is written as a string "YYYY-MM-DD".');
    return parseIsoDate(node.value);
  };
}

/**
 * Load: each caller (token subject, or address for the public) gets a number of requests per window,
 * then 429 with Retry-After; and the gateway works on at most FUHUA_MAX_IN_FLIGHT requests at once, so
 * one more is answered 503 at once rather than queued behind the others.
 */
function loadLimits(config: GatewayConfig) {
  const { publicPerWindow, signedInPerWindow, windowMs, maxInFlight } = config.load;
  const keyOf = async (req: Request) => {
    const viewer = await viewerOfRequest(req, config).catch(() => PUBLIC);
    return viewer.role === 'public' ? `address:${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '')}` : `subject:${viewer.sub}`;
  };
  const limiter = rateLimit({
    windowMs,
    limit: async (req: Request) => ((await viewerOfRequest(req, config).catch(() => PUBLIC)).role === 'public' ? publicPerWindow : signedInPerWindow),
    keyGenerator: keyOf,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      refusedForLoad.inc({ reason: 'rate_limited' });
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      sendError(res, 429, 'RATE_LIMITED', `Too many requests from this caller; try again in ${seconds} s.`, { 'Retry-After': String(seconds) });
    },
  });
  let inFlight = 0;
  const bound = (req: Request, res: express.Response, next: express.NextFunction) => {
    if (inFlight >= maxInFlight) {
      refusedForLoad.inc({ reason: 'overloaded' });
      return sendError(res, 503, 'OVERLOADED', 'The service is busy; try again in a moment.', { 'Retry-After': '1' });
    }
    inFlight++;
    let done = false;
    const release = () => {
      if (!done) (done = true), inFlight--;
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
  return [bound, limiter];
}

/** Work for a caller who went away is cancelled: the request's scope carries a signal that fires then. */
function cancelWhenGone(_req: Request, res: express.Response, next: express.NextFunction) {
  const scope = requestScope();
  if (scope) {
    const controller = new AbortController();
    scope.signal = controller.signal;
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
  }
  next();
}

export async function startGateway(config: GatewayConfig = gatewayConfig()) {
  configureLogging('gateway', config.logLevel);
  const subgraphUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphFile ?? join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    // Where each subgraph answers: FUHUA_<NAME>_URL, else the routing URL composed into the supergraph.
    buildService: ({ name, url }) => {
      const where = config.subgraphUrls[name as SubgraphName] ?? url ?? '';
      subgraphUrls.set(name, where);
      return new SubgraphSource(name, where, config);
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => checkDatesAtTheGateway(apiSchema));
  const protection = armor(config);
  const cache =
    config.responseCacheEntries > 0
      ? new ResponseCache({
          subgraphUrls: () => [...subgraphUrls.values()],
          gatewaySecret: config.gatewaySecret,
          maxEntries: config.responseCacheEntries,
          maxBytes: config.responseCacheBytes,
          timeoutMs: 2_000,
          shareTimeoutMs: config.subgraphTimeoutMs,
          viewerOf: (req) => viewerOfRequest(req, config),
        })
      : undefined;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    ...protection,
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError: maskErrors({ service: 'gateway', debug: config.debugErrors }),
    includeStacktraceInErrorResponses: config.debugErrors,
    plugins: [
      ...protection.plugins,
      guardOperations(config),
      statusByMediaType,
      introspectionForSignedIn(config),
      ApolloServerPluginLandingPageDisabled(),
      countOperations,
      observeOperations(),
      ...(cache ? [cache.plugin()] : []),
    ],
  });
  await server.start();

  const shell = await listen({
    name: 'gateway',
    port: config.port,
    host: config.host,
    operatorToken: config.operatorToken,
    metrics: config.metrics,
    mount: (app) => {
      // The dashboard, GraphiQL, compression and CORS (gateway/pages.ts), ahead of /graphql.
      mountPages(app, config);
      app.use(
        '/graphql',
        ...loadLimits(config),
        cancelWhenGone,
        express.json({ limit: '1mb' }),
        // A repeated read answered from the response cache before Apollo's pipeline (gateway/response-cache.ts).
        ...(cache ? [cache.serveHits] : []),
        expressMiddleware(server, {
          context: async ({ req }) => ({
            viewer: await viewerOfRequest(req as Request, config),
            idempotencyKey: req.header(IDEMPOTENCY_HEADER),
            snapshotTag: cache?.tagOf(req as Request),
          }),
        }),
      );
    },
    ready: subgraphsReady(subgraphUrls),
    onStop: async () => {
      await server.stop();
      await closeSubgraphPools();
    },
  });
  return shell;
}

if (require.main === module) runProcess('gateway', () => startGateway());
