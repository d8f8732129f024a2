// The centers tier's facts for milestone scorecards: which center each county had open on `asOf`.
import { factsResolver, nationalFactsResolver, type NationalFact } from '../../kit/federation';
import { developmentZoneSql, provinceSql } from '../../kit/identity';
import { openOn, selectRows } from '../../kit/runtime';
import { IncubationCenter } from '../entities/incubation-center';

export const CenterFactsResolver = factsResolver('centerFacts', async (ctx, _year, asOf, prefixes) => {
  const centers = await ctx.em.find(IncubationCenter, {
    $or: prefixes.map((prefix) => ({ countyCode: { $like: `${prefix}%` } })),
    ...openOn(asOf),
  });
  return centers.map((c) => ({ countyCode: c.countyCode, centerId: c.id, establishedOn: c.establishedOn }));
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
