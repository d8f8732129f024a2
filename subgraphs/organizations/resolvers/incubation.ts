import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { forbidden, notFound } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { mayReadDetails } from '../../kit/identity';
import { DESCRIBE, renamedArg, today, write, type Context, selectRows } from '../../kit/runtime';
import { Evaluation, FollowUp, FollowUpKind, FundingSource, Incubation, MicroGrant, ServiceDelivery, ServiceKind } from '../entities/incubation';
import { HostKind, IncubationCenterReference, IncubationStationReference } from '../entities/host';
import { Organization } from '../entities/organization';
import * as admission from '../lifecycle/admission';
import { deskToday } from '../lifecycle/desk';
import * as steps from '../lifecycle/incubation';

@ObjectType({ description: 'A half-year whose evaluation 评估 (R4) is missing although it has ended.' })
export class OverdueEvaluation {
  @Field(() => Incubation, { description: 'The incubation 孵化 whose evaluation is missing.' })
  incubation!: Incubation;

  @Field({ description: 'The half-year 评估期, like 2016H1.' })
  period!: string;

  @Field(() => Date, { description: 'The last day of that half-year 评估期末.' })
  periodEnd!: string;
}

// Each day is named for what happened on it, as the field that shows it (README: naming); the old names
// stay, deprecated, for one release.
const graduatedOn = renamedArg('graduatedOn', 'on', 'The day it graduated 出壳日期.');
const exitedOn = renamedArg('exitedOn', 'on', 'The day it exited 退出日期.');
const deliveredOn = renamedArg('deliveredOn', 'on', 'The day it was delivered 服务日期.');
const grantedOn = renamedArg('grantedOn', 'on', 'The day it was granted 资助日期.');
const amountYuan = renamedArg('amountYuan', 'amount', 'The amount in yuan 金额(元), an exact decimal string such as "5000.00".', () => String);
const followedUpOn = renamedArg('followedUpOn', 'on', 'The day of the follow-up 跟踪日期.');

@Resolver(() => Incubation)
export class IncubationResolver {
  @Query(() => Incubation, { description: 'An incubation 孵化 by id.' })
  async incubation(@Arg('id', () => ID, { description: DESCRIBE.id('incubation') }) id: string, @Ctx() { loaders }: Context): Promise<Incubation> {
    return (await loaders.one(Incubation, 'id').load(id)) ?? Promise.reject(notFound(`No incubation has id ${id}.`));
  }

  @Query(() => [OverdueEvaluation], {
    description:
      'R4 评估: incubations missing the evaluation of a half-year that ended before `asOf` (default: today) while they ran, for one host or one county (or everywhere), oldest first.',
  })
  async overdueEvaluations(
    @Ctx() { em, viewer }: Context,
    @Arg('hostId', () => ID, { nullable: true, description: 'Only incubations at this center or station 孵化载体.' }) hostId?: string,
    @Arg('countyCode', () => ID, { nullable: true, description: 'Only incubations in this county 县级行政区划代码.' }) countyCode?: string,
    @Arg('asOf', () => Date, { nullable: true, description: DESCRIBE.asOf }) asOf?: string,
    @Arg('first', () => Int, { defaultValue: 200, description: 'At most this many 条数 (1–1000).' }) first = 200,
  ): Promise<OverdueEvaluation[]> {
    // Work lists are for the people who do the work: a county's own staff, its prefecture, the province.
    const county = countyCode ?? (hostId ? (await em.findOne(Incubation, { hostId }))?.countyCode : undefined);
    if (county ? !mayReadDetails(viewer, county) : !['province_admin', 'analyst'].includes(viewer.role)) {
      throw forbidden(`A ${viewer.role}${viewer.region ? ` of ${viewer.region}` : ''} may not read the overdue evaluations of ${county ?? 'every county'}.`);
    }
    // Every half-year between admission and the end (or asOf), minus those evaluated: one statement.
    const rows: { id: string; period: string; period_end: string }[] = await selectRows(em, 
      `with halves as (
         select i.id, h.start::date as start, (h.start + interval '6 months' - interval '1 day')::date as period_end
         from incubation i
         cross join lateral generate_series(date_trunc('year', i.admitted_on), coalesce(i.graduated_on, i.exited_on, ?::date), interval '6 months') as h(start)
         where (?::uuid is null or i.host_id = ?::uuid) and (?::text is null or i.county_code = ?)
       )
       select h.id, to_char(h.start, 'YYYY') || case when extract(month from h.start) = 1 then 'H1' else 'H2' end as period, to_char(h.period_end, 'YYYY-MM-DD') as period_end
       from halves h join incubation i on i.id = h.id
       where h.period_end >= i.admitted_on and h.period_end < ?::date
         and h.start <= coalesce(i.graduated_on, i.exited_on, ?::date)
         and not exists (select 1 from evaluation e where e.incubation_id = h.id
           and e.period = to_char(h.start, 'YYYY') || case when extract(month from h.start) = 1 then 'H1' else 'H2' end)
       order by h.period_end, h.id
       limit ?`,
      [asOf ?? today(), hostId ?? null, hostId ?? null, countyCode ?? null, countyCode ?? null, asOf ?? today(), asOf ?? today(), Math.min(Math.max(first, 1), 1000)],
    );
    const incubations = await em.find(Incubation, { id: { $in: [...new Set(rows.map((r) => r.id))] } });
    const byId = new Map(incubations.map((i) => [i.id, i]));
    return rows.map((r) => ({ incubation: byId.get(r.id)!, period: r.period, periodEnd: r.period_end }));
  }

  @FieldResolver(() => Organization, { description: 'The organization 社会组织 incubated.' })
  async organization(@Root() incubation: Incubation, @Ctx() { loaders }: Context): Promise<Organization> {
    return (await loaders.one(Organization, 'id').load(incubation.organization.id))!;
  }

  @FieldResolver(() => IncubationCenterReference, { nullable: true, description: 'The center 孵化中心, when incubated at a center.' })
  center(@Root() incubation: Incubation): IncubationCenterReference | null {
    return incubation.hostKind === HostKind.CENTER ? { id: incubation.hostId } : null;
  }

  @FieldResolver(() => IncubationStationReference, { nullable: true, description: 'The station 孵化站, when incubated at a station.' })
  station(@Root() incubation: Incubation): IncubationStationReference | null {
    return incubation.hostKind === HostKind.STATION ? { id: incubation.hostId } : null;
  }

  @FieldResolver(() => CountyReference, { description: "The host's county 县级行政区." })
  county(@Root() incubation: Incubation): CountyReference {
    return { code: incubation.countyCode };
  }

  @FieldResolver(() => [Evaluation], { description: 'Half-yearly evaluations 评估 (R4), by period.' })
  evaluations(@Root() incubation: Incubation, @Ctx() { loaders }: Context): Promise<Evaluation[]> {
    return loaders.many(Evaluation, 'incubation', { period: 'asc' }).load(incubation.id);
  }

  @FieldResolver(() => [ServiceDelivery], { description: 'Services delivered 孵化服务 (R3), by date.' })
  services(@Root() incubation: Incubation, @Ctx() { loaders }: Context): Promise<ServiceDelivery[]> {
    return loaders.many(ServiceDelivery, 'incubation', { deliveredOn: 'asc' }).load(incubation.id);
  }

  @FieldResolver(() => [MicroGrant], { description: 'Micro-grants 小额资助 (R3), by date.' })
  grants(@Root() incubation: Incubation, @Ctx() { loaders }: Context): Promise<MicroGrant[]> {
    return loaders.many(MicroGrant, 'incubation', { grantedOn: 'asc' }).load(incubation.id);
  }

  @FieldResolver(() => [FollowUp], { description: 'Follow-ups after graduation 出壳后跟踪 (R5), by date.' })
  followUps(@Root() incubation: Incubation, @Ctx() { loaders }: Context): Promise<FollowUp[]> {
    return loaders.many(FollowUp, 'incubation', { followedUpOn: 'asc' }).load(incubation.id);
  }

  // The mutations only parse their arguments: each step, with all of its checks, is in ../lifecycle/.

  @Mutation(() => Incubation, { description: 'R2 入驻: admits the organization of an application whose public notice has ended; opens its incubation (R3).' })
  admit(
    @Arg('applicationId', () => ID, { description: 'The application 申请 whose public notice has ended.' }) applicationId: string,
    @Arg('admittedOn', () => Date, { description: 'The day it is admitted 入驻日期.' }) admittedOn: string,
    @Arg('plannedEndOn', () => Date, { description: 'The planned end of the incubation period 孵化期.' }) plannedEndOn: string,
    @Ctx() ctx: Context,
  ): Promise<Incubation> {
    return write(ctx, 'admit', (tx, authorize) => admission.admit(tx, authorize, { applicationId, admittedOn, plannedEndOn }, deskToday()));
  }

  @Mutation(() => Evaluation, { description: 'R4 评估: the half-yearly evaluation of one incubation; `period` is like "2016H1".' })
  recordEvaluation(
    @Arg('incubationId', () => ID, { description: DESCRIBE.incubationId }) incubationId: string,
    @Arg('period', { description: 'The half-year evaluated 评估期, like 2016H1.' }) period: string,
    @Arg('score', () => Int, { description: 'The score 评分, 0–100.' }) score: number,
    @Ctx() ctx: Context,
  ): Promise<Evaluation> {
    return write(ctx, 'recordEvaluation', (tx, authorize) => steps.recordEvaluation(tx, authorize, { incubationId, period, score }, deskToday()));
  }

  @Mutation(() => Incubation, { description: 'R5 出壳: graduation, when the organization can operate independently.' })
  graduate(@Arg('incubationId', () => ID, { description: DESCRIBE.incubationId }) incubationId: string, @graduatedOn.arg day: string | undefined, @graduatedOn.old on: string | undefined, @Ctx() ctx: Context): Promise<Incubation> {
    const input = { incubationId, on: graduatedOn.value(day, on) };
    return write(ctx, 'graduate', (tx, authorize) => steps.graduate(tx, authorize, input, deskToday()));
  }

  @Mutation(() => Incubation, { description: 'R6 退出: the organization leaves without graduating, with the reason.' })
  exitIncubation(
    @Arg('incubationId', () => ID, { description: DESCRIBE.incubationId }) incubationId: string,
    @exitedOn.arg day: string | undefined,
    @exitedOn.old on: string | undefined,
    @Arg('reason', { description: 'Why it exits 退出原因.' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Incubation> {
    const input = { incubationId, on: exitedOn.value(day, on), reason };
    return write(ctx, 'exitIncubation', (tx, authorize) => steps.exitIncubation(tx, authorize, input, deskToday()));
  }

  @Mutation(() => ServiceDelivery, { description: 'R3 孵化服务: records a service delivered to an incubated organization.' })
  recordService(
    @Arg('incubationId', () => ID, { description: DESCRIBE.incubationId }) incubationId: string,
    @Arg('kind', () => ServiceKind, { description: 'Which service 服务类别.' }) kind: ServiceKind,
    @deliveredOn.arg day: string | undefined,
    @deliveredOn.old on: string | undefined,
    @Ctx() ctx: Context,
    @Arg('note', { nullable: true, description: DESCRIBE.note }) note?: string,
  ): Promise<ServiceDelivery> {
    const input = { incubationId, kind, on: deliveredOn.value(day, on), note: note ?? null };
    return write(ctx, 'recordService', (tx, authorize) => steps.recordService(tx, authorize, input, deskToday()));
  }

  @Mutation(() => MicroGrant, { description: 'R3 小额资助: records a micro-grant; `amountYuan` is exact decimal yuan, like "5000.00".' })
  recordMicroGrant(
    @Arg('incubationId', () => ID, { description: DESCRIBE.incubationId }) incubationId: string,
    @amountYuan.arg yuan: string | undefined,
    @amountYuan.old amount: string | undefined,
    @grantedOn.arg day: string | undefined,
    @grantedOn.old on: string | undefined,
    @Arg('source', () => FundingSource, { description: 'Where the money comes from 资金来源.' }) source: FundingSource,
    @Ctx() ctx: Context,
  ): Promise<MicroGrant> {
    const input = { incubationId, amount: amountYuan.value(yuan, amount), on: grantedOn.value(day, on), source };
    return write(ctx, 'recordMicroGrant', (tx, authorize) => steps.recordMicroGrant(tx, authorize, input, deskToday()));
  }

  @Mutation(() => FollowUp, { description: 'R5: a follow-up after graduation (growth evaluation 成长评估, project recommendation 项目推介).' })
  recordFollowUp(
    @Arg('incubationId', () => ID, { description: DESCRIBE.incubationId }) incubationId: string,
    @Arg('kind', () => FollowUpKind, { description: 'Which follow-up 跟踪类别.' }) kind: FollowUpKind,
    @followedUpOn.arg day: string | undefined,
    @followedUpOn.old on: string | undefined,
    @Ctx() ctx: Context,
    @Arg('note', { nullable: true, description: DESCRIBE.note }) note?: string,
  ): Promise<FollowUp> {
    const input = { incubationId, kind, on: followedUpOn.value(day, on), note: note ?? null };
    return write(ctx, 'recordFollowUp', (tx, authorize) => steps.recordFollowUp(tx, authorize, input, deskToday()));
  }
}
