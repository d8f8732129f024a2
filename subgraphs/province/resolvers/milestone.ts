import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound } from '../../kit/errors';
import { regionPrefix } from '../../kit/identity';
import { write, type Context } from '../../kit/runtime';
import { Milestone, MilestoneCheck, RULES, type Rule } from '../entities/milestone';
import { CountyProgress, MilestoneProgress } from '../entities/progress';
import { County, CountyKind, Prefecture, Province } from '../entities/region';
import { evaluate, type CountyOutcome, type Facts } from '../scorecard';

async function milestoneOf(ctx: Context, year: number): Promise<Milestone> {
  return (await ctx.loaders.one(Milestone, 'year').load(String(year) as never)) ?? Promise.reject(notFound(`No milestone for ${year}; the policy has 2015, 2017 and 2020.`));
}

function checksOf(ctx: Context, year: number): Promise<MilestoneCheck[]> {
  return ctx.loaders.many(MilestoneCheck, 'milestone', { position: 'asc' }).load(String(year));
}

const progress = (year: number, asOf: string, scope: string): MilestoneProgress => ({ year, asOf, scope }) as MilestoneProgress;

@Resolver(() => Milestone)
export class MilestoneResolver {
  @Query(() => [Milestone], { description: 'The milestones of the policy, by year.' })
  milestones(@Ctx() { em }: Context): Promise<Milestone[]> {
    return em.find(Milestone, {}, { orderBy: { year: 'asc' } });
  }

  @FieldResolver(() => [MilestoneCheck], { description: 'Its checks, with their thresholds.' })
  checks(@Root() milestone: Milestone, @Ctx() ctx: Context): Promise<MilestoneCheck[]> {
    return checksOf(ctx, milestone.year);
  }

  @FieldResolver(() => MilestoneProgress, { description: 'The scorecard of the whole province (吉林省 220000) as of `asOf` (default: the deadline).' })
  progress(@Root() milestone: Milestone, @Arg('asOf', () => Date, { nullable: true }) asOf?: string, @Arg('scope', () => ID, { defaultValue: '220000' }) scope = '220000'): MilestoneProgress {
    return progress(milestone.year, asOf ?? milestone.deadline, scope);
  }

  @Mutation(() => MilestoneCheck, {
    description: 'Sets the thresholds of one check of a milestone (adding the check if the milestone lacks it). The next scorecard follows.',
  })
  async setMilestoneCheck(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('rule') rule: string,
    @Arg('min', () => Int, { nullable: true }) min?: number,
    @Arg('max', () => Int, { nullable: true }) max?: number,
    @Arg('categories', () => [String], { nullable: true }) categories?: string[],
  ): Promise<MilestoneCheck> {
    if (!RULES.includes(rule as Rule)) throw badInput(`Unknown rule "${rule}"; the rules are ${RULES.join(', ')}.`);
    if ((min ?? 0) < 0 || (max ?? 0) < 0) throw badInput('Thresholds cannot be negative.');
    if (min != null && max != null && min > max) throw badInput(`min (${min}) cannot be greater than max (${max}).`);
    if (min == null && max == null) throw badInput('Give min, max or both.');
    return write(ctx, 'setMilestoneCheck', async (tx, authorize) => {
      authorize({ countyCode: '000000', province: true });
      const milestone = await tx.findOne(Milestone, { year }, { lockMode: LockMode.PESSIMISTIC_WRITE }); // settings of one milestone queue up
      if (!milestone) throw notFound(`No milestone for ${year}.`);
      let check = await tx.findOne(MilestoneCheck, { milestone, rule: rule as Rule });
      if (!check) {
        const position = (await tx.count(MilestoneCheck, { milestone })) + 1;
        check = tx.create(MilestoneCheck, { milestone, rule: rule as Rule, min: null, max: null, categories: null, position } as never);
      }
      check.min = min ?? null;
      check.max = max ?? null;
      if (categories) check.categories = categories;
      return check;
    });
  }

  @Mutation(() => Milestone, { description: 'Whether development zones 开发区 count among the counties of a milestone.' })
  setMilestoneCountsDevelopmentZones(@Ctx() ctx: Context, @Arg('year', () => Int) year: number, @Arg('counts') counts: boolean): Promise<Milestone> {
    return write(ctx, 'setMilestoneCountsDevelopmentZones', async (tx, authorize) => {
      authorize({ countyCode: '000000', province: true });
      const milestone = await tx.findOne(Milestone, { year }, { lockMode: LockMode.PESSIMISTIC_WRITE }); // settings of one milestone queue up
      if (!milestone) throw notFound(`No milestone for ${year}.`);
      milestone.countsDevelopmentZones = counts;
      return milestone;
    });
  }
}

@Resolver(() => Province)
export class ProvinceMilestoneResolver {
  @FieldResolver(() => Milestone, { description: 'A milestone of the policy by year (2015, 2017, 2020).' })
  milestone(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<Milestone> {
    return milestoneOf(ctx, year);
  }
}

@Resolver(() => Prefecture)
export class PrefectureMilestoneResolver {
  @FieldResolver(() => MilestoneProgress, { description: "A milestone's scorecard over this prefecture's counties, as of `asOf` (default: the deadline)." })
  async milestoneProgress(@Root() prefecture: Prefecture, @Arg('year', () => Int) year: number, @Ctx() ctx: Context, @Arg('asOf', () => Date, { nullable: true }) asOf?: string) {
    return progress(year, asOf ?? (await milestoneOf(ctx, year)).deadline, prefecture.code);
  }
}

@Resolver(() => County)
export class CountyMilestoneResolver {
  @FieldResolver(() => MilestoneProgress, { description: "A milestone's scorecard for this county alone, as of `asOf` (default: the deadline)." })
  async milestoneProgress(@Root() county: County, @Arg('year', () => Int) year: number, @Ctx() ctx: Context, @Arg('asOf', () => Date, { nullable: true }) asOf?: string) {
    return progress(year, asOf ?? (await milestoneOf(ctx, year)).deadline, county.code);
  }
}

/** The counted counties of each scope: one statement for every scope of the request. */
function countiesIn(ctx: Context, countsDevelopmentZones: boolean) {
  return ctx.loaders.custom(`countiesIn:${countsDevelopmentZones}`, async (scopes) => {
    const prefixes = scopes.map(regionPrefix);
    const counties = await ctx.em.find(
      County,
      {
        $or: prefixes.map((prefix) => ({ code: { $like: `${prefix}%` } })),
        ...(countsDevelopmentZones ? {} : { kind: { $ne: CountyKind.DEVELOPMENT_ZONE } }),
      },
      { orderBy: { code: 'asc' } },
    );
    return prefixes.map((prefix) => counties.filter((c) => c.code.startsWith(prefix)));
  });
}

/** Evaluates a progress once per request, however many of its fields are asked for. */
const evaluated = new WeakMap<object, Promise<{ outcomes: CountyOutcome[]; counties: Map<string, County> }>>();

function evaluation(progress: MilestoneProgress & Facts, ctx: Context) {
  let result = evaluated.get(progress);
  if (!result) {
    result = (async () => {
      const milestone = await milestoneOf(ctx, progress.year);
      const [checks, counties] = await Promise.all([checksOf(ctx, progress.year), countiesIn(ctx, milestone.countsDevelopmentZones).load(progress.scope)]);
      const outcomes = evaluate(milestone, checks, counties.map((c) => c.code), progress, progress.asOf);
      return { outcomes, counties: new Map(counties.map((c) => [c.code, c])) };
    })();
    evaluated.set(progress, result);
  }
  return result;
}

function toCountyProgress({ outcomes, counties }: Awaited<ReturnType<typeof evaluation>>, keep: (o: CountyOutcome) => boolean): CountyProgress[] {
  return outcomes.filter(keep).map((o) => ({ county: counties.get(o.countyCode)!, met: o.met, atRisk: o.atRisk, checks: o.checks }));
}

@Resolver(() => MilestoneProgress)
export class MilestoneProgressResolver {
  @FieldResolver()
  async countiesTotal(@Root() progress: MilestoneProgress & Facts, @Ctx() ctx: Context): Promise<number> {
    return (await evaluation(progress, ctx)).outcomes.length;
  }

  @FieldResolver()
  async countiesMet(@Root() progress: MilestoneProgress & Facts, @Ctx() ctx: Context): Promise<number> {
    return (await evaluation(progress, ctx)).outcomes.filter((o) => o.met).length;
  }

  @FieldResolver()
  async counties(@Root() progress: MilestoneProgress & Facts, @Ctx() ctx: Context): Promise<CountyProgress[]> {
    return toCountyProgress(await evaluation(progress, ctx), () => true);
  }

  @FieldResolver()
  async atRisk(@Root() progress: MilestoneProgress & Facts, @Ctx() ctx: Context): Promise<CountyProgress[]> {
    return toCountyProgress(await evaluation(progress, ctx), (o) => o.atRisk);
  }

  @FieldResolver()
  milestone(@Root() progress: MilestoneProgress, @Ctx() ctx: Context): Promise<Milestone> {
    return milestoneOf(ctx, progress.year);
  }
}
