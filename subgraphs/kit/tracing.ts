// Traces with OpenTelemetry, on when the standard variables name an OTLP endpoint
// (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) and off otherwise: then no SDK is
// even loaded (nor @opentelemetry/api by this file: about 5 % of a subgraph's start), and the gateway's and
// the subgraphs' calls into @opentelemetry/api cost nothing. Spans go
// over OTLP/HTTP as JSON. The gateway's spans are @apollo/gateway's own (request, plan, fetch); each
// subgraph adds HTTP, express, GraphQL and PostgreSQL (pg) spans. The trace context travels from the
// gateway to the subgraphs in the W3C traceparent header, so one request is one trace.
// startTracing() must run before http, express, graphql and pg are loaded: kit/preload.ts does it,
// imported first by every main.ts.
import { basename, dirname } from 'path';
import { telemetryConfig } from './config';
import { redactSql } from './logging';

let flush: (() => Promise<void>) | undefined;

/** The process's name for its spans: OTEL_SERVICE_NAME, else the folder of its main script (gateway, province, …). */
function serviceNameOf(given?: string): string {
  return given ?? basename(dirname(require.main?.filename ?? 'fuhua/fuhua'));
}

/** Registers the SDK when an endpoint is configured; returns whether tracing is on. */
export function startTracing(): boolean {
  const config = telemetryConfig();
  if (!config.enabled || flush) return Boolean(flush);
  const service = serviceNameOf(config.serviceName);
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.namespace': 'fuhua' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  const gateway = service === 'gateway';
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // GraphQL requests only: health checks and readiness polls would drown the traces.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => !(req.url ?? '').startsWith('/graphql'), ignoreOutgoingRequestHook: () => true }),
      new ExpressInstrumentation({ ignoreLayersType: ['middleware' as never] }),
      // The gateway plans instead of executing: @apollo/gateway's spans say what it did.
      ...(gateway ? [] : [new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, depth: 2, mergeItems: true }), new PgInstrumentation({
              enhancedDatabaseReporting: false,
              // MikroORM inlines values into its SQL: a span keeps the statement, never a founder's name.
              requestHook: (span, { query }) => void span.setAttribute('db.query.text', redactSql(query.text)),
            })]),
    ],
  });
  flush = () => provider.shutdown();
  return true;
}

/** Sends the spans still buffered (a process stopping); nothing when tracing is off. */
export async function stopTracing(): Promise<void> {
  await flush?.().catch(() => undefined);
}

/** Puts the current trace context into outgoing headers (traceparent), so the next process joins the trace. */
export function injectTraceContext(headers: { set(name: string, value: string): unknown } | Record<string, string>): void {
  if (!flush) return; // no tracing: there is no context to pass on
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
  const { context, propagation } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  propagation.inject(context.active(), headers, {
    set: (carrier, key, value) => {
      if (typeof (carrier as { set?: unknown }).set === 'function') (carrier as { set(k: string, v: string): unknown }).set(key, value);
      else (carrier as Record<string, string>)[key] = value;
    },
  });
}
