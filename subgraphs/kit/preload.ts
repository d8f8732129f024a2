// Imported first by every process's main.ts (or `node -r dist/subgraphs/kit/preload.js`): registers
// OpenTelemetry before http, express, graphql and pg load, when an OTLP endpoint is configured.
import { startTracing } from './tracing';

startTracing();
