// The centers tier's facts for milestone scorecards: how many centers each county had open on `asOf`.
// One SQL statement, counted per county, rows as plain objects.
import { factsResolver, inScopes, nationalFactsResolver, type ContributedFact, type NationalFact } from '../../kit/federation';
import { developmentZoneSql, provinceSql } from '../../kit/identity';
import { selectRows } from '../../kit/runtime';

export const CenterFactsResolver = factsResolver('centerFacts', (ctx, _year, asOf, prefixes) => {
  const scope = inScopes('county_code', prefixes);
  return selectRows<ContributedFact<'centerFacts'>>(
    ctx.em,
    `select county_code as "countyCode", count(*)::int as open
     from incubation_center
     where ${scope.sql} and established_on <= ? and (closed_on is null or closed_on > ?)
     group by county_code`,
    [...scope.params, asOf, asOf],
  );
});

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
