// The national comparison 全国比较: `nation { ranking(year:) }`, and the milestone scorecard's way to its
// province's standing (`progress { nationalComparison }`). The rankings are computed once per request per
// (year, asOf) from the tiers' per-province totals (@requires) and the register's county counts (in
// memory): one SQL statement here (the milestone and its checks), one per tier, whatever the number of provinces.
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { badInput } from '../../kit/errors';
import { NATIONAL_FACT_NAMES, type NationalFacts } from '../../kit/federation';
import { NATION, provinceOf } from '../../kit/identity';
import type { Context } from '../../kit/runtime';
import { CheckResult, MilestoneProgress } from '../entities/progress';
import { type ComparisonWithFacts, IndicatorRanking, NationalComparison, NationalIndicator, ProvinceIndicatorRank, ProvinceStanding } from '../entities/national';
import { CountyKind, Nation, Province } from '../entities/region';
import { INDICATORS, figuresOf, judgeStanding, rankProvinces, type ProvinceRanking } from '../scorecard/ranking';
import { provinceRuleOf } from '../scorecard/rules';
import { registerOf, type RegisterCache } from '../register';
import { checksOf, milestoneIfAny } from './milestone';

interface Comparison {
  ranking: ProvinceRanking[];
  provinces: Map<string, Province>;
  checks: CheckResult[][];
}

/** Counted counties per province and kind (development zone or not), from the register in memory. */
function countyCounts(register: RegisterCache): { provinceCode: string; developmentZones: boolean; counties: number }[] {
  const counts = new Map<string, { provinceCode: string; developmentZones: boolean; counties: number }>();
  for (const county of register.counties) {
    const provinceCode = provinceOf(county.code);
    const developmentZones = county.kind === CountyKind.DEVELOPMENT_ZONE;
    const key = `${provinceCode}|${developmentZones}`;
    const row = counts.get(key) ?? { provinceCode, developmentZones, counties: 0 };
    row.counties++;
    counts.set(key, row);
  }
  return [...counts.values()];
}

function comparisonOf(comparison: ComparisonWithFacts, ctx: Context): Promise<Comparison> {
  const key = `${comparison.year}|${comparison.asOf}`;
  return ctx.loaders
    .custom<Comparison>(`nationalComparison:${key}`, async (keys) => {
      // Any year can be compared; the year's milestone (if any) says whether development zones count and which province checks apply.
      const [milestone, register, checks] = await Promise.all([
        milestoneIfAny(ctx, comparison.year),
        registerOf(ctx),
        checksOf(ctx, comparison.year), // none for a year without a milestone
      ]);
      const counties = countyCounts(register);
      const facts = Object.fromEntries(NATIONAL_FACT_NAMES.map((name) => [name, comparison[name]])) as NationalFacts;
      const ranking = rankProvinces(figuresOf(facts, counties, milestone?.countsDevelopmentZones ?? false));
      const provinceChecks = checks.filter((check) => provinceRuleOf(check.rule));
      const result: Comparison = {
        ranking,
        provinces: new Map(ranking.flatMap((r) => register.provinceOf(r.provinceCode) ?? []).map((p) => [p.code, p])),
        checks: ranking.map((standing) => provinceChecks.map((check) => judgeStanding(check, standing, ranking.length))),
      };
      return keys.map(() => result);
    })
    .load(key);
}

const indicatorRank = (comparison: Comparison, standing: ProvinceRanking, indicator: NationalIndicator): ProvinceIndicatorRank => ({
  province: comparison.provinces.get(standing.provinceCode)!,
  indicator,
  value: standing.values[indicator],
  rank: standing.ranks[indicator],
});

@Resolver(() => NationalComparison)
export class NationalComparisonResolver {
  @FieldResolver()
  async provincesRanked(@Root() root: ComparisonWithFacts, @Ctx() ctx: Context): Promise<number> {
    return (await comparisonOf(root, ctx)).ranking.length;
  }

  @FieldResolver()
  async judgeable(@Root() root: ComparisonWithFacts, @Ctx() ctx: Context): Promise<boolean> {
    return (await comparisonOf(root, ctx)).ranking.length >= 2;
  }

  @FieldResolver()
  async indicators(@Root() root: ComparisonWithFacts, @Ctx() ctx: Context): Promise<IndicatorRanking[]> {
    const comparison = await comparisonOf(root, ctx);
    return INDICATORS.map(({ id, definition }) => ({
      indicator: id as NationalIndicator,
      definition,
      provinces: comparison.ranking
        .map((standing) => indicatorRank(comparison, standing, id as NationalIndicator))
        .sort((a, b) => a.rank - b.rank || a.province.code.localeCompare(b.province.code)),
    }));
  }

  @FieldResolver()
  async standings(@Root() root: ComparisonWithFacts, @Ctx() ctx: Context): Promise<ProvinceStanding[]> {
    const comparison = await comparisonOf(root, ctx);
    const inScope = (code: string) => root.scope === NATION || code === provinceOf(root.scope);
    return comparison.ranking.flatMap((standing, i) =>
      inScope(standing.provinceCode)
        ? [
            {
              province: comparison.provinces.get(standing.provinceCode)!,
              rank: standing.rank,
              meanRank: standing.meanRank,
              provincesRanked: comparison.ranking.length,
              indicators: INDICATORS.map(({ id }) => indicatorRank(comparison, standing, id as NationalIndicator)),
              checks: comparison.checks[i],
            },
          ]
        : [],
    );
  }
}

export const comparisonRef = (year: number, asOf: string, scope: string): NationalComparison => ({ year, asOf, scope }) as NationalComparison;

@Resolver(() => Nation)
export class NationRankingResolver {
  @FieldResolver(() => NationalComparison, {
    description:
      'The provinces ranked on the indicators of T2020\'s national upper-middle level 全国中上水平 for `year`, as of `asOf` (default: the end of `year`) 全国排名.',
  })
  ranking(
    @Arg('year', () => Int, { description: 'The year whose admissions are counted, 2014 or later (the milestone year: 2020) 年份.' }) year: number,
    @Arg('asOf', () => Date, { nullable: true, description: 'The date the figures stand on (default: 31 December of `year`) 截至日期.' }) asOf?: string,
  ): NationalComparison {
    if (year < 2014 || year > 2100) throw badInput(`year ${year} is outside the policy's years: give 2014 or later (the milestone years are 2015, 2017, 2020).`);
    return comparisonRef(year, asOf ?? `${year}-12-31`, NATION);
  }
}

@Resolver(() => MilestoneProgress)
export class ProgressComparisonResolver {
  @FieldResolver(() => NationalComparison, {
    description:
      "The national comparison for the milestone's year and date: the province of the scope among the nation's provinces, with the T2020 " +
      'check national-upper-middle 全国中上水平 (every province when the scope is the nation) 全国比较.',
  })
  nationalComparison(@Root() progress: MilestoneProgress): NationalComparison {
    return comparisonRef(progress.year, progress.asOf, progress.scope === NATION ? NATION : provinceOf(progress.scope));
  }
}
