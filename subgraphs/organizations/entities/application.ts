import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UniqueRule } from '../../kit/runtime/transaction';
import { HostKind } from './host';
import { Organization } from './organization';

export enum ApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  PRELIMINARY_PASSED = 'PRELIMINARY_PASSED',
  EXPERT_PASSED = 'EXPERT_PASSED',
  IN_NOTICE = 'IN_NOTICE',
  ADMITTED = 'ADMITTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'Where an application stands in admission 入驻 (R2): 受理 → 初审 → 评审 → 公示 → 入驻.',
  valuesConfig: {
    SUBMITTED: { description: 'Filed 申请 (R1), waiting for acceptance.' },
    ACCEPTED: { description: 'Accepted 受理.' },
    PRELIMINARY_PASSED: { description: 'Passed preliminary review 初审.' },
    EXPERT_PASSED: { description: 'Passed expert review 评审.' },
    IN_NOTICE: { description: 'Under public notice 公示.' },
    ADMITTED: { description: 'Admitted 入驻: an incubation is open.' },
    REJECTED: { description: 'Rejected 不予入驻 at a review step, or by an upheld objection; see rejectionReason.' },
  },
});

/**
 * An application and where it stands; the steps that move it on, with their checks, are in
 * ../lifecycle/admission.ts.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An application 申请 to be incubated (R1), and its admission steps (R2).' })
@Entity()
// One application under review per organization: held by the database against concurrent filings.
@UniqueRule({
  name: 'application_one_pending_per_organization',
  expression: `create unique index "application_one_pending_per_organization" on "application" ("organization_id") where "status" not in ('ADMITTED', 'REJECTED')`,
  message: 'This organization already has an application under review; finish or reject it first. Nothing was changed.',
})
// The public notice board 公示栏 asks "in notice on this day" of every application in a region: a GiST
// index over the notice's days answers that without reading the applications that never were.
@Index({
  name: 'application_notice_days',
  expression: `create index "application_notice_days" on "application" using gist (daterange("notice_from", "notice_to", '[]')) where "notice_from" is not null`,
})
export class Application {
  [OptionalProps]?: 'status' | 'version' | 'acceptedOn' | 'preliminaryReviewedOn' | 'expertReviewedOn' | 'noticeFrom' | 'noticeTo' | 'decidedOn' | 'rejectionReason' | 'publicBenefit' | 'feasibility' | 'team' | 'potential';

  @Field(() => ID, { description: "The application's id 申请编号 (a UUID)." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Organization, { index: true })
  organization!: Organization;

  @Field(() => ID, { description: 'The incubation center 孵化中心 or station 孵化站 applied to.' })
  @Property({ type: 'uuid', index: true })
  hostId!: string;

  @Field(() => HostKind, { description: 'Whether the host applied to is a center 孵化中心 or a station 孵化站.' })
  @Enum({ items: () => HostKind, nativeEnumName: 'host_kind' })
  hostKind!: HostKind;

  /** The host's county when the application was filed: counts and access by county need no other tier. */
  @Property({ type: 'string', length: 6, index: true })
  countyCode!: string;

  @Field(() => ApplicationStatus, { description: 'Where it stands 申请状态 in admission (R2).' })
  @Enum({ items: () => ApplicationStatus, nativeEnumName: 'application_status' })
  status: ApplicationStatus = ApplicationStatus.SUBMITTED;

  @Field(() => Date, { description: 'Filed on 申请日期.' })
  @Property({ type: 'date' })
  submittedOn!: string;

  @Field(() => Date, { nullable: true, description: 'Accepted on 受理日期.' })
  @Property({ type: 'date', nullable: true })
  acceptedOn: string | null = null;

  @Field(() => Date, { nullable: true, description: 'Passed preliminary review on 初审日期.' })
  @Property({ type: 'date', nullable: true })
  preliminaryReviewedOn: string | null = null;

  @Field(() => Date, { nullable: true, description: 'Expert review on 评审日期.' })
  @Property({ type: 'date', nullable: true })
  expertReviewedOn: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Expert score: public benefit 公益性 (0–100).' })
  @Property({ type: 'smallint', nullable: true })
  publicBenefit: number | null = null;

  @Field(() => Int, { nullable: true, description: 'Expert score: operability of the business model 业务模式的可操作性 (0–100).' })
  @Property({ type: 'smallint', nullable: true })
  feasibility: number | null = null;

  @Field(() => Int, { nullable: true, description: 'Expert score: soundness of the team 团队的合理性 (0–100).' })
  @Property({ type: 'smallint', nullable: true })
  team: number | null = null;

  @Field(() => Int, { nullable: true, description: 'Expert score: development potential 发展的潜力 (0–100).' })
  @Property({ type: 'smallint', nullable: true })
  potential: number | null = null;

  @Field(() => Date, { nullable: true, description: 'First day of the public notice 公示.' })
  @Property({ type: 'date', nullable: true })
  noticeFrom: string | null = null;

  @Field(() => Date, { nullable: true, description: 'Last day of the public notice 公示.' })
  @Property({ type: 'date', nullable: true })
  noticeTo: string | null = null;

  @Field(() => Date, { nullable: true, description: 'The day it was admitted or rejected 决定日期.' })
  @Property({ type: 'date', nullable: true })
  decidedOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected 不予入驻原因.' })
  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  @Property({ version: true })
  version!: number;

  @Field(() => Int, { nullable: true, description: 'The total of the four expert scores 评审总分.' })
  get totalScore(): number | null {
    return this.publicBenefit === null ? null : this.publicBenefit + this.feasibility! + this.team! + this.potential!;
  }
}

/** An objection raised during the public notice 公示; an upheld one ends the application. */
@ObjectType({ description: 'An objection 异议 raised during the public notice 公示.' })
@Entity()
@Index({ properties: ['application'] })
export class Objection {
  [OptionalProps]?: 'upheld' | 'version';

  @Field(() => ID, { description: "The objection's id 异议编号 (a UUID)." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Application)
  application!: Application;

  @Field(() => Date, { description: 'The day it was raised 提出日期.' })
  @Property({ type: 'date' })
  raisedOn!: string;

  @Field({ description: 'What the objection says 异议内容.' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => Boolean, { nullable: true, description: 'Upheld 异议成立 or not; null while undecided.' })
  @Property({ type: 'boolean', nullable: true })
  upheld: boolean | null = null;

  /** Two clerks deciding the same objection at once: one wins, the other gets CONFLICT. */
  @Property({ version: true })
  version!: number;
}
