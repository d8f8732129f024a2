// The analysts' workbench at /graphiql: GraphiQL from its npm package with the explorer plugin, bundled
// by Vite as its own entry (the dashboard never loads it). The dashboard's sign-in token, if any, goes
// out as the Authorization header; requests are JSON posts to this origin's /graphql.
import { explorerPlugin } from '@graphiql/plugin-explorer';
import '@graphiql/plugin-explorer/style.css';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { session } from './api';
import { EXAMPLES } from './examples';

type Params = { query: string; variables?: unknown; operationName?: string | null };

const token = session.token();

async function fetcher(params: Params, options?: { headers?: Record<string, string> }) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  // What the headers editor says wins (an Authorization there replaces the sign-in token).
  for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return response.json();
}

const explorer = explorerPlugin();

// GraphiQL 5 opens the first default tab without its variables; on a first visit (nothing stored under
// its `graphiql:` keys) they are given explicitly.
const firstVisit = localStorage.getItem('graphiql:tabState') === null && localStorage.getItem('graphiql:variables') === null;

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, {
    fetcher: fetcher as never,
    plugins: [explorer],
    defaultTabs: EXAMPLES,
    initialVariables: firstVisit ? EXAMPLES[0].variables : undefined,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
  }),
);
