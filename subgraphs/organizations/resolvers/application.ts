import { IsInt, IsNotEmpty, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, notFound } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { mayReadDetails } from '../../kit/identity';
import { DESCRIBE, ISO_DATE, aliasOf, connectionType, pagedLoader, pickRenamed, renamedArg, write, PageArgs, type Connection, type Context } from '../../kit/runtime';
import { plainFirst } from './lists';
import { Application, Objection } from '../entities/application';
import { Organization, ServiceCategory } from '../entities/organization';
import * as admission from '../lifecycle/admission';
import { deskToday } from '../lifecycle/desk';

@InputType({ description: 'An application 申请 to be incubated (R1). C1–C4 are checked on submission.' })
export class SubmitApplicationInput {
  @Field(() => ID, { description: 'The id of the incubation center 孵化中心 or station 孵化站 applied to.' })
  @IsNotEmpty()
  hostId!: string;

  @Field(() => ID, { nullable: true, description: 'An organization 社会组织 already on record that applies again; omit for a new one.' })
  organizationId?: string;

  @Field({ description: "The organization's name 名称 (1–200 characters)." })
  @Length(1, 200)
  organizationName!: string;

  @Field(() => ServiceCategory, { description: 'The social service it provides 服务领域.' })
  category!: ServiceCategory;

  @Field({ description: 'The founder 发起人 (personal data).' })
  @Length(1, 100)
  founderName!: string;

  @Field(() => Int, { description: 'C4: full-time staff 专职工作人员 working on founding or running it (at least 1).' })
  @IsInt()
  @Min(0, { message: 'fullTimeStaff cannot be negative' })
  fullTimeStaff!: number;

  @Field(() => Date, { description: 'The day it is filed 申请日期.' })
  @Matches(ISO_DATE)
  submittedOn!: string;

  @Field({ description: 'C1: complies with the policies and regulations on social organizations 符合法规政策.' })
  compliesWithRegulations!: boolean;

  @Field({ description: 'C2: start-up, grass-roots, provides social services directly 初创期、草根性、直接提供社会服务.' })
  grassRootsDirectService!: boolean;

  @Field({ description: 'C3: needs to organize, and needs the services the center offers 有孵化需求.' })
  needsIncubationServices!: boolean;
}

@InputType({ description: "The expert panel's four scores 评审 (R2), each 0–100." })
export class ExpertReviewInput {
  @Field(() => Date, { nullable: true, description: 'The day of the expert review 评审日期 (Application.expertReviewedOn). Required (or its deprecated old name `reviewedOn`).' })
  @IsOptional()
  @Matches(ISO_DATE)
  expertReviewedOn?: string;

  @Field(() => Date, { nullable: true, ...aliasOf('expertReviewedOn') })
  @IsOptional()
  @Matches(ISO_DATE)
  reviewedOn?: string;

  @Field(() => Int, { description: 'Public benefit 公益性.' })
  @IsInt() @Min(0) @Max(100)
  publicBenefit!: number;

  @Field(() => Int, { description: 'Operability of the business model 业务模式的可操作性.' })
  @IsInt() @Min(0) @Max(100)
  feasibility!: number;

  @Field(() => Int, { description: 'Soundness of the team 团队的合理性.' })
  @IsInt() @Min(0) @Max(100)
  team!: number;

  @Field(() => Int, { description: 'Development potential 发展的潜力.' })
  @IsInt() @Min(0) @Max(100)
  potential!: number;
}

// Each day is named for what happened on it, as the field that shows it (README: naming); the old names
// stay, deprecated, for one release.
const acceptedOn = renamedArg('acceptedOn', 'on', 'The day it is accepted 受理日期.');
const preliminaryReviewedOn = renamedArg('preliminaryReviewedOn', 'on', 'The day it passed preliminary review 初审日期.');
const noticeFrom = renamedArg('noticeFrom', 'from', 'The first day of the public notice 公示开始日期.');
const noticeTo = renamedArg('noticeTo', 'to', 'The last day of the public notice 公示结束日期.');
const rejectedOn = renamedArg('decidedOn', 'on', 'The day it is rejected 决定日期 (Application.decidedOn).');
const raisedOn = renamedArg('raisedOn', 'on', 'The day it was raised 提出日期.');
const decidedOn = renamedArg('decidedOn', 'on', 'The day it is decided 决定日期.');
export const ObjectionConnection = connectionType(Objection);

@Resolver(() => Application)
export class ApplicationResolver {
  @Query(() => Application, { description: 'An application 申请 by id.' })
  async application(@Arg('id', () => ID, { description: DESCRIBE.id('application') }) id: string, @Ctx() { loaders, viewer }: Context): Promise<Application> {
    const application = await loaders.one(Application, 'id').load(id);
    if (!application) throw notFound(`No application has id ${id}.`);
    if (!mayReadDetails(viewer, application.countyCode)) throw forbidden(`A ${viewer.role}${viewer.region ? ` of ${viewer.region}` : ''} may not read applications of county ${application.countyCode}.`);
    return application;
  }

  @FieldResolver(() => Organization, { description: 'The organization 社会组织 that applied.' })
  async organization(@Root() application: Application, @Ctx() { loaders }: Context): Promise<Organization> {
    return (await loaders.one(Organization, 'id').load(application.organization.id))!;
  }

  @FieldResolver(() => CountyReference, { description: 'The county 县区 of the host applied to.' })
  county(@Root() application: Application): CountyReference {
    return { code: application.countyCode };
  }

  @FieldResolver(() => [Objection], {
    deprecationReason: 'Use objectionsConnection, which pages through all of them.',
    description: 'Objections 异议 raised during its public notice 公示, oldest first; the first `first` only.',
  })
  async objections(@Root() application: Application, @Ctx() ctx: Context, @Arg('first', () => Int, plainFirst('Objections')) first: number): Promise<Objection[]> {
    return (await this.objectionsConnection(application, ctx, { first })).nodes;
  }

  @FieldResolver(() => ObjectionConnection, { description: 'Objections 异议 raised during its public notice 公示, oldest first, paged.' })
  objectionsConnection(@Root() application: Application, @Ctx() ctx: Context, @Args() page: PageArgs): Promise<Connection<Objection>> {
    return pagedLoader(ctx, 'Application.objections', Objection, 'application', [['raisedOn', 'asc']], page).load(application.id);
  }

  // The mutations only parse their arguments: each step, with all of its checks, is in ../lifecycle/admission.ts.

  @Mutation(() => Application, { description: 'R1 申请: files an application; C1–C4 are checked and a failing one is named.' })
  submitApplication(@Arg('input', { description: 'The application 申请 with its C1–C4 declarations.' }) input: SubmitApplicationInput, @Ctx() ctx: Context): Promise<Application> {
    return write(ctx, 'submitApplication', (tx, authorize) => admission.submitApplication(tx, authorize, input, deskToday()));
  }

  @Mutation(() => Application, { description: 'R2 受理: accepts an application.' })
  acceptApplication(@Arg('id', () => ID, { description: DESCRIBE.id('application') }) id: string, @acceptedOn.arg day: string | undefined, @acceptedOn.old on: string | undefined, @Ctx() ctx: Context): Promise<Application> {
    const input = { id, on: acceptedOn.value(day, on) };
    return write(ctx, 'acceptApplication', (tx, authorize) => admission.acceptApplication(tx, authorize, input, deskToday()));
  }

  @Mutation(() => Application, { description: 'R2 初审: records a passed preliminary review.' })
  passPreliminaryReview(@Arg('id', () => ID, { description: DESCRIBE.id('application') }) id: string, @preliminaryReviewedOn.arg day: string | undefined, @preliminaryReviewedOn.old on: string | undefined, @Ctx() ctx: Context): Promise<Application> {
    const input = { id, on: preliminaryReviewedOn.value(day, on) };
    return write(ctx, 'passPreliminaryReview', (tx, authorize) => admission.passPreliminaryReview(tx, authorize, input, deskToday()));
  }

  @Mutation(() => Application, {
    description: 'R2 评审: records the expert scores; a total below the pass mark (FUHUA_EXPERT_PASS_MARK, default 240) rejects the application.',
  })
  recordExpertReview(@Arg('id', () => ID, { description: DESCRIBE.id('application') }) id: string, @Arg('input', { description: "The panel's four scores and the day 评审." }) input: ExpertReviewInput, @Ctx() ctx: Context): Promise<Application> {
    const { publicBenefit, feasibility, team, potential } = input;
    const review = { id, reviewedOn: pickRenamed('expertReviewedOn', input.expertReviewedOn, 'reviewedOn', input.reviewedOn), publicBenefit, feasibility, team, potential };
    return write(ctx, 'recordExpertReview', (tx, authorize) => admission.recordExpertReview(tx, authorize, review, deskToday()));
  }

  @Mutation(() => Application, {
    description: 'R2 公示: publishes the public notice, first to last day (at least FUHUA_NOTICE_MIN_DAYS days, default 7).',
  })
  publishNotice(@Arg('id', () => ID, { description: DESCRIBE.id('application') }) id: string, @noticeFrom.arg first: string | undefined, @noticeFrom.old from: string | undefined, @noticeTo.arg last: string | undefined, @noticeTo.old to: string | undefined, @Ctx() ctx: Context): Promise<Application> {
    const input = { id, from: noticeFrom.value(first, from), to: noticeTo.value(last, to) };
    return write(ctx, 'publishNotice', (tx, authorize) => admission.publishNotice(tx, authorize, input, deskToday()));
  }

  @Mutation(() => Application, { description: 'Rejects an application 不予入驻 at any review step, with its reason.' })
  rejectApplication(@Arg('id', () => ID, { description: DESCRIBE.id('application') }) id: string, @rejectedOn.arg day: string | undefined, @rejectedOn.old on: string | undefined, @Arg('reason', { description: 'Why it is rejected 不予入驻原因.' }) reason: string, @Ctx() ctx: Context): Promise<Application> {
    const input = { id, on: rejectedOn.value(day, on), reason };
    return write(ctx, 'rejectApplication', (tx, authorize) => admission.rejectApplication(tx, authorize, input, deskToday()));
  }

  @Mutation(() => Objection, { description: 'Records an objection 异议 raised during the public notice.' })
  recordObjection(@Arg('applicationId', () => ID, { description: DESCRIBE.id('application') }) applicationId: string, @raisedOn.arg day: string | undefined, @raisedOn.old on: string | undefined, @Arg('text', { description: 'What the objection says 异议内容.' }) text: string, @Ctx() ctx: Context): Promise<Objection> {
    const input = { applicationId, on: raisedOn.value(day, on), text };
    return write(ctx, 'recordObjection', (tx, authorize) => admission.recordObjection(tx, authorize, input, deskToday()));
  }

  @Mutation(() => Objection, { description: 'Decides an objection 异议处理; an upheld one rejects the application.' })
  decideObjection(@Arg('id', () => ID, { description: DESCRIBE.id('objection') }) id: string, @Arg('upheld', { description: 'True to uphold it 异议成立 (the application is rejected), false to dismiss it.' }) upheld: boolean, @decidedOn.arg day: string | undefined, @decidedOn.old on: string | undefined, @Ctx() ctx: Context): Promise<Objection> {
    const input = { id, upheld, on: decidedOn.value(day, on) };
    return write(ctx, 'decideObjection', (tx, authorize) => admission.decideObjection(tx, authorize, input, deskToday()));
  }
}
