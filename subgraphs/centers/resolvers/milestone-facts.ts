// The centers tier's facts for milestone scorecards: which center each county had open on `asOf`.
// One SQL statement, rows as plain objects: loading entities into the identity map cost more than the
// query at national scale.
import { factsResolver, nationalFactsResolver, type ContributedFact, type NationalFact } from '../../kit/federation';
import { developmentZoneSql, provinceSql } from '../../kit/identity';
import { selectRows, sqlArray } from '../../kit/runtime';

export const CenterFactsResolver = factsResolver('centerFacts', (ctx, _year, asOf, prefixes) =>
  selectRows<ContributedFact<'centerFacts'>>(
    ctx.em,
    `select county_code as "countyCode", id as "centerId", to_char(established_on, 'YYYY-MM-DD') as "establishedOn"
     from incubation_center
     where county_code like any(?::text[]) and established_on <= ? and (closed_on is null or closed_on > ?)`,
    [sqlArray(prefixes.map((p) => `${p}%`)), asOf, asOf],
  ),
);

// The centers tier's totals for the national comparison: counties with a center open on `asOf`, per province.
export const CenterTotalsResolver = nationalFactsResolver('centerTotals', (ctx, _year, asOf) =>
  selectRows<NationalFact<'centerTotals'>>(
    ctx.em,
    `select ${provinceSql('county_code')} as "provinceCode", ${developmentZoneSql('county_code')} as "developmentZones",
       count(distinct county_code)::int as "countiesWithCenter"
     from incubation_center
     where established_on <= ? and (closed_on is null or closed_on > ?)
     group by 1, 2`,
    [asOf, asOf],
  ),
);
