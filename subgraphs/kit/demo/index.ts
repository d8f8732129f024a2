// The deterministic demo plan: imported by seeds, tests and benchmarks only, never by a serving path.
export * from './plan';
