// The centers tier's facts for milestone scorecards: which center each county had open on `asOf`.
// One SQL statement, rows as plain objects: loading entities into the identity map cost more than the
// query at national scale.
import { factsResolver, type ContributedFact } from '../../kit/federation';
import { sqlArray, selectRows } from '../../kit/runtime';

export const CenterFactsResolver = factsResolver('centerFacts', (ctx, _year, asOf, prefixes) =>
  selectRows<ContributedFact<'centerFacts'>>(
    ctx.em,
    `select county_code as "countyCode", id as "centerId", to_char(established_on, 'YYYY-MM-DD') as "establishedOn"
     from incubation_center
     where county_code like any(?::text[]) and established_on <= ? and (closed_on is null or closed_on > ?)`,
    [sqlArray(prefixes.map((p) => `${p}%`)), asOf, asOf],
  ),
);
