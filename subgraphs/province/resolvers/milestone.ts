// The milestones, their checks, and the way to a scorecard: a milestone reached through a region (the
// nation, a province, a prefecture, a county) answers its progress for that region unless told otherwise.
import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound } from '../../kit/errors';
import { NATION } from '../../kit/identity';
import { DESCRIBE, write, type Context } from '../../kit/runtime';
import { Milestone, MilestoneCheck } from '../entities/milestone';
import { MilestoneProgress } from '../entities/progress';
import { County, Nation, Prefecture, Province } from '../entities/region';
import { RULE_IDS, isRule, type RuleId } from '../scorecard/rules';
import { checkScope } from '../scope';

export async function milestoneOf(ctx: Context, year: number): Promise<Milestone> {
  return (await ctx.loaders.one(Milestone, 'year').load(String(year) as never)) ?? Promise.reject(notFound(`No milestone for ${year}; the policy has 2015, 2017 and 2020.`));
}

export function checksOf(ctx: Context, year: number): Promise<MilestoneCheck[]> {
  return ctx.loaders.many(MilestoneCheck, 'milestone', { position: 'asc' }).load(String(year));
}

/** A milestone as reached through a region: a view over the request's cached entity, never a change to it. */
type MilestoneThrough = Milestone & { through?: string };

async function milestoneThrough(ctx: Context, year: number, region: string): Promise<MilestoneThrough> {
  return Object.assign(Object.create(await milestoneOf(ctx, year)) as Milestone, { through: region });
}

export const progressOf = (year: number, asOf: string, scope: string): MilestoneProgress => ({ year, asOf, scope }) as MilestoneProgress;

async function progressIn(ctx: Context, year: number, region: string, asOf?: string): Promise<MilestoneProgress> {
  return progressOf(year, asOf ?? (await milestoneOf(ctx, year)).deadline, region);
}

const MILESTONE = 'A milestone 工作目标 of the policy by year (2015, 2017, 2020); its `progress` answers for this region unless given a scope.';
const PROGRESS = (whose: string) => `A milestone's scorecard 目标进度 over ${whose}, as of \`asOf\` (default: the deadline).`;

@Resolver(() => Milestone)
export class MilestoneResolver {
  @Query(() => [Milestone], { description: 'The milestones 工作目标 of the policy, by year (their `progress` defaults to the nation 000000).' })
  milestones(@Ctx() { em }: Context): Promise<Milestone[]> {
    return em.find(Milestone, {}, { orderBy: { year: 'asc' } });
  }

  @FieldResolver(() => [MilestoneCheck], { description: 'Its checks 考核指标, with their thresholds.' })
  checks(@Root() milestone: Milestone, @Ctx() ctx: Context): Promise<MilestoneCheck[]> {
    return checksOf(ctx, milestone.year);
  }

  @FieldResolver(() => MilestoneProgress, {
    description:
      'The scorecard 目标进度 as of `asOf` (default: the deadline) over `scope`: by default the region the milestone was reached through ' +
      '(`province(code:)`, `prefecture(code:)`, `county(code:)`, `nation`), or the nation 000000 from `milestones`.',
  })
  async progress(
    @Root() milestone: MilestoneThrough,
    @Ctx() ctx: Context,
    @Arg('asOf', () => Date, { nullable: true, description: DESCRIBE.progressAsOf }) asOf?: string,
    @Arg('scope', () => ID, { nullable: true, description: 'The scope 范围: 000000 for the nation 全国, or a province, prefecture or county code.' }) scope?: string | null,
  ): Promise<MilestoneProgress> {
    // The region of the path is a row this subgraph already found; a scope given here is checked.
    const region = scope != null ? await checkScope(ctx, scope) : (milestone.through ?? NATION);
    return progressOf(milestone.year, asOf ?? milestone.deadline, region);
  }

  @Mutation(() => MilestoneCheck, {
    description: 'Sets the thresholds 考核指标 of one check of a milestone (adding the check if the milestone lacks it). The next scorecard follows.',
  })
  async setMilestoneCheck(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: DESCRIBE.milestoneYear }) year: number,
    @Arg('rule', { description: `The rule 指标 of the check: ${RULE_IDS.join(', ')}.` }) rule: string,
    @Arg('min', () => Int, { nullable: true, description: 'The least figure that meets it 下限 (null: none).' }) min?: number,
    @Arg('max', () => Int, { nullable: true, description: 'The greatest figure that meets it 上限 (null: none).' }) max?: number,
    @Arg('categories', () => [String], { nullable: true, description: 'For category-coverage: the service categories 服务领域 that count.' }) categories?: string[],
  ): Promise<MilestoneCheck> {
    if (!isRule(rule)) throw badInput(`Unknown rule "${rule}"; the rules are ${RULE_IDS.join(', ')}.`);
    if ((min ?? 0) < 0 || (max ?? 0) < 0) throw badInput('Thresholds cannot be negative.');
    if (min != null && max != null && min > max) throw badInput(`min (${min}) cannot be greater than max (${max}).`);
    if (min == null && max == null) throw badInput('Give min, max or both.');
    return write(ctx, 'setMilestoneCheck', async (tx, authorize) => {
      authorize({ countyCode: NATION, province: true });
      const milestone = await tx.findOne(Milestone, { year }, { lockMode: LockMode.PESSIMISTIC_WRITE }); // settings of one milestone queue up
      if (!milestone) throw notFound(`No milestone for ${year}.`);
      let check = await tx.findOne(MilestoneCheck, { milestone, rule: rule as RuleId });
      if (!check) {
        const position = (await tx.count(MilestoneCheck, { milestone })) + 1;
        check = tx.create(MilestoneCheck, { milestone, rule: rule as RuleId, min: null, max: null, categories: null, position } as never);
      }
      check.min = min ?? null;
      check.max = max ?? null;
      if (categories) check.categories = categories;
      return check;
    });
  }

  @Mutation(() => Milestone, { description: 'Whether development zones 开发区 count among the counties of a milestone.' })
  setMilestoneCountsDevelopmentZones(@Ctx() ctx: Context, @Arg('year', () => Int, { description: DESCRIBE.milestoneYear }) year: number, @Arg('counts', { description: 'True to count development zones 开发区 among the counties.' }) counts: boolean): Promise<Milestone> {
    return write(ctx, 'setMilestoneCountsDevelopmentZones', async (tx, authorize) => {
      authorize({ countyCode: NATION, province: true });
      const milestone = await tx.findOne(Milestone, { year }, { lockMode: LockMode.PESSIMISTIC_WRITE }); // settings of one milestone queue up
      if (!milestone) throw notFound(`No milestone for ${year}.`);
      milestone.countsDevelopmentZones = counts;
      return milestone;
    });
  }
}

@Resolver(() => Nation)
export class NationResolver {
  @Query(() => Nation, { description: 'The whole country 全国 (000000): its provinces, milestones and scorecards over every county in the register.' })
  nation(): Nation {
    return { code: NATION, name: '全国' };
  }

  @FieldResolver(() => [Province], { description: 'Every province-level unit 省级行政区 in the register.' })
  provinces(@Ctx() { em }: Context): Promise<Province[]> {
    return em.find(Province, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => Milestone, { description: MILESTONE })
  milestone(@Arg('year', () => Int, { description: DESCRIBE.milestoneYear }) year: number, @Ctx() ctx: Context): Promise<Milestone> {
    return milestoneThrough(ctx, year, NATION);
  }

  @FieldResolver(() => MilestoneProgress, { description: PROGRESS('every county of the country') })
  milestoneProgress(@Arg('year', () => Int, { description: DESCRIBE.milestoneYear }) year: number, @Ctx() ctx: Context, @Arg('asOf', () => Date, { nullable: true, description: DESCRIBE.progressAsOf }) asOf?: string) {
    return progressIn(ctx, year, NATION, asOf);
  }
}

/** A region's way to the milestones: the same two fields on a province, a prefecture and a county. */
function regionMilestones<T extends { code: string }>(region: new () => T, counties: string) {
  @Resolver(() => region)
  class RegionMilestoneResolver {
    @FieldResolver(() => Milestone, { description: MILESTONE })
    milestone(@Root() root: T, @Arg('year', () => Int, { description: DESCRIBE.milestoneYear }) year: number, @Ctx() ctx: Context): Promise<Milestone> {
      return milestoneThrough(ctx, year, root.code);
    }

    @FieldResolver(() => MilestoneProgress, { description: PROGRESS(counties) })
    milestoneProgress(@Root() root: T, @Arg('year', () => Int, { description: DESCRIBE.milestoneYear }) year: number, @Ctx() ctx: Context, @Arg('asOf', () => Date, { nullable: true, description: DESCRIBE.progressAsOf }) asOf?: string) {
      return progressIn(ctx, year, root.code, asOf);
    }
  }
  return RegionMilestoneResolver;
}

export const ProvinceMilestoneResolver = regionMilestones(Province, "this province's counties");
export const PrefectureMilestoneResolver = regionMilestones(Prefecture, "this prefecture's counties");
export const CountyMilestoneResolver = regionMilestones(County, 'this county alone');
