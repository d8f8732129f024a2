// The scorecard's figures on MilestoneProgress: the rules evaluated over the facts the gateway brought
// (@requires), once per progress per request (memoised through the request's loaders).
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FACT_NAMES, type Facts } from '../../kit/federation';
import type { Context } from '../../kit/runtime';
import { Milestone } from '../entities/milestone';
import { CountyProgress, MilestoneProgress, type ProgressWithFacts } from '../entities/progress';
import type { County } from '../entities/region';
import { registerOf } from '../register';
import { checkedCategories, evaluate, type CountyOutcome } from '../scorecard/evaluate';
import { checksOf, milestoneOf } from './milestone';

interface Scorecard {
  outcomes: CountyOutcome[];
  counties: Map<string, County>;
}

/** One progress evaluated once per request, however many of its fields are asked for. */
function scorecardOf(progress: ProgressWithFacts, ctx: Context): Promise<Scorecard> {
  const key = `${progress.year}|${progress.asOf}|${progress.scope}`;
  return ctx.loaders
    .custom<Scorecard>(`scorecard:${key}`, async (keys) => {
      const milestone: Milestone = await milestoneOf(ctx, progress.year);
      // The counted counties of the scope come from the register in memory; the checks from the milestone's statement.
      const [checks, register] = await Promise.all([checksOf(ctx, progress.year), registerOf(ctx)]);
      const counties = register.countiesInScope(progress.scope, milestone.countsDevelopmentZones);
      const facts = Object.fromEntries(FACT_NAMES.map((name) => [name, progress[name]])) as Facts;
      const outcomes = evaluate(milestone, checks, counties.map((c) => c.code), facts, progress.asOf);
      return keys.map(() => ({ outcomes, counties: new Map(counties.map((c) => [c.code, c])) }));
    })
    .load(key);
}

function countyProgress({ outcomes, counties }: Scorecard, keep: (o: CountyOutcome) => boolean): CountyProgress[] {
  return outcomes.filter(keep).map((o) => ({ county: counties.get(o.countyCode)!, met: o.met, atRisk: o.atRisk, checks: o.checks }));
}

@Resolver(() => MilestoneProgress)
export class MilestoneProgressResolver {
  @FieldResolver()
  async countiesTotal(@Root() progress: ProgressWithFacts, @Ctx() ctx: Context): Promise<number> {
    return (await scorecardOf(progress, ctx)).outcomes.length;
  }

  @FieldResolver()
  async countiesMet(@Root() progress: ProgressWithFacts, @Ctx() ctx: Context): Promise<number> {
    return (await scorecardOf(progress, ctx)).outcomes.filter((o) => o.met).length;
  }

  @FieldResolver()
  async counties(@Root() progress: ProgressWithFacts, @Ctx() ctx: Context): Promise<CountyProgress[]> {
    return countyProgress(await scorecardOf(progress, ctx), () => true);
  }

  @FieldResolver()
  async atRisk(@Root() progress: ProgressWithFacts, @Ctx() ctx: Context): Promise<CountyProgress[]> {
    return countyProgress(await scorecardOf(progress, ctx), (o) => o.atRisk);
  }

  @FieldResolver()
  async checkedCategories(@Root() progress: MilestoneProgress, @Ctx() ctx: Context): Promise<string[]> {
    return checkedCategories(await checksOf(ctx, progress.year));
  }

  @FieldResolver()
  milestone(@Root() progress: MilestoneProgress, @Ctx() ctx: Context): Promise<Milestone> {
    return milestoneOf(ctx, progress.year);
  }
}
