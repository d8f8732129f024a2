// The centers tier's facts for milestone scorecards: which center each county had open on `asOf`.
import { factsResolver } from '../../kit/federation';
import { openOn } from '../../kit/runtime';
import { IncubationCenter } from '../entities/incubation-center';

export const CenterFactsResolver = factsResolver('centerFacts', async (ctx, _year, asOf, prefixes) => {
  const centers = await ctx.em.find(IncubationCenter, {
    $or: prefixes.map((prefix) => ({ countyCode: { $like: `${prefix}%` } })),
    ...openOn(asOf),
  });
  return centers.map((c) => ({ countyCode: c.countyCode, centerId: c.id, establishedOn: c.establishedOn }));
});
