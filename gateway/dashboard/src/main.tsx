// The provincial dashboard: overview, league table, prefectures, map and county pages over the gateway's
// /graphql, every view a URL (state.ts), Chinese by default with an English switch (i18n.ts).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { claimsOf, session } from './api';
import { MILESTONES, type Milestone } from './data';
import { DICTS, ROLE_NAMES, TIERS, type Lang, type Texts } from './i18n';
import { missingTiers, onMissingChange, useQuery } from './query';
import { YEARS, navigate, today, useRoute, type Route, type View } from './state';
import './style.css';
import { NoticeBoard } from './notices';
import { CountyPage, LeagueTable, MapView, Overview, Prefectures } from './views';

export interface PageProps {
  route: Route;
  t: Texts;
  lang: Lang;
  milestones: Milestone[];
}

function Banner({ lang, t }: { lang: Lang; t: Texts }) {
  const [tiers, setTiers] = useState(missingTiers());
  useEffect(() => onMissingChange(() => setTiers(missingTiers())), []);
  if (!tiers.length) return null;
  return (
    <div class="banner" role="alert" data-testid="degraded" data-tiers={tiers.join(',')}>
      {t.banner(tiers.map((tier) => TIERS[tier]?.[lang] ?? tier).join(lang === 'zh' ? '、' : ', '))}
    </div>
  );
}

function SignIn({ t, lang, onChange }: { t: Texts; lang: Lang; onChange: () => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const claims = claimsOf(session.token());
  const role = claims ? ROLE_NAMES[claims.role] : undefined;
  return (
    <div class="signin">
      <p data-testid="who">
        {claims ? (
          <>
            <strong>{role?.[lang] ?? claims.role}</strong>
            {claims.region ? ` · ${claims.region}` : ''} — {t.mayRead}: {role?.reads[lang]}
          </>
        ) : (
          t.publicView
        )}
      </p>
      {claims ? (
        <button type="button" onClick={() => (session.set(null), onChange())}>
          {t.signOut}
        </button>
      ) : (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t.signIn}
        </button>
      )}
      {open && !claims && (
        <form
          class="token"
          onSubmit={(event) => {
            event.preventDefault();
            if (!claimsOf(text.trim())) return;
            session.set(text.trim());
            setOpen(false);
            setText('');
            onChange();
          }}
        >
          <label for="token">{t.pasteToken}</label>
          <textarea id="token" rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          <button type="submit">{t.signIn}</button>
        </form>
      )}
    </div>
  );
}

const TABS: View[] = ['overview', 'table', 'prefectures', 'map', 'county', 'notices'];

function App() {
  const route = useRoute();
  const [, setSession] = useState(0);
  const lang = route.lang;
  const t = DICTS[lang];
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t[route.view]} · ${t.title}`;
  }, [lang, route.view]);
  const meta = useQuery<{ milestones: Milestone[] }>(MILESTONES, {});
  const milestones = meta.data?.milestones ?? [];
  const props: PageProps = { route, t, lang, milestones };
  return (
    <>
      <header>
        <div class="brand">
          <h1>{t.title}</h1>
          <p>{t.subtitle}</p>
        </div>
        <div class="tools">
          <button type="button" class="lang" onClick={() => navigate({ lang: lang === 'zh' ? 'en' : 'zh' }, true)} lang={lang === 'zh' ? 'en' : 'zh'}>
            {t.language}
          </button>
          <a href="/graphiql">{t.workbench}</a>
          <SignIn t={t} lang={lang} onChange={() => setSession((n) => n + 1)} />
        </div>
      </header>
      <nav aria-label={t.title}>
        <ul>
          {TABS.map((view) => (
            <li key={view}>
              <a
                href={`/?view=${view}`}
                aria-current={route.view === view ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ view });
                }}
              >
                {t[view]}
              </a>
            </li>
          ))}
        </ul>
        <div class="controls">
          {route.view !== 'overview' && route.view !== 'notices' && (
            <label>
              {t.milestone}{' '}
              <select value={route.year} onChange={(e) => navigate({ year: Number((e.target as HTMLSelectElement).value) })} data-testid="year">
                {YEARS.map((year) => (
                  <option key={year} value={year}>
                    T{year}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t.asOf}{' '}
            <input
              type="date"
              value={route.asOf}
              min="2014-01-01"
              max={`${new Date().getFullYear() + 1}-12-31`}
              data-testid="asOf"
              onChange={(e) => {
                const value = (e.target as HTMLInputElement).value;
                navigate({ asOf: value || today() });
              }}
            />
          </label>
        </div>
      </nav>
      <Banner lang={lang} t={t} />
      <main id="main">
        {route.view === 'overview' && <Overview {...props} />}
        {route.view === 'table' && <LeagueTable {...props} />}
        {route.view === 'prefectures' && <Prefectures {...props} />}
        {route.view === 'map' && <MapView {...props} />}
        {route.view === 'county' && <CountyPage {...props} />}
        {route.view === 'notices' && <NoticeBoard {...props} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
