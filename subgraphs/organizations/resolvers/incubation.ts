import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { DESCRIBE, PageArgs, connectionType, pagedLoader, renamedArg, write, type Connection, type Context } from '../../kit/runtime';
import { plainFirst } from './lists';
import { Evaluation, FollowUp, FollowUpKind, FundingSource, Incubation, MicroGrant, ServiceDelivery, ServiceKind } from '../entities/incubation';
import { HostKind, IncubationCenterReference, IncubationStationReference } from '../entities/host';
import { Organization } from '../entities/organization';
import * as admission from '../lifecycle/admission';
import { deskToday } from '../lifecycle/desk';
import * as steps from '../lifecycle/incubation';

export const EvaluationConnection = connectionType(Evaluation);
export const ServiceDeliveryConnection = connectionType(ServiceDelivery);
export const MicroGrantConnection = connectionType(MicroGrant);
export const FollowUpConnection = connectionType(FollowUp);

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

  @FieldResolver(() => [Evaluation], {
    deprecationReason: 'Use evaluationsConnection, which pages through all of them.',
    description: 'Half-yearly evaluations 评估 (R4), by period; the first `first` only.',
  })
  async evaluations(@Root() incubation: Incubation, @Ctx() ctx: Context, @Arg('first', () => Int, plainFirst('Evaluation')) first: number): Promise<Evaluation[]> {
    return (await this.evaluationsConnection(incubation, ctx, { first })).nodes;
  }

  @FieldResolver(() => EvaluationConnection, { description: 'Half-yearly evaluations 评估 (R4), by period, paged.' })
  evaluationsConnection(@Root() incubation: Incubation, @Ctx() ctx: Context, @Args() page: PageArgs): Promise<Connection<Evaluation>> {
    return pagedLoader(ctx, 'Incubation.evaluations', Evaluation, 'incubation', [['period', 'asc']], page).load(incubation.id);
  }

  @FieldResolver(() => [ServiceDelivery], {
    deprecationReason: 'Use servicesConnection, which pages through all of them.',
    description: 'Services delivered 服务 (R3), by date; the first `first` only.',
  })
  async services(@Root() incubation: Incubation, @Ctx() ctx: Context, @Arg('first', () => Int, plainFirst('ServiceDelivery')) first: number): Promise<ServiceDelivery[]> {
    return (await this.servicesConnection(incubation, ctx, { first })).nodes;
  }

  @FieldResolver(() => ServiceDeliveryConnection, { description: 'Services delivered 服务 (R3), by date, paged.' })
  servicesConnection(@Root() incubation: Incubation, @Ctx() ctx: Context, @Args() page: PageArgs): Promise<Connection<ServiceDelivery>> {
    return pagedLoader(ctx, 'Incubation.services', ServiceDelivery, 'incubation', [['deliveredOn', 'asc']], page).load(incubation.id);
  }

  @FieldResolver(() => [MicroGrant], {
    deprecationReason: 'Use grantsConnection, which pages through all of them.',
    description: 'Micro-grants 小额资助 (R3), by date; the first `first` only.',
  })
  async grants(@Root() incubation: Incubation, @Ctx() ctx: Context, @Arg('first', () => Int, plainFirst('MicroGrant')) first: number): Promise<MicroGrant[]> {
    return (await this.grantsConnection(incubation, ctx, { first })).nodes;
  }

  @FieldResolver(() => MicroGrantConnection, { description: 'Micro-grants 小额资助 (R3), by date, paged.' })
  grantsConnection(@Root() incubation: Incubation, @Ctx() ctx: Context, @Args() page: PageArgs): Promise<Connection<MicroGrant>> {
    return pagedLoader(ctx, 'Incubation.grants', MicroGrant, 'incubation', [['grantedOn', 'asc']], page).load(incubation.id);
  }

  @FieldResolver(() => [FollowUp], {
    deprecationReason: 'Use followUpsConnection, which pages through all of them.',
    description: 'Follow-ups after graduation 跟踪 (R5), by date; the first `first` only.',
  })
  async followUps(@Root() incubation: Incubation, @Ctx() ctx: Context, @Arg('first', () => Int, plainFirst('FollowUp')) first: number): Promise<FollowUp[]> {
    return (await this.followUpsConnection(incubation, ctx, { first })).nodes;
  }

  @FieldResolver(() => FollowUpConnection, { description: 'Follow-ups after graduation 跟踪 (R5), by date, paged.' })
  followUpsConnection(@Root() incubation: Incubation, @Ctx() ctx: Context, @Args() page: PageArgs): Promise<Connection<FollowUp>> {
    return pagedLoader(ctx, 'Incubation.followUps', FollowUp, 'incubation', [['followedUpOn', 'asc']], page).load(incubation.id);
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
