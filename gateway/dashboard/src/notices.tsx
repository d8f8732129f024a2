// 公示栏, the notice board: applications in their public notice 公示 on the page's date in the chosen
// region, and the published catalogue 信息发布 (F5). Everything here is public: it reads as anyone does,
// with the operations of schema/operations/public.graphql, and pages on with their cursors.
import { useEffect, useState } from 'preact/hooks';
import PUBLIC from '../../../schema/operations/public.graphql?raw';
import { enumName, type Lang, type Texts } from './i18n';
import type { PageProps } from './main';
import { useQuery } from './query';
import { navigate } from './state';

const REGIONS = `query DashboardRegions {
  province(code: "220000") { code name prefectures { code name counties { code name } } }
}`;

interface Regions {
  province: { code: string; name: string; prefectures: { code: string; name: string; counties: { code: string; name: string }[] }[] } | null;
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

interface Notice {
  id: string;
  organizationName: string;
  category: string;
  hostKind: string;
  center: { name: string } | null;
  station: { name: string; town: { name: string } } | null;
  county: { code: string; name: string } | null;
  noticeFrom: string;
  noticeTo: string;
  howToObject: string;
}

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  publishedOn: string;
  publisherLevel: string;
  regionCode: string;
  county: { name: string } | null;
  center: { name: string } | null;
  station: { name: string } | null;
}

const KINDS = ['POLICY', 'SERVICE_PURCHASE', 'RESULT', 'EVALUATION', 'ACTIVITY', 'OTHER'];

/** The pages asked for so far: the first (no cursor), then one per "load more". */
function usePages(reset: string): [(string | null)[], (cursor: string) => void] {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  useEffect(() => setCursors([null]), [reset]);
  return [cursors, (cursor) => setCursors((list) => [...list, cursor])];
}

function NoticePage({ scope, asOf, after, last, onMore, t, lang }: { scope: string; asOf: string; after: string | null; last: boolean; onMore: (c: string) => void; t: Texts; lang: Lang }) {
  const { data, loading } = useQuery<{ publicNotices: Page<Notice> }>(PUBLIC, { scope, asOf, first: 20, after }, true, 'PublicNotices');
  const page = data?.publicNotices;
  if (loading) return <tr><td colSpan={6}>{t.loading}</td></tr>;
  if (!page) return null;
  return (
    <>
      {after === null && page.nodes.length === 0 && (
        <tr>
          <td colSpan={6}>{t.noticesNone}</td>
        </tr>
      )}
      {page.nodes.map((n) => (
        <tr key={n.id} data-testid="notice" data-id={n.id}>
          <th scope="row">{n.organizationName}</th>
          <td>{enumName(n.category, lang)}</td>
          <td>{n.center?.name ?? (n.station ? `${n.station.town.name} · ${n.station.name}` : enumName(n.hostKind, lang))}</td>
          <td>{n.county?.name ?? '—'}</td>
          <td class="nowrap">
            {n.noticeFrom} – {n.noticeTo}
          </td>
          <td class="object">{n.howToObject}</td>
        </tr>
      ))}
      {last && page.pageInfo.hasNextPage && (
        <tr>
          <td colSpan={6}>
            <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)} data-testid="more-notices">
              {t.more}
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

function ItemPage({ scope, kind, after, last, onMore, t, lang }: { scope: string; kind: string; after: string | null; last: boolean; onMore: (c: string) => void; t: Texts; lang: Lang }) {
  const { data, loading } = useQuery<{ publishedItems: Page<Item> }>(PUBLIC, { scope, kind: kind || null, enclosing: true, first: 20, after }, true, 'PublishedItems');
  const page = data?.publishedItems;
  if (loading) return <li>{t.loading}</li>;
  if (!page) return null;
  return (
    <>
      {after === null && page.nodes.length === 0 && <li>{t.catalogueNone}</li>}
      {page.nodes.map((item) => (
        <li key={item.id} data-testid="item" data-id={item.id}>
          <h4>
            {item.link ? (
              <a href={item.link} rel="noopener noreferrer" target="_blank">
                {item.title}
              </a>
            ) : (
              item.title
            )}
          </h4>
          <p class="note">
            {enumName(item.kind, lang)} · {t.publisher}: {item.center?.name ?? item.station?.name ?? item.county?.name ?? `${enumName(item.publisherLevel, lang)} ${item.regionCode}`} ·{' '}
            {t.publishedOn} {item.publishedOn}
          </p>
          <p>{item.body}</p>
        </li>
      ))}
      {last && page.pageInfo.hasNextPage && (
        <li>
          <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)} data-testid="more-items">
            {t.more}
          </button>
        </li>
      )}
    </>
  );
}

function Total({ query, variables, field, t }: { query: string; variables: Record<string, unknown>; field: 'publicNotices' | 'publishedItems'; t: Texts }) {
  const name = field === 'publicNotices' ? 'PublicNotices' : 'PublishedItems';
  const { data } = useQuery<Record<string, Page<unknown>>>(query, variables, true, name);
  const total = data?.[field]?.totalCount;
  return total === undefined ? null : <span class="note" data-testid={`${field}-total`}>{` ${t.total} ${total}`}</span>;
}

export function NoticeBoard({ route, t, lang }: PageProps) {
  const regions = useQuery<Regions>(REGIONS, {}).data?.province;
  const { scope, asOf, kind } = route;
  const [notices, moreNotices] = usePages(`${scope}|${asOf}`);
  const [items, moreItems] = usePages(`${scope}|${kind}`);
  return (
    <section aria-labelledby="notices-title" class="notices">
      <h2 id="notices-title">{t.notices}</h2>
      <div class="filters">
        <label>
          {t.scope}{' '}
          <select value={scope} onChange={(e) => navigate({ scope: (e.target as HTMLSelectElement).value })} data-testid="scope">
            <option value="220000">{regions?.name ?? t.wholeProvince}</option>
            {regions?.prefectures.map((p) => (
              <optgroup key={p.code} label={p.name}>
                <option value={p.code}>{p.name}</option>
                {p.counties.map((c) => (
                  <option key={c.code} value={c.code}>
                    {p.name} · {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      <section aria-labelledby="in-notice-title">
        <h3 id="in-notice-title">
          {t.noticesTitle} · {asOf}
          <Total query={PUBLIC} variables={{ scope, asOf, first: 20, after: null }} field="publicNotices" t={t} />
        </h3>
        <p class="note">{t.noticesIntro}</p>
        <div class="scroll">
          <table data-testid="notices">
            <thead>
              <tr>
                <th scope="col">{t.organization}</th>
                <th scope="col">{t.category}</th>
                <th scope="col">{t.host}</th>
                <th scope="col">{t.county_}</th>
                <th scope="col">{t.noticePeriod}</th>
                <th scope="col">{t.howToObject}</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((after, i) => (
                <NoticePage key={`${after}`} scope={scope} asOf={asOf} after={after} last={i === notices.length - 1} onMore={moreNotices} t={t} lang={lang} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="catalogue-title">
        <h3 id="catalogue-title">
          {t.catalogueTitle}
          <Total query={PUBLIC} variables={{ scope, kind: kind || null, enclosing: true, first: 20, after: null }} field="publishedItems" t={t} />
        </h3>
        <p class="note">{t.catalogueIntro}</p>
        <label>
          {t.kind}{' '}
          <select value={kind} onChange={(e) => navigate({ kind: (e.target as HTMLSelectElement).value })} data-testid="kind">
            <option value="">{t.all}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {enumName(k, lang)}
              </option>
            ))}
          </select>
        </label>
        <ul class="catalogue" data-testid="catalogue">
          {items.map((after, i) => (
            <ItemPage key={`${after}`} scope={scope} kind={kind} after={after} last={i === items.length - 1} onMore={moreItems} t={t} lang={lang} />
          ))}
        </ul>
      </section>
    </section>
  );
}
