// The organizations tier's facts for milestone scorecards, one row per county, added up in SQL: the
// admissions of the milestone year up to `asOf` (in all, by the center, by each station), and the
// outcomes and categories up to `asOf`.
import { factsResolver, inScopes, nationalFactsResolver, type ContributedFact, type NationalFact } from '../../kit/federation';
import { developmentZoneSql, provinceSql } from '../../kit/identity';
import { selectRows, sqlArray } from '../../kit/runtime';

export const AdmissionFactsResolver = factsResolver('admissionFacts', (ctx, year, asOf, prefixes) => {
  const scope = inScopes('county_code', prefixes);
  // Per host first, then per county; the station lists are parallel (both ordered by host id).
  return selectRows<ContributedFact<'admissionFacts'>>(
    ctx.em,
    `select county_code as "countyCode", sum(n)::int as admitted,
       coalesce(sum(n) filter (where host_kind = 'CENTER'), 0)::int as "admittedByCenter",
       coalesce(array_agg(host_id::text order by host_id) filter (where host_kind = 'STATION'), '{}') as "stationIds",
       coalesce(array_agg(n order by host_id) filter (where host_kind = 'STATION'), '{}') as "stationAdmitted"
     from (select county_code, host_id, host_kind, count(*)::int as n
           from incubation
           where ${scope.sql} and admitted_on between ? and least(?::date, ?::date)
           group by county_code, host_id, host_kind) admissions
     group by county_code`,
    [...scope.params, `${year}-01-01`, `${year}-12-31`, asOf],
  );
});

export const OutcomeFactsResolver = factsResolver('outcomeFacts', (ctx, _year, asOf, prefixes, { checkedCategories }) => {
  const scope = inScopes('i.county_code', prefixes);
  // Categories only when a check names some (T2020), and only those: T2015/T2017 need no organization.
  // Without the province's list (an older supergraph), every category.
  const categories = checkedCategories ?? null;
  if (categories?.length === 0) {
    return selectRows<ContributedFact<'outcomeFacts'>>(
      ctx.em,
      `select i.county_code as "countyCode",
         count(*) filter (where i.graduated_on <= ?)::int as graduated,
         count(*) filter (where i.exited_on <= ?)::int as exited,
         '{}'::text[] as categories
       from incubation i
       where ${scope.sql} and i.admitted_on <= ?
       group by i.county_code`,
      [asOf, asOf, ...scope.params, asOf],
    );
  }
  return selectRows<ContributedFact<'outcomeFacts'>>(
    ctx.em,
    `select i.county_code as "countyCode",
       count(*) filter (where i.graduated_on <= ?)::int as graduated,
       count(*) filter (where i.exited_on <= ?)::int as exited,
       coalesce(array_agg(distinct o.category::text) filter (where ?::text[] is null or o.category::text = any(?::text[])), '{}') as categories
     from incubation i join organization o on o.id = i.organization_id
     where ${scope.sql} and i.admitted_on <= ?
     group by i.county_code`,
    [asOf, asOf, categories && sqlArray(categories), categories && sqlArray(categories), ...scope.params, asOf],
  );
});

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
