// The milestones, their checks, and the way to a scorecard: a milestone reached through a region (the
// nation, a province, a prefecture, a county) answers its progress for that region unless told otherwise.
import { LockMode } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound } from '../../kit/errors';
import { NATION } from '../../kit/identity';
import { DESCRIBE, selectRows, sqlArray, write, type Context } from '../../kit/runtime';
import { Binding, Milestone, MilestoneCheck } from '../entities/milestone';
import { MilestoneProgress } from '../entities/progress';
import { County, Nation, Prefecture, Province } from '../entities/region';
import { RULE_IDS, isRule, type RuleId } from '../scorecard/rules';
import { withRegister } from '../register';
import { checkScope } from '../scope';

interface MilestoneRow {
  year: number;
  deadline: string;
  binding: Binding;
  summary: string;
  countsDevelopmentZones: boolean;
  checks: { id: number; rule: RuleId; min: number | null; max: number | null; categories: string[] | null; position: number }[];
}

/**
 * Each asked milestone with its checks (by position): ONE statement for every milestone of the request.
 * Read per request, never kept: a province administrator may change a threshold at any time.
 */
function milestonesWithChecks(ctx: Context) {
  return ctx.loaders.custom<{ milestone: Milestone; checks: MilestoneCheck[] } | null>('milestonesWithChecks', async (years) => {
    const rows = await selectRows<MilestoneRow>(
      ctx.em,
      `select m.year, m.deadline::text as deadline, m.binding, m.summary, m.counts_development_zones as "countsDevelopmentZones",
         coalesce(json_agg(json_build_object('id', c.id, 'rule', c.rule, 'min', c.min, 'max', c.max, 'categories', c.categories, 'position', c.position)
           order by c.position, c.id) filter (where c.id is not null), '[]') as checks
       from milestone m left join milestone_check c on c.milestone_year = m.year
       where m.year = any(?::int[]) group by m.year`,
      [sqlArray(years)],
    );
    const byYear = new Map(
      rows.map(({ checks, ...row }) => {
        const milestone = Object.assign(new Milestone(), row);
        return [String(row.year), { milestone, checks: checks.map((check) => Object.assign(new MilestoneCheck(), check, { milestone })) }];
      }),
    );
    return years.map((year) => byYear.get(year) ?? null);
  });
}

/** The milestone of `year`, or null when the policy has none that year. */
export async function milestoneIfAny(ctx: Context, year: number): Promise<Milestone | null> {
  return (await milestonesWithChecks(ctx).load(String(year)))?.milestone ?? null;
}

export async function milestoneOf(ctx: Context, year: number): Promise<Milestone> {
  return (await milestoneIfAny(ctx, year)) ?? Promise.reject(notFound(`No milestone for ${year}; the policy has 2015, 2017 and 2020.`));
}

/** A milestone's checks by position (none for a year without a milestone), from the same statement as the milestone. */
export async function checksOf(ctx: Context, year: number): Promise<MilestoneCheck[]> {
  return (await milestonesWithChecks(ctx).load(String(year)))?.checks ?? [];
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
  provinces(@Ctx() ctx: Context): readonly Province[] | Promise<readonly Province[]> {
    return withRegister(ctx, (register) => register.provinces);
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
