import { IsInt, IsNotEmpty, Length, Matches, Max, Min } from 'class-validator';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, notFound } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { mayReadDetails } from '../../kit/identity';
import { connectionType, ISO_DATE, PageArgs, pagedLoader, write, type Connection, type Context } from '../../kit/runtime';
import { plainFirst } from './lists';
import { Application, Objection } from '../entities/application';
import { Organization, ServiceCategory } from '../entities/organization';
import * as admission from '../lifecycle/admission';
import { deskToday } from '../lifecycle/desk';

@InputType({ description: 'An application 申请 to be incubated (R1). C1–C4 are checked on submission.' })
export class SubmitApplicationInput {
  @Field(() => ID, { description: 'The id of the incubation center or station applied to.' })
  @IsNotEmpty()
  hostId!: string;

  @Field(() => ID, { nullable: true, description: 'An organization already on record that applies again; omit for a new one.' })
  organizationId?: string;

  @Field()
  @Length(1, 200)
  organizationName!: string;

  @Field(() => ServiceCategory)
  category!: ServiceCategory;

  @Field({ description: 'The founder 发起人 (personal data).' })
  @Length(1, 100)
  founderName!: string;

  @Field(() => Int, { description: 'C4: full-time staff working on founding or running it (at least 1).' })
  @IsInt()
  @Min(0, { message: 'fullTimeStaff cannot be negative' })
  fullTimeStaff!: number;

  @Field(() => Date)
  @Matches(ISO_DATE)
  submittedOn!: string;

  @Field({ description: 'C1: complies with the policies and regulations on social organizations.' })
  compliesWithRegulations!: boolean;

  @Field({ description: 'C2: start-up, grass-roots, provides social services directly 初创期、草根性、直接提供社会服务.' })
  grassRootsDirectService!: boolean;

  @Field({ description: 'C3: needs to organize, and needs the services the center offers.' })
  needsIncubationServices!: boolean;
}

@InputType({ description: "The expert panel's four scores 评审 (R2), each 0–100." })
export class ExpertReviewInput {
  @Field(() => Date)
  @Matches(ISO_DATE)
  reviewedOn!: string;

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

export const ObjectionConnection = connectionType(Objection);

@Resolver(() => Application)
export class ApplicationResolver {
  @Query(() => Application, { description: 'An application by id.' })
  async application(@Arg('id', () => ID) id: string, @Ctx() { loaders, viewer }: Context): Promise<Application> {
    const application = await loaders.one(Application, 'id').load(id);
    if (!application) throw notFound(`No application has id ${id}.`);
    if (!mayReadDetails(viewer, application.countyCode)) throw forbidden(`A ${viewer.role}${viewer.region ? ` of ${viewer.region}` : ''} may not read applications of county ${application.countyCode}.`);
    return application;
  }

  @FieldResolver(() => Organization)
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
  submitApplication(@Arg('input') input: SubmitApplicationInput, @Ctx() ctx: Context): Promise<Application> {
    return write(ctx, 'submitApplication', (tx, authorize) => admission.submitApplication(tx, authorize, input, deskToday()));
  }

  @Mutation(() => Application, { description: 'R2 受理: accepts an application.' })
  acceptApplication(@Arg('id', () => ID) id: string, @Arg('on', () => Date) on: string, @Ctx() ctx: Context): Promise<Application> {
    return write(ctx, 'acceptApplication', (tx, authorize) => admission.acceptApplication(tx, authorize, { id, on }, deskToday()));
  }

  @Mutation(() => Application, { description: 'R2 初审: records a passed preliminary review.' })
  passPreliminaryReview(@Arg('id', () => ID) id: string, @Arg('on', () => Date) on: string, @Ctx() ctx: Context): Promise<Application> {
    return write(ctx, 'passPreliminaryReview', (tx, authorize) => admission.passPreliminaryReview(tx, authorize, { id, on }, deskToday()));
  }

  @Mutation(() => Application, {
    description: 'R2 评审: records the expert scores; a total below the pass mark (FUHUA_EXPERT_PASS_MARK, default 240) rejects the application.',
  })
  recordExpertReview(@Arg('id', () => ID) id: string, @Arg('input') input: ExpertReviewInput, @Ctx() ctx: Context): Promise<Application> {
    const { reviewedOn, publicBenefit, feasibility, team, potential } = input;
    const review = { id, reviewedOn, publicBenefit, feasibility, team, potential };
    return write(ctx, 'recordExpertReview', (tx, authorize) => admission.recordExpertReview(tx, authorize, review, deskToday()));
  }

  @Mutation(() => Application, {
    description: 'R2 公示: publishes the public notice, first to last day (at least FUHUA_NOTICE_MIN_DAYS days, default 7).',
  })
  publishNotice(@Arg('id', () => ID) id: string, @Arg('from', () => Date) from: string, @Arg('to', () => Date) to: string, @Ctx() ctx: Context): Promise<Application> {
    return write(ctx, 'publishNotice', (tx, authorize) => admission.publishNotice(tx, authorize, { id, from, to }, deskToday()));
  }

  @Mutation(() => Application, { description: 'Rejects an application at any review step, with its reason.' })
  rejectApplication(@Arg('id', () => ID) id: string, @Arg('on', () => Date) on: string, @Arg('reason') reason: string, @Ctx() ctx: Context): Promise<Application> {
    return write(ctx, 'rejectApplication', (tx, authorize) => admission.rejectApplication(tx, authorize, { id, on, reason }, deskToday()));
  }

  @Mutation(() => Objection, { description: 'Records an objection 异议 raised during the public notice.' })
  recordObjection(@Arg('applicationId', () => ID) applicationId: string, @Arg('on', () => Date) on: string, @Arg('text') text: string, @Ctx() ctx: Context): Promise<Objection> {
    return write(ctx, 'recordObjection', (tx, authorize) => admission.recordObjection(tx, authorize, { applicationId, on, text }, deskToday()));
  }

  @Mutation(() => Objection, { description: 'Decides an objection; an upheld one rejects the application.' })
  decideObjection(@Arg('id', () => ID) id: string, @Arg('upheld') upheld: boolean, @Arg('on', () => Date) on: string, @Ctx() ctx: Context): Promise<Objection> {
    return write(ctx, 'decideObjection', (tx, authorize) => admission.decideObjection(tx, authorize, { id, upheld, on }, deskToday()));
  }
}
