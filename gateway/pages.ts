// What the gateway serves around /graphql for people with a browser: the provincial dashboard at `/` and
// the analysts' workbench (GraphiQL) at `/graphiql`, both built by Vite from gateway/dashboard/ into
// dist/dashboard/ (nothing fetched from elsewhere at run time); compressed responses; and CORS for the
// origins FUHUA_CORS_ORIGINS names (none by default). Apollo's CSRF prevention stays as it is: the pages
// post JSON, which a cross-site form cannot.
import compression from 'compression';
import cors from 'cors';
import express, { type Express, type Response } from 'express';
import { existsSync } from 'fs';
import { join } from 'path';
import type { GatewayConfig } from '../subgraphs/kit/config';
import { ROOT } from '../subgraphs/kit/paths';

export const PAGES_DIR = join(ROOT, 'dist', 'dashboard');

// Same-origin only: scripts, styles and data come from the gateway itself. ECharts and GraphiQL set inline
// styles; GraphiQL's editor runs its language service in blob workers.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function page(res: Response, file: string) {
  const path = join(PAGES_DIR, file);
  if (!existsSync(path)) {
    res.status(503).type('text/plain').send('The dashboard is not built in this installation: run `npm run build`.\n');
    return;
  }
  res.set({ 'content-security-policy': CSP, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.sendFile(path);
}

/** Mounts compression, CORS for /graphql and the two pages; call before /graphql is mounted. */
export function mountPages(app: Express, config: Pick<GatewayConfig, 'corsOrigins'>): void {
  app.use(compression());

  const allowed = new Set(config.corsOrigins.map((origin) => new URL(origin).origin));
  app.use(
    '/graphql',
    cors({
      // An origin not listed gets no CORS headers, so its browser keeps the answer from the page.
      origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'],
      maxAge: 600,
    }),
  );
  // A preflight from an origin not listed: an empty answer, so the browser keeps the request from being sent.
  app.options('/graphql', (_req, res) => void res.sendStatus(204));
  // A person who opens /graphql in a browser gets the workbench, not a CSRF error; nothing is executed.
  app.get('/graphql', (req, res, next) => {
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') res.redirect(302, '/graphiql');
    else next();
  });

  app.get('/', (_req, res) => page(res, 'index.html'));
  app.get(['/graphiql', '/graphiql/'], (_req, res) => page(res, join('graphiql', 'index.html')));
  // Hashed file names: cached for good. Geometry: same-origin JSON, fetched when the map is opened.
  app.use('/assets', express.static(join(PAGES_DIR, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }));
  app.use('/geo', express.static(join(PAGES_DIR, 'geo'), { maxAge: '1d', index: false, fallthrough: false }));
}
