// Answers cached per operation, variables and signed-in token for the life of the page; the subgraphs a
// mounted view's answers say are missing feed the banner.
import { useEffect, useState } from 'preact/hooks';
import { graphql, session, type Answer } from './api';

const cache = new Map<string, Promise<Answer<any>>>();
const missingByView = new Map<number, string[]>();
const listeners = new Set<() => void>();
let nextId = 1;

export function missingTiers(): string[] {
  return [...new Set([...missingByView.values()].flat())].sort();
}
export function onMissingChange(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
const changed = () => listeners.forEach((l) => l());

export function useQuery<T>(
  query: string,
  variables: Record<string, unknown>,
  enabled = true,
  operationName?: string,
): { data: T | null; loading: boolean; answer?: Answer<T> } {
  const key = JSON.stringify([query, operationName, variables, session.token()]);
  const [state, setState] = useState<{ key: string; answer?: Answer<T> }>({ key });
  const [id] = useState(() => nextId++);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let promise = cache.get(key);
    if (!promise) {
      promise = graphql<T>(query, variables, operationName);
      cache.set(key, promise);
      // A failed answer is not kept: the next visit asks again.
      promise.then((a) => a.errors.length && cache.delete(key));
    }
    promise.then((answer) => {
      if (!live) return;
      setState({ key, answer });
      missingByView.set(id, answer.missing);
      changed();
    });
    return () => {
      live = false;
      missingByView.delete(id);
      changed();
    };
  }, [key, enabled]);
  const answer = state.key === key ? state.answer : undefined;
  return { data: answer?.data ?? null, loading: enabled && !answer, answer };
}
