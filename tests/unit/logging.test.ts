// What the logs and the telemetry settings promise operators: secrets and founders' names never reach a
// line, SQL is logged without its values, every line inside a request carries its id, tracing is off
// unless an endpoint is named, and metrics have an address of their own.
import { gatewayConfig, telemetryConfig } from '../../subgraphs/kit/config';
import { createLogger, redactSql } from '../../subgraphs/kit/logging';
import { withRequestId } from '../../subgraphs/kit/masking';

const SECRET = 'x'.repeat(32);

function capture() {
  const lines: Record<string, any>[] = [];
  const logger = createLogger('test', 'debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('logs', () => {
  it('redacts tokens, Authorization headers and founders\' names wherever they sit', () => {
    const { logger, lines } = capture();
    logger.info({ headers: { authorization: 'Bearer eyJ.secret' }, token: 'eyJ.secret', application: { founderName: '张三' }, variables: { name: '李四' } }, 'sent');
    expect(JSON.stringify(lines[0])).not.toMatch(/eyJ|张三|李四/);
    expect(lines[0]).toMatchObject({ level: 'info', service: 'test', msg: 'sent', headers: { authorization: '[redacted]' }, application: { founderName: '[redacted]' } });
  });

  it('logs SQL without its string literals', () => {
    expect(redactSql(`insert into "application" ("founder_name", "year") values ('王''五', 2017)`)).toBe(`insert into "application" ("founder_name", "year") values ('…', 2017)`);
  });

  it('puts the request id the caller received on every line logged while serving it', () => {
    const { logger, lines } = capture();
    const headers: Record<string, string> = {};
    withRequestId({ header: (name) => (name === 'x-request-id' ? 'req-12345678' : undefined) }, { setHeader: (name, value) => (headers[name] = value) }, () => logger.info('inside'));
    logger.info('outside');
    expect(headers['x-request-id']).toBe('req-12345678');
    expect(lines[0].requestId).toBe('req-12345678');
    expect(lines[1].requestId).toBeUndefined();
  });
});

describe('telemetry and metrics settings', () => {
  it('traces only when an OTLP endpoint is named, and never when the SDK is disabled', () => {
    expect(telemetryConfig({}).enabled).toBe(false);
    expect(telemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).enabled).toBe(true);
    expect(telemetryConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).enabled).toBe(true);
    expect(telemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
    expect(() => telemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT="collector"/);
  });

  it('serves metrics only on an address the operator gives, loopback by default', () => {
    const base = { FUHUA_JWT_SECRET: SECRET, FUHUA_GATEWAY_SECRET: SECRET };
    expect(gatewayConfig(base).metrics).toBeUndefined();
    expect(gatewayConfig({ ...base, FUHUA_METRICS_PORT: '9400' }).metrics).toEqual({ host: '127.0.0.1', port: 9400 });
    expect(gatewayConfig({ ...base, FUHUA_LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => gatewayConfig({ ...base, FUHUA_LOG_LEVEL: 'loud' })).toThrow(/FUHUA_LOG_LEVEL="loud"/);
  });
});
