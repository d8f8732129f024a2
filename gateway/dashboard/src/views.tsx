// The five views. Each reads what it shows in one or two operations (data.ts) and renders what it has:
// a part whose tier is down stays empty while the rest shows, and the banner names the tier.
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { claimsOf, graphql, session } from './api';
import { Chart, loadECharts } from './chart';
import {
  COUNTY,
  COUNTY_DESK,
  DESK_PAGES,
  DEVELOPMENT_ZONES,
  OVERVIEW,
  PREFECTURES,
  SCORECARD,
  STATUS_COLORS,
  checkStatus,
  countyStatus,
  type CountyRow,
  type Progress,
  type Status,
} from './data';
import { downloadCsv, downloadXlsx, exportRows, fileName } from './export';
import { enumName, ruleName, type Texts } from './i18n';
import type { PageProps } from './main';
import { useQuery } from './query';
import { navigate } from './state';

const STATUSES: Status[] = ['met', 'atRisk', 'pending', 'missed'];

const Loading = ({ t }: { t: Texts }) => (
  <p class="loading" aria-live="polite">
    {t.loading}
  </p>
);

function Legend({ t }: { t: Texts }) {
  return (
    <ul class="legend" aria-label={t.legend}>
      {STATUSES.map((s) => (
        <li key={s}>
          <span class={`swatch ${s}`} aria-hidden="true" /> {t[s]}
        </li>
      ))}
    </ul>
  );
}

// ---- 全省概览 ---------------------------------------------------------------------------------------

interface OverviewData {
  [key: string]: { milestone: { progress: { year: number; asOf: string; countiesTotal: number; countiesMet: number; atRisk: { county: { code: string } }[] } } } | null;
}

export function Overview({ route, t, lang, milestones }: PageProps) {
  const { data, loading } = useQuery<OverviewData>(OVERVIEW, { asOf: route.asOf });
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">{t.overview}</h2>
      <div class="cards">
        {milestones.map((m) => {
          const progress = data?.[`t${m.year}`]?.milestone.progress;
          const share = progress && progress.countiesTotal ? progress.countiesMet / progress.countiesTotal : 0;
          return (
            <article class="card" key={m.year} data-testid={`card-${m.year}`} data-met={progress?.countiesMet} data-total={progress?.countiesTotal}>
              <h3>
                T{m.year} <span class={`binding ${m.binding}`}>{t[m.binding]}</span>
              </h3>
              <p class="summary">{m.summary}</p>
              <p>
                {t.deadline}: <time>{m.deadline}</time>
              </p>
              {progress ? (
                <>
                  <p class="figure">
                    <strong data-testid="met">{progress.countiesMet}</strong> {t.of} <span data-testid="total">{progress.countiesTotal}</span> {t.countiesMet}
                  </p>
                  <div class="bar" role="progressbar" aria-label={`T${m.year} ${t.countiesMet}`} aria-valuemin={0} aria-valuemax={progress.countiesTotal} aria-valuenow={progress.countiesMet}>
                    <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
                  </div>
                  {route.asOf < m.deadline && (
                    <p>
                      {t.atRisk}: {progress.atRisk.length}
                    </p>
                  )}
                  <p>
                    <a
                      href={`/?view=table&year=${m.year}&asOf=${route.asOf}${lang === 'en' ? '&lang=en' : ''}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ view: 'table', year: m.year });
                      }}
                    >
                      {t.table} →
                    </a>
                  </p>
                </>
              ) : loading ? (
                <Loading t={t} />
              ) : (
                <p class="figure">—</p>
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}

// ---- 达标一览 ---------------------------------------------------------------------------------------

interface ScorecardData {
  province: {
    milestone: {
      year: number;
      deadline: string;
      binding: string;
      countsDevelopmentZones: boolean;
      checks: { rule: string; definition: string; perProvince: boolean }[];
      progress: Progress;
    };
  };
}

function useScorecard(year: number, asOf: string) {
  return useQuery<ScorecardData>(SCORECARD, { year, asOf });
}

const statusOrder: Record<Status, number> = { met: 0, pending: 1, atRisk: 2, missed: 3 };

export function LeagueTable({ route, t, lang, fixedPrefecture }: PageProps & { fixedPrefecture?: string }) {
  const { data, loading } = useScorecard(route.year, route.asOf);
  const zones = useQuery<{ counties: { code: string; name: string; prefecture: { code: string; name: string } }[] }>(DEVELOPMENT_ZONES, {});
  const milestone = data?.province.milestone;
  const progress = milestone?.progress;
  const pref = fixedPrefecture ?? route.pref;

  const prefectures = useMemo(() => {
    const seen = new Map<string, string>();
    for (const row of progress?.counties ?? []) seen.set(row.county.prefecture.code, row.county.prefecture.name);
    return [...seen].sort(([a], [b]) => a.localeCompare(b));
  }, [progress]);

  const rows = useMemo(() => {
    if (!progress || !milestone) return [];
    const q = route.q.trim();
    const filtered = progress.counties.filter(
      (row) =>
        (!pref || row.county.prefecture.code === pref) &&
        (!route.status || countyStatus(row, progress.asOf, milestone.deadline) === route.status) &&
        (!q || row.county.name.includes(q) || row.county.code.includes(q)),
    );
    const key = (row: CountyRow): string | number => {
      if (route.sort === 'name') return row.county.name;
      if (route.sort === 'code') return row.county.code;
      if (route.sort === 'status') return statusOrder[countyStatus(row, progress.asOf, milestone.deadline)];
      if (route.sort.startsWith('rule:')) return row.checks.find((c) => c.rule === route.sort.slice(5))?.actual ?? -1;
      return `${row.county.prefecture.code}${row.county.code}`;
    };
    const sign = route.dir === 'desc' ? -1 : 1;
    return [...filtered].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return sign * order || a.county.code.localeCompare(b.county.code);
    });
  }, [progress, milestone, route.sort, route.dir, route.q, route.status, pref]);

  if (!progress || !milestone) return loading ? <Loading t={t} /> : <p>—</p>;
  // A province check (the national comparison) has no county column.
  const rules = milestone.checks.filter((c) => !c.perProvince).map((c) => c.rule);
  const met = rows.filter((r) => r.met).length;
  const scope = pref || '220000';
  const grouped = route.sort === 'prefecture';
  const header = (key: string, label: string, title?: string) => {
    const active = route.sort === key;
    return (
      <th scope="col" aria-sort={active ? (route.dir === 'asc' ? 'ascending' : 'descending') : undefined} title={title}>
        <button type="button" onClick={() => navigate({ sort: key, dir: active && route.dir === 'asc' ? 'desc' : 'asc' }, true)} data-sort={key}>
          {label} {active ? (route.dir === 'asc' ? '▲' : '▼') : ''}
        </button>
      </th>
    );
  };
  let lastPrefecture = '';
  const devZones = (zones.data?.counties ?? []).filter((z) => !pref || z.prefecture.code === pref);
  return (
    <section aria-labelledby="table-title">
      {!fixedPrefecture && (
        <h2 id="table-title">
          {t.table} · T{milestone.year} · {t.asOf} {progress.asOf}
        </h2>
      )}
      <div class="filters">
        {!fixedPrefecture && (
          <label>
            {t.prefecture}{' '}
            <select value={route.pref} onChange={(e) => navigate({ pref: (e.target as HTMLSelectElement).value }, true)} data-testid="filter-prefecture">
              <option value="">{t.all}</option>
              {prefectures.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t.status}{' '}
          <select value={route.status} onChange={(e) => navigate({ status: (e.target as HTMLSelectElement).value as Status }, true)} data-testid="filter-status">
            <option value="">{t.all}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.search}{' '}
          <input type="search" value={route.q} onInput={(e) => navigate({ q: (e.target as HTMLInputElement).value }, true)} data-testid="search" />
        </label>
        <button type="button" data-testid="export-csv" onClick={() => downloadCsv(exportRows(progress, rows), fileName(milestone.year, scope, progress.asOf, 'csv'))}>
          {t.exportCsv}
        </button>
        <button type="button" data-testid="export-xlsx" onClick={() => downloadXlsx(exportRows(progress, rows), fileName(milestone.year, scope, progress.asOf, 'xlsx'), `T${milestone.year}`)}>
          {t.exportXlsx}
        </button>
      </div>
      <p data-testid="league-summary" data-met={met} data-rows={rows.length}>
        {t.countiesMet}: <strong>{met}</strong> {t.of} {rows.length}
        {!pref && !route.q && !route.status ? ` (${t.totalCounties} ${progress.countiesTotal})` : ''}
      </p>
      <Legend t={t} />
      <div class="scroll">
        <table class="league" data-testid="league" data-year={milestone.year} data-as-of={progress.asOf}>
          <caption class="visually-hidden">
            {t.table} T{milestone.year} {progress.asOf}
          </caption>
          <thead>
            <tr>
              {header('name', t.county_)}
              {header('prefecture', t.prefecture)}
              {header('status', t.status)}
              {rules.map((rule) => header(`rule:${rule}`, ruleName(rule, lang), milestone.checks.find((c) => c.rule === rule)?.definition))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const status = countyStatus(row, progress.asOf, milestone.deadline);
              const group = grouped && row.county.prefecture.code !== lastPrefecture;
              lastPrefecture = row.county.prefecture.code;
              const inGroup = grouped ? rows.filter((r) => r.county.prefecture.code === row.county.prefecture.code) : [];
              return (
                <Fragment key={row.county.code}>
                  {group && (
                    <tr class="group" key={`g${row.county.prefecture.code}`}>
                      <th scope="rowgroup" colSpan={3 + rules.length}>
                        {row.county.prefecture.name} · {inGroup.filter((r) => r.met).length}/{inGroup.length}
                      </th>
                    </tr>
                  )}
                  <tr key={row.county.code} data-county={row.county.code} data-status={status}>
                    <th scope="row">
                      <a
                        href={`/?view=county&county=${row.county.code}&year=${milestone.year}&asOf=${progress.asOf}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate({ view: 'county', county: row.county.code });
                        }}
                      >
                        {row.county.name}
                      </a>
                    </th>
                    <td>{row.county.prefecture.name}</td>
                    <td class={`status ${status}`}>{t[status]}</td>
                    {rules.map((rule) => {
                      const check = row.checks.find((c) => c.rule === rule);
                      if (!check) return <td key={rule}>—</td>;
                      const s = checkStatus(check, progress.asOf, milestone.deadline);
                      return (
                        <td key={rule} class={`cell ${s}`} title={`${check.definition}${check.projected !== null ? ` · → ${check.projected}` : ''}`} data-rule={rule} data-actual={check.actual}>
                          {check.actual} / {check.required}
                          <span class="visually-hidden"> {t[s]}</span>
                        </td>
                      );
                    })}
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {devZones.length > 0 && (
        <details class="zones" data-testid="development-zones">
          <summary>
            {milestone.countsDevelopmentZones ? t.devZonesCounted : t.devZones} ({devZones.length})
          </summary>
          <ul>
            {devZones.map((z) => (
              <li key={z.code}>
                {z.name} ({z.prefecture.name}, {z.code})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

// ---- 市州汇总 ---------------------------------------------------------------------------------------

interface PrefectureData {
  province: { prefectures: { code: string; name: string; milestoneProgress: { countiesTotal: number; countiesMet: number } }[] };
}

export function Prefectures(props: PageProps) {
  const { route, t } = props;
  const { data, loading } = useQuery<PrefectureData>(PREFECTURES, { year: route.year, asOf: route.asOf });
  const prefectures = data?.province.prefectures ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      xAxis: { type: 'category', data: prefectures.map((p) => p.name), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', max: 100, name: '%' },
      series: [
        {
          type: 'bar',
          name: t.share,
          data: prefectures.map((p) => ({
            value: p.milestoneProgress.countiesTotal ? Math.round((1000 * p.milestoneProgress.countiesMet) / p.milestoneProgress.countiesTotal) / 10 : 0,
            itemStyle: { color: p.code === route.pref ? '#0b4f8a' : '#4a89c8' },
          })),
        },
      ],
    }),
    [prefectures, route.pref, t],
  );
  const selected = prefectures.find((p) => p.code === route.pref);
  return (
    <section aria-labelledby="prefectures-title">
      <h2 id="prefectures-title">
        {t.prefectures} · T{route.year}
      </h2>
      {loading && <Loading t={t} />}
      {prefectures.length > 0 && (
        <>
          <p>{t.clickPrefecture}</p>
          <Chart
            option={option}
            label={`${t.prefectures} T${route.year} ${t.share}`}
            testId="prefecture-chart"
            onClick={(name) => {
              const p = prefectures.find((x) => x.name === name);
              if (p) navigate({ pref: p.code });
            }}
          />
          <details>
            <summary>{t.dataTable}</summary>
            <table class="data" data-testid="prefecture-table">
              <thead>
                <tr>
                  <th scope="col">{t.prefecture}</th>
                  <th scope="col">{t.countiesMet}</th>
                  <th scope="col">{t.share}</th>
                </tr>
              </thead>
              <tbody>
                {prefectures.map((p) => (
                  <tr key={p.code} data-prefecture={p.code}>
                    <th scope="row">
                      <button type="button" class="link" onClick={() => navigate({ pref: p.code })}>
                        {p.name}
                      </button>
                    </th>
                    <td>
                      {p.milestoneProgress.countiesMet}/{p.milestoneProgress.countiesTotal}
                    </td>
                    <td>{p.milestoneProgress.countiesTotal ? Math.round((100 * p.milestoneProgress.countiesMet) / p.milestoneProgress.countiesTotal) : 0}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
      {selected && (
        <div data-testid="prefecture-counties" data-prefecture={selected.code}>
          <h3>{selected.name}</h3>
          <LeagueTable {...props} fixedPrefecture={selected.code} />
        </div>
      )}
    </section>
  );
}

// ---- 县区地图 ---------------------------------------------------------------------------------------

let geometry: Promise<{ features: { properties: { name: string } }[] }> | undefined;

export function MapView({ route, t, lang }: PageProps) {
  const { data, loading } = useScorecard(route.year, route.asOf);
  const [names, setNames] = useState<Set<string> | null>(null);
  useEffect(() => {
    geometry ??= fetch('/geo/jilin-counties.json').then((r) => r.json());
    Promise.all([geometry, loadECharts()]).then(([geo, { registerMap }]) => {
      registerMap('jilin-counties', geo as any);
      setNames(new Set(geo.features.map((f) => f.properties.name)));
    });
  }, []);
  const milestone = data?.province.milestone;
  const progress = milestone?.progress;
  const option = useMemo(() => {
    if (!progress || !milestone || !names) return null;
    return {
      tooltip: { trigger: 'item', formatter: (p: any) => `${p.name}: ${p.data ? t[p.data.status as Status] : '—'}` },
      series: [
        {
          type: 'map',
          map: 'jilin-counties',
          roam: true,
          label: { show: false },
          emphasis: { label: { show: true } },
          itemStyle: { borderColor: '#fff', borderWidth: 0.5, areaColor: '#ddd' },
          data: progress.counties.map((row) => {
            const status = countyStatus(row, progress.asOf, milestone.deadline);
            return { name: row.county.name, code: row.county.code, status, itemStyle: { areaColor: STATUS_COLORS[status] } };
          }),
        },
      ],
    };
  }, [progress, milestone, names, t]);
  const unmatched = progress && names ? progress.counties.filter((row) => !names.has(row.county.name)) : [];
  return (
    <section aria-labelledby="map-title">
      <h2 id="map-title">
        {t.map} · T{route.year} · {t.asOf} {route.asOf}
      </h2>
      <p class="note">{t.mapNote}</p>
      <Legend t={t} />
      {(loading || !names) && <Loading t={t} />}
      {option && (
        <Chart
          option={option}
          height={560}
          label={`${t.map} T${route.year}`}
          testId="county-map"
          onClick={(_name, item) => item?.code && navigate({ view: 'county', county: item.code })}
        />
      )}
      {unmatched.length > 0 && (
        <p>
          {t.unmatched}: {unmatched.map((row) => row.county.name).join(lang === 'zh' ? '、' : ', ')}
        </p>
      )}
    </section>
  );
}

// ---- 县区详情 ---------------------------------------------------------------------------------------

interface CountyData {
  county: {
    code: string;
    name: string;
    kind: string;
    statutory: boolean;
    prefecture: { code: string; name: string };
    incubationCenter: { id: string; name: string; establishedOn: string; constructionMode: string; operationMode: string; operator: string } | null;
    towns: { code: string; name: string; isLarge: boolean; station: { id: string; name: string; establishedOn: string } | null }[] | null;
    stations: { id: string; name: string; establishedOn: string; town: { code: string; name: string } }[] | null;
    centerYears: { year: number; open: boolean }[] | null;
    stationYears: { year: number; stations: number; largeTownStations: number }[] | null;
    incubationYears: { year: number; admitted: number; admittedByCenter: number; admittedByStations: number; graduated: number; exited: number; incubatingAtYearEnd: number }[] | null;
  } | null;
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}
interface QueuedApplication {
  id: string;
  status: string;
  hostKind: string;
  submittedOn: string;
  noticeFrom: string | null;
  noticeTo: string | null;
  organization: { id: string; name: string; founderName: string | null };
}
interface QueuedIncubation {
  id: string;
  hostKind: string;
  admittedOn: string;
  plannedEndOn: string;
  organization: { id: string; name: string };
}
interface DueEvaluation {
  period: string;
  periodEnd: string;
  incubation: { id: string; hostKind: string; organization: { id: string; name: string } };
}
interface DeskData {
  applicationQueue: Page<QueuedApplication> | null;
  readyToAdmit: { totalCount: number } | null;
  incubationQueue: Page<QueuedIncubation> | null;
  evaluationsDue: Page<DueEvaluation> | null;
}
type QueueName = keyof typeof DESK_PAGES;

function Trend({ id, title, years, series, t }: { id: string; title: string; years: number[]; series: { name: string; data: number[]; type?: 'line' | 'bar' }[]; t: Texts }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: s.type ?? 'line', name: s.name, data: s.data })),
    }),
    [years, series],
  );
  return (
    <figure class="trend" data-testid={`trend-${id}`}>
      <figcaption>{title}</figcaption>
      <Chart option={option} label={title} height={260} />
      <details>
        <summary>{t.dataTable}</summary>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t.year}</th>
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((year, i) => (
              <tr key={year} data-year={year}>
                <th scope="row">{year}</th>
                {series.map((s) => (
                  <td key={s.name}>{s.data[i]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/**
 * One work queue of the desk: the first page from the desk's query, later pages on request (the
 * queue's own query with the cursor), with how many there are in all.
 */
function Queue<T>({ name, first, variables, testId, title, t, children }: {
  name: QueueName;
  first: Page<T> | null;
  variables: Record<string, unknown>;
  testId: string;
  title: string;
  t: Texts;
  children: (rows: T[]) => preact.ComponentChildren;
}) {
  const [pages, setPages] = useState<Page<T>[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => setPages([]), [first]);
  if (!first) return null;
  const last = pages[pages.length - 1] ?? first;
  const rows = [first, ...pages].flatMap((p) => p.nodes);
  const more = async () => {
    setBusy(true);
    const answer = await graphql<Record<QueueName, Page<T>>>(DESK_PAGES[name], { ...variables, after: last.pageInfo.endCursor });
    setBusy(false);
    const next = answer.data?.[name];
    if (next) setPages((had) => [...had, next]);
  };
  return (
    <section aria-labelledby={`${testId}-title`} data-testid={testId} data-count={first.totalCount}>
      <h3 id={`${testId}-title`}>
        {title} ({first.totalCount})
      </h3>
      {rows.length ? children(rows) : <p>{t.none}</p>}
      {first.totalCount > first.nodes.length && <p class="note">{t.shownOf(rows.length, first.totalCount)}</p>}
      {last.pageInfo.hasNextPage && (
        <button type="button" onClick={more} disabled={busy} data-testid={`${testId}-more`}>
          {t.more}
        </button>
      )}
    </section>
  );
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function Desk({ code, t, lang }: { code: string; t: Texts; lang: PageProps['lang'] }) {
  // The queues stand on today; "ending soon" looks 90 days ahead.
  const [today] = useState(() => isoDay(new Date()));
  const endingBy = useMemo(() => isoDay(new Date(Date.parse(today) + 90 * 86_400_000)), [today]);
  const { data, loading } = useQuery<DeskData>(COUNTY_DESK, { code, today, endingBy });
  if (loading) return <Loading t={t} />;
  const ready = data?.readyToAdmit?.totalCount ?? 0;
  return (
    <>
      <Queue name="applicationQueue" first={data?.applicationQueue ?? null} variables={{ code }} testId="pending-applications" title={t.pendingApplications} t={t}>
        {(rows: QueuedApplication[]) => (
          <>
            {ready > 0 && (
              <p data-testid="ready-to-admit" data-count={ready}>
                {ready} · {t.readyToAdmit}
              </p>
            )}
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t.organization}</th>
                  <th scope="col">{t.founder}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.submittedOn}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id} data-application={a.id}>
                    <th scope="row">{a.organization.name}</th>
                    <td>{a.organization.founderName ?? '—'}</td>
                    <td>
                      {enumName(a.status, lang)} · {enumName(a.hostKind, lang)}
                      {a.noticeFrom ? ` ${a.noticeFrom}–${a.noticeTo}` : ''}
                    </td>
                    <td>{a.submittedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Queue>
      <Queue name="incubationQueue" first={data?.incubationQueue ?? null} variables={{ code, endingBy }} testId="ending-incubations" title={t.endingSoon} t={t}>
        {(rows: QueuedIncubation[]) => (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t.organization}</th>
                <th scope="col">{t.admittedOn}</th>
                <th scope="col">{t.plannedEndOn}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id} data-incubation={i.id}>
                  <th scope="row">
                    {i.organization.name} · {enumName(i.hostKind, lang)}
                  </th>
                  <td>{i.admittedOn}</td>
                  <td>{i.plannedEndOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Queue>
      <Queue name="evaluationsDue" first={data?.evaluationsDue ?? null} variables={{ code, today }} testId="overdue-evaluations" title={t.overdueEvaluations} t={t}>
        {(rows: DueEvaluation[]) => (
          <ul>
            {rows.map((o) => (
              <li key={`${o.incubation.id}-${o.period}`}>
                {o.incubation.organization.name} · {enumName(o.incubation.hostKind, lang)} · {o.period} ({o.periodEnd})
              </li>
            ))}
          </ul>
        )}
      </Queue>
    </>
  );
}

export function CountyPage({ route, t, lang }: PageProps) {
  const scorecard = useScorecard(route.year, route.asOf);
  const counties = scorecard.data?.province.milestone.progress.counties ?? [];
  const code = route.county;
  const { data, loading } = useQuery<CountyData>(COUNTY, { code, asOf: route.asOf }, !!code);
  const county = data?.county;
  const claims = claimsOf(session.token());
  const own = claims && claims.role !== 'public' && claims.role !== 'analyst';
  const row = counties.find((c) => c.county.code === code);
  const milestone = scorecard.data?.province.milestone;
  const status = row && milestone ? countyStatus(row, milestone.progress.asOf, milestone.deadline) : undefined;
  const incubation = county?.incubationYears ?? [];
  const stationYears = county?.stationYears ?? [];
  const centerYears = county?.centerYears ?? [];
  const largeTowns = (county?.towns ?? []).filter((town) => town.isLarge);
  const largeStationIds = new Set(largeTowns.map((town) => town.station?.id).filter(Boolean));
  const otherStations = (county?.stations ?? []).filter((s) => !largeStationIds.has(s.id));
  return (
    <section aria-labelledby="county-title">
      <h2 id="county-title">
        {t.county}
        {county ? ` · ${county.name}` : ''}
      </h2>
      <label>
        {t.county_}{' '}
        <select value={code} onChange={(e) => navigate({ county: (e.target as HTMLSelectElement).value })} data-testid="pick-county">
          <option value="">—</option>
          {counties.map((c) => (
            <option key={c.county.code} value={c.county.code}>
              {c.county.prefecture.name} · {c.county.name}
            </option>
          ))}
        </select>
      </label>
      {!code && <p>{t.pickCounty}</p>}
      {code && loading && <Loading t={t} />}
      {code && !loading && !county && <p>{t.notFound}</p>}
      {county && (
        <div class="county" data-testid="county" data-county={county.code}>
          <p>
            {county.prefecture.name} · {county.code}
            {status && (
              <>
                {' '}
                · T{route.year}: <span class={`status ${status}`}>{t[status]}</span>
              </>
            )}
          </p>
          <div class="columns">
            <section aria-labelledby="center-title" data-testid="center">
              <h3 id="center-title">{t.center}</h3>
              {county.incubationCenter ? (
                <dl>
                  <dt>{t.center}</dt>
                  <dd data-testid="center-name">{county.incubationCenter.name}</dd>
                  <dt>{t.opened}</dt>
                  <dd>{county.incubationCenter.establishedOn}</dd>
                  <dt>{t.construction}</dt>
                  <dd>{enumName(county.incubationCenter.constructionMode, lang)}</dd>
                  <dt>{t.operation}</dt>
                  <dd>{enumName(county.incubationCenter.operationMode, lang)}</dd>
                  <dt>{t.operator}</dt>
                  <dd>{county.incubationCenter.operator}</dd>
                </dl>
              ) : (
                <p>{county.incubationCenter === null ? t.noCenter : '—'}</p>
              )}
            </section>
            <section aria-labelledby="towns-title" data-testid="towns">
              <h3 id="towns-title">{t.largeTowns}</h3>
              <ul>
                {largeTowns.map((town) => (
                  <li key={town.code}>
                    {town.name}: {town.station ? `${town.station.name} (${town.station.establishedOn})` : t.noStation}
                  </li>
                ))}
              </ul>
              {otherStations.length > 0 && (
                <>
                  <h4>{t.otherStations}</h4>
                  <ul>
                    {otherStations.map((s) => (
                      <li key={s.id}>
                        {s.town.name}: {s.name} ({s.establishedOn})
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          </div>
          <h3>{t.trends}</h3>
          <div class="trends">
            {incubation.length > 0 && (
              <Trend
                id="incubations"
                t={t}
                title={`${t.admittedByCenter} / ${t.admittedByStations} / ${t.graduated}`}
                years={incubation.map((y) => y.year)}
                series={[
                  { name: t.admittedByCenter, data: incubation.map((y) => y.admittedByCenter), type: 'bar' },
                  { name: t.admittedByStations, data: incubation.map((y) => y.admittedByStations), type: 'bar' },
                  { name: t.graduated, data: incubation.map((y) => y.graduated) },
                ]}
              />
            )}
            {stationYears.length > 0 && (
              <Trend
                id="stations"
                t={t}
                title={t.stations}
                years={stationYears.map((y) => y.year)}
                series={[
                  { name: t.stations, data: stationYears.map((y) => y.stations) },
                  { name: t.largeTownStations, data: stationYears.map((y) => y.largeTownStations) },
                ]}
              />
            )}
            {centerYears.length > 0 && (
              <Trend id="center" t={t} title={t.centerOpen} years={centerYears.map((y) => y.year)} series={[{ name: t.centerOpen, data: centerYears.map((y) => (y.open ? 1 : 0)), type: 'bar' }]} />
            )}
          </div>
          {own && <Desk code={county.code} t={t} lang={lang} />}
        </div>
      )}
    </section>
  );
}
