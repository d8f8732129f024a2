// Every view is a URL: view, milestone, asOf, sort, filters and language live in the query string, so a
// page can be shared, bookmarked and reloaded as it is. The signed-in token never goes into the URL.
import { useEffect, useState } from 'preact/hooks';

export type View = 'overview' | 'table' | 'prefectures' | 'map' | 'county' | 'notices';
export const VIEWS: View[] = ['overview', 'table', 'prefectures', 'map', 'county', 'notices'];
export const YEARS = [2015, 2017, 2020] as const;

export interface Route {
  view: View;
  year: number;
  /** The day the figures stand on; default today. */
  asOf: string;
  sort: string;
  dir: 'asc' | 'desc';
  pref: string;
  status: '' | 'met' | 'atRisk' | 'pending' | 'missed';
  q: string;
  county: string;
  /** The region of the notice board (a province, prefecture or county code). */
  scope: string;
  /** The catalogue's kind filter. */
  kind: string;
  lang: 'zh' | 'en';
}

export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const DEFAULTS = (): Route => ({ view: 'overview', year: 2017, asOf: today(), sort: 'prefecture', dir: 'asc', pref: '', status: '', q: '', county: '', scope: '220000', kind: '', lang: 'zh' });

export function parseRoute(search: string): Route {
  const params = new URLSearchParams(search);
  const d = DEFAULTS();
  const year = Number(params.get('year'));
  const asOf = params.get('asOf') ?? '';
  const view = params.get('view') as View;
  const status = params.get('status') ?? '';
  return {
    view: VIEWS.includes(view) ? view : d.view,
    year: (YEARS as readonly number[]).includes(year) ? year : d.year,
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : d.asOf,
    sort: params.get('sort') || d.sort,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    pref: /^\d{6}$/.test(params.get('pref') ?? '') ? params.get('pref')! : '',
    status: ['met', 'atRisk', 'pending', 'missed'].includes(status) ? (status as Route['status']) : '',
    q: params.get('q') ?? '',
    county: /^\d{6}$/.test(params.get('county') ?? '') ? params.get('county')! : '',
    scope: /^\d{6}$/.test(params.get('scope') ?? '') ? params.get('scope')! : d.scope,
    kind: /^[A-Z_]{1,40}$/.test(params.get('kind') ?? '') ? params.get('kind')! : '',
    lang: params.get('lang') === 'en' ? 'en' : 'zh',
  };
}

/** The query string of a route: only what differs from the defaults (asOf is always written once chosen). */
export function hrefOf(route: Route): string {
  const d = DEFAULTS();
  const params = new URLSearchParams();
  for (const key of Object.keys(d) as (keyof Route)[]) {
    if (route[key] !== d[key] && route[key] !== '') params.set(key, String(route[key]));
  }
  const text = params.toString();
  return text ? `/?${text}` : '/';
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(change: Partial<Route>, replace = false) {
  const next = { ...parseRoute(location.search), ...change };
  const href = hrefOf(next);
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  listeners.forEach((l) => l());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.search));
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return route;
}
