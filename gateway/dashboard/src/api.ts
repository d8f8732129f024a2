// The dashboard's one way to the data: POST /graphql on this origin, JSON both ways (so Apollo's CSRF
// prevention sees a non-simple request), the signed-in token as Authorization. Partial answers are kept:
// when a tier is down the gateway answers what it could plus an error naming the subgraph.

export interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export interface Answer<T> {
  data: T | null;
  errors: GraphQLError[];
  /** Subgraphs the gateway said did not answer. */
  missing: string[];
}

const TOKEN_KEY = 'fuhua.token';

export const session = {
  token(): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null) {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  },
};

export interface Claims {
  role: string;
  region?: string;
  station?: string;
  sub?: string;
  exp?: number;
}

/** What the token says about its bearer, for display only: the gateway verifies it on every request. */
export function claimsOf(token: string | null): Claims | null {
  if (!token) return null;
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as Claims;
    return typeof claims.role === 'string' ? claims : null;
  } catch {
    return null;
  }
}

const MISSING = /The (\w+) subgraph did not answer/;

/** `operationName` picks one operation of a document that holds several (schema/operations/*.graphql as served). */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<Answer<T>> {
  const token = session.token();
  let body: { data?: T | null; errors?: GraphQLError[] };
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables, operationName }),
    });
    body = await response.json();
  } catch (error) {
    return { data: null, errors: [{ message: `The gateway did not answer: ${(error as Error).message}` }], missing: ['gateway'] };
  }
  const errors = body.errors ?? [];
  const missing = [...new Set(errors.map((e) => MISSING.exec(e.message)?.[1]).filter((name): name is string => !!name))];
  return { data: body.data ?? null, errors, missing };
}
