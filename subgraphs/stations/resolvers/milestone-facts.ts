// The stations tier's facts for milestone scorecards: per county, the stations open on `asOf` in towns
// designated larger 较大的街道(镇) on that day (those T2017 counts). One statement, grouped per county.
import { factsResolver, inScopes, nationalFactsResolver, type ContributedFact, type NationalFact } from '../../kit/federation';
import { developmentZoneSql, provinceSql } from '../../kit/identity';
import { selectRows } from '../../kit/runtime';

export const StationFactsResolver = factsResolver('stationFacts', (ctx, _year, asOf, prefixes) => {
  const scope = inScopes('s.county_code', prefixes);
  return selectRows<ContributedFact<'stationFacts'>>(
    ctx.em,
    `select s.county_code as "countyCode", array_agg(s.id::text order by s.id) as "largeTownStationIds"
     from incubation_station s
     where ${scope.sql} and s.established_on <= ? and (s.closed_on is null or s.closed_on > ?)
       and exists (select 1 from large_town_designation d
                   where d.town_code = s.town_code and d."from" <= ? and (d."until" is null or d."until" > ?))
     group by s.county_code`,
    [...scope.params, asOf, asOf, asOf, asOf],
  );
});

// The stations tier's totals for the national comparison: towns designated larger on `asOf`, and those
// with a station open on that day, per province.
export const StationTotalsResolver = nationalFactsResolver('stationTotals', (ctx, _year, asOf) =>
  selectRows<NationalFact<'stationTotals'>>(
    ctx.em,
    `select ${provinceSql('t.county_code')} as "provinceCode", ${developmentZoneSql('t.county_code')} as "developmentZones",
       count(*)::int as "largeTowns",
       count(*) filter (where exists (select 1 from incubation_station s
                                      where s.town_code = t.code and s.established_on <= ? and (s.closed_on is null or s.closed_on > ?)))::int as "largeTownsWithStation"
     from town t
     where exists (select 1 from large_town_designation d where d.town_code = t.code and d."from" <= ? and (d."until" is null or d."until" > ?))
     group by 1, 2`,
    [asOf, asOf, asOf, asOf],
  ),
);
