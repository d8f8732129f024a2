// The organizations tier's facts for milestone scorecards: admissions per host in the milestone year
// up to `asOf`, and each county's outcomes and categories up to `asOf`. Aggregated in SQL.
import { factsResolver, nationalFactsResolver, type ContributedFact, type NationalFact } from '../../kit/federation';
import { developmentZoneSql, provinceSql } from '../../kit/identity';
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

// The organizations tier's totals for the national comparison: admissions in the year up to `asOf`, and
// graduations and exits up to `asOf`, per province.
export const IncubationTotalsResolver = nationalFactsResolver('incubationTotals', (ctx, year, asOf) =>
  selectRows<NationalFact<'incubationTotals'>>(
    ctx.em,
    `select ${provinceSql('county_code')} as "provinceCode", ${developmentZoneSql('county_code')} as "developmentZones",
       count(*) filter (where admitted_on >= ? and admitted_on <= least(?::date, ?::date))::int as admitted,
       count(*) filter (where graduated_on <= ?)::int as graduated,
       count(*) filter (where exited_on <= ?)::int as exited
     from incubation
     where admitted_on <= ?
     group by 1, 2`,
    [`${year}-01-01`, `${year}-12-31`, asOf, asOf, asOf, asOf],
  ),
);
