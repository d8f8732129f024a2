// The stations tier's facts for milestone scorecards: stations open on `asOf`, and whether their town
// was designated larger 较大的街道(镇) on that day.
import { factsResolver, nationalFactsResolver, type ContributedFact, type NationalFact } from '../../kit/federation';
import { developmentZoneSql, provinceSql } from '../../kit/identity';
import { sqlArray, selectRows } from '../../kit/runtime';

export const StationFactsResolver = factsResolver('stationFacts', (ctx, _year, asOf, prefixes) =>
  selectRows<ContributedFact<'stationFacts'>>(
    ctx.em,
    `select s.county_code as "countyCode", s.id as "stationId", s.town_code as "townCode",
       exists (select 1 from large_town_designation d
               where d.town_code = s.town_code and d."from" <= ? and (d."until" is null or d."until" > ?)) as "inLargeTown"
     from incubation_station s
     where s.county_code like any(?::text[]) and s.established_on <= ? and (s.closed_on is null or s.closed_on > ?)`,
    [asOf, asOf, sqlArray(prefixes.map((p) => `${p}%`)), asOf, asOf],
  ),
);

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
