// Work queues 待办 for county systems (issue 11 item 2): what waits for a clerk's next step. Each is a
// connection (kit/runtime/connection.ts) scoped like every other read of details: a county or station
// its own county, a prefecture its counties, the province and analysts everywhere, the public nothing.
import { Arg, Args, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { forbidden } from '../../kit/errors';
import { mayReadDetails, type Viewer } from '../../kit/identity';
import { connectionOf, connectionType, findPage, keysetSql, PageArgs, pageSize, selectRows, today, type Connection, type Context } from '../../kit/runtime';
import { Application, ApplicationStatus, Objection } from '../entities/application';
import { Incubation, IncubationStatus } from '../entities/incubation';
import { detailsFilter } from './lists';
import { ApplicationConnection, IncubationConnection } from './organization';

@ObjectType({ description: 'A half-year whose evaluation 评估 (R4) is missing although it has ended: one row of the evaluations-due queue.' })
export class OverdueEvaluation {
  @Field(() => Incubation, { description: 'The incubation 孵化 to evaluate.' })
  incubation!: Incubation;

  @Field({ description: 'The half-year 半年度, like 2016H1.' })
  period!: string;

  @Field(() => Date, { description: 'The last day of that half-year 截止日.' })
  periodEnd!: string;
}

export const OverdueEvaluationConnection = connectionType(OverdueEvaluation);

/** The queue's scope: refused outright for the public and for a county the caller may not read. */
function scoped(viewer: Viewer, countyCode: string | undefined, what: string): { sql: string; params: unknown[]; key: string } {
  const region = detailsFilter(viewer);
  if (region.sql === 'false' || (countyCode && !mayReadDetails(viewer, countyCode))) {
    throw forbidden(
      `A ${viewer.role}${viewer.region ? ` of ${viewer.region}` : ''} may not read the ${what} of ${countyCode ?? 'any county'}: work queues are for the county's staff, its prefecture and the province.`,
    );
  }
  return region;
}

const UNDER_REVIEW = [ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED, ApplicationStatus.PRELIMINARY_PASSED, ApplicationStatus.EXPERT_PASSED, ApplicationStatus.IN_NOTICE];

const prefixOf = (filter: { params: unknown[] }) => String(filter.params[0] ?? '%');

const countyArg = { nullable: true, description: 'Only this county 县区 (default: every county the caller may read).' };
const hostArg = { nullable: true, description: 'Only this center or station 孵化中心/孵化站.' };

@Resolver()
export class QueueResolver {
  @Query(() => ApplicationConnection, {
    description:
      'Applications waiting for a step 待办申请, oldest submission first: by county, host and status; with `readyToAdmitOn`, those whose public notice 公示 ended before that day with no objection undecided, ready to admit 可入驻.',
  })
  applicationQueue(
    @Ctx() { em, viewer }: Context,
    @Args() page: PageArgs,
    @Arg('countyCode', () => ID, countyArg) countyCode?: string,
    @Arg('hostId', () => ID, hostArg) hostId?: string,
    @Arg('status', () => [ApplicationStatus], { nullable: true, description: 'Only these statuses 状态 (default: every status still under review).' })
    status?: ApplicationStatus[],
    @Arg('readyToAdmitOn', () => Date, { nullable: true, description: 'Only those admissible on this day 可入驻日期: in notice, the notice over, no objection undecided (`status` is then IN_NOTICE).' })
    readyToAdmitOn?: string,
  ): Promise<Connection<Application>> {
    const region = scoped(viewer, countyCode, 'applications');
    const undecided = em.createQueryBuilder(Objection, 'o').select('o.application_id').where({ upheld: null }).getKnexQuery();
    const where = {
      countyCode: countyCode ?? { $like: prefixOf(region) },
      ...(hostId ? { hostId } : {}),
      // Ready to admit: in notice (whatever `status` says), the notice over, no objection undecided.
      ...(readyToAdmitOn
        ? { status: ApplicationStatus.IN_NOTICE, noticeTo: { $lt: readyToAdmitOn }, id: { $nin: undecided } }
        : { status: { $in: status?.length ? status : UNDER_REVIEW } }),
    };
    return findPage(em, Application, where, [['submittedOn', 'asc']], page);
  }

  @Query(() => IncubationConnection, {
    description: 'Incubations 孵化 by planned end 计划结束, soonest first: by county, host and status (default INCUBATING); with `plannedEndBy`, those planned to end on or before that day.',
  })
  incubationQueue(
    @Ctx() { em, viewer }: Context,
    @Args() page: PageArgs,
    @Arg('countyCode', () => ID, countyArg) countyCode?: string,
    @Arg('hostId', () => ID, hostArg) hostId?: string,
    @Arg('status', () => IncubationStatus, { defaultValue: IncubationStatus.INCUBATING, description: 'Only this status 状态.' }) status = IncubationStatus.INCUBATING,
    @Arg('plannedEndBy', () => Date, { nullable: true, description: 'Only those planned to end on or before this day 计划结束不晚于.' }) plannedEndBy?: string,
  ): Promise<Connection<Incubation>> {
    const region = scoped(viewer, countyCode, 'incubations');
    const where = {
      countyCode: countyCode ?? { $like: prefixOf(region) },
      ...(hostId ? { hostId } : {}),
      status,
      ...(plannedEndBy ? { plannedEndOn: { $lte: plannedEndBy } } : {}),
    };
    return findPage(em, Incubation, where, [['plannedEndOn', 'asc']], page);
  }

  @Query(() => OverdueEvaluationConnection, {
    description:
      'R4 evaluations due 待评估: half-years that ended before `asOf` (default: today) while the incubation ran and have no evaluation, by the half-year\'s end, then incubation.',
  })
  evaluationsDue(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('countyCode', () => ID, countyArg) countyCode?: string,
    @Arg('hostId', () => ID, hostArg) hostId?: string,
    @Arg('asOf', () => Date, { nullable: true, description: 'The day the queue is read on 截至日期 (default: today).' }) asOf?: string,
  ): Promise<Connection<OverdueEvaluation>> {
    return evaluationsDue(ctx, page, countyCode, hostId, asOf);
  }

  @Query(() => [OverdueEvaluation], {
    deprecationReason: 'Use evaluationsDue, a connection that pages to the end.',
    description:
      'R4 评估: incubations missing the evaluation of a half-year that ended before `asOf` (default: today) while they ran, for one host or one county (or every county the caller may read), oldest first; the first `first` only.',
  })
  async overdueEvaluations(
    @Ctx() ctx: Context,
    @Arg('hostId', () => ID, hostArg) hostId?: string,
    @Arg('countyCode', () => ID, countyArg) countyCode?: string,
    @Arg('asOf', () => Date, { nullable: true, description: 'The day the list is read on 截至日期 (default: today).' }) asOf?: string,
    @Arg('first', () => Int, { defaultValue: 200, description: 'At most this many 条数 (0–1000; more is refused).' }) first = 200,
  ): Promise<OverdueEvaluation[]> {
    return (await evaluationsDue(ctx, { first: pageSize(first, 1000) }, countyCode, hostId, asOf, 1000)).nodes;
  }
}

/** Every half-year between admission and the end (or asOf), minus those evaluated: one statement a page (and one for its incubations), one more for totalCount. */
async function evaluationsDue(
  { em, viewer }: Context,
  page: PageArgs,
  countyCode: string | undefined,
  hostId: string | undefined,
  asOf: string | undefined,
  max?: number,
): Promise<Connection<OverdueEvaluation>> {
  const first = pageSize(page.first, max);
  const region = scoped(viewer, countyCode, 'evaluations due');
  const day = asOf ?? today();
  const after = keysetSql([{ sql: 'period_end', direction: 'asc', cast: 'date' }, { sql: 'id', direction: 'asc', cast: 'uuid' }], page.after);
  const due = `with halves as (
       select t.id, t.admitted_on, coalesce(t.graduated_on, t.exited_on, ?::date) as ended, h.start::date as start,
         (h.start + interval '6 months' - interval '1 day')::date as period_end,
         to_char(h.start, 'YYYY') || case when extract(month from h.start) = 1 then 'H1' else 'H2' end as period
       from incubation t
       cross join lateral generate_series(date_trunc('year', t.admitted_on), coalesce(t.graduated_on, t.exited_on, ?::date), interval '6 months') as h(start)
       where (?::uuid is null or t.host_id = ?::uuid) and (?::text is null or t.county_code = ?) and ${region.sql}
     ), due as (
       select h.id, h.period, h.period_end from halves h
       where h.period_end >= h.admitted_on and h.period_end < ?::date and h.start <= h.ended
         and not exists (select 1 from evaluation e where e.incubation_id = h.id and e.period = h.period)
     )`;
  const params = [day, day, hostId ?? null, hostId ?? null, countyCode ?? null, countyCode ?? null, ...region.params, day];
  const rows: { id: string; period: string; period_end: string }[] = await selectRows(
    em,
    `${due} select id, period, to_char(period_end, 'YYYY-MM-DD') as period_end from due where ${after.sql} order by period_end, id limit ?`,
    [...params, ...after.params, first + 1],
  );
  const incubations = rows.length ? await em.find(Incubation, { id: { $in: [...new Set(rows.map((r) => r.id))] } }) : [];
  const byId = new Map(incubations.map((i) => [i.id, i]));
  const nodes = rows.map((r) => ({ incubation: byId.get(r.id)!, period: r.period, periodEnd: r.period_end }));
  return connectionOf(nodes, first, (n) => [n.periodEnd, n.incubation.id], async () => {
    const [{ n }] = await selectRows<{ n: number }>(em, `${due} select count(*)::int as n from due`, params);
    return n;
  });
}
