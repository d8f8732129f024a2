// The organizations tier's facts for milestone scorecards: admissions per host in the milestone year
// up to `asOf`, and each county's outcomes and categories up to `asOf`. Aggregated in SQL.
import { factsResolver, type ContributedFact } from '../../kit/federation';
import { sqlArray, selectRows } from '../../kit/runtime';

const likeAny = (prefixes: string[]) => sqlArray(prefixes.map((p) => `${p}%`));

export const AdmissionFactsResolver = factsResolver('admissionFacts', (ctx, year, asOf, prefixes) =>
  selectRows<ContributedFact<'admissionFacts'>>(
    ctx.em,
    `select county_code as "countyCode", host_id as "hostId", host_kind as "hostKind", count(*)::int as admitted
     from incubation
     where county_code like any(?::text[]) and admitted_on between ? and least(?::date, ?::date)
     group by county_code, host_id, host_kind`,
    [likeAny(prefixes), `${year}-01-01`, `${year}-12-31`, asOf],
  ),
);

export const OutcomeFactsResolver = factsResolver('outcomeFacts', (ctx, _year, asOf, prefixes) =>
  selectRows<ContributedFact<'outcomeFacts'>>(
    ctx.em,
    `select i.county_code as "countyCode",
       count(*) filter (where i.graduated_on <= ?)::int as graduated,
       count(*) filter (where i.exited_on <= ?)::int as exited,
       coalesce(array_agg(distinct o.category::text), '{}') as categories
     from incubation i join organization o on o.id = i.organization_id
     where i.county_code like any(?::text[]) and i.admitted_on <= ?
     group by i.county_code`,
    [asOf, asOf, likeAny(prefixes), asOf],
  ),
);
