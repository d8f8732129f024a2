import { Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { aliasOf } from '../../kit/runtime/renamed';
import { explainConstraint, UniqueRule } from '../../kit/runtime/transaction';
import { Application } from './application';
import { HostKind } from './host';
import { Organization } from './organization';

export enum IncubationStatus {
  INCUBATING = 'INCUBATING',
  GRADUATED = 'GRADUATED',
  EXITED = 'EXITED',
}
registerEnumType(IncubationStatus, {
  name: 'IncubationStatus',
  description: 'Where an incubation stands 孵化状态: incubating, graduated or exited (R3–R6).',
  valuesConfig: {
    INCUBATING: { description: 'Being incubated 孵化中 (R3).' },
    GRADUATED: { description: 'Graduated 出壳 (R5).' },
    EXITED: { description: 'Left without graduating 退出 (R6).' },
  },
});

/** An incubation and its state; the steps that record and end it, with their checks, are in ../lifecycle/incubation.ts. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "An organization's incubation 孵化 at a center or station, from admission 入驻 to graduation 出壳 or exit 退出." })
@Entity()
// One open incubation per organization, held by the database so two concurrent admissions cannot both win.
@UniqueRule({
  name: 'incubation_one_open_per_organization',
  expression: `create unique index "incubation_one_open_per_organization" on "incubation" ("organization_id") where "status" = 'INCUBATING'`,
  message: 'This organization is already being incubated; it cannot be admitted twice. Nothing was changed.',
})
@Index({ properties: ['hostId', 'admittedOn'] })
// The scorecard's facts pick a scope's counties by code prefix ("22%"): pattern ops let a LIKE prefix use it.
@Index({
  name: 'incubation_county_prefix_admitted_on_index',
  expression: 'create index "incubation_county_prefix_admitted_on_index" on "incubation" ("county_code" varchar_pattern_ops, "admitted_on")',
})
export class Incubation {
  [OptionalProps]?: 'status' | 'version' | 'graduatedOn' | 'exitedOn' | 'exitReason';

  @Field(() => ID, { description: "The incubation's id 孵化编号 (a UUID)." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Organization, { index: true })
  organization!: Organization;

  @OneToOne(() => Application, {
    owner: true,
    unique: explainConstraint('incubation_one_per_application', 'This application was admitted already. Nothing was changed.'),
  })
  application!: Application;

  @Field(() => ID, { description: 'The id of the center or station 孵化载体 that incubates it.' })
  @Property({ type: 'uuid' })
  hostId!: string;

  @Field(() => HostKind, { description: 'Whether it is incubated at a center 孵化中心 or a station 孵化站.' })
  @Enum({ items: () => HostKind, nativeEnumName: 'host_kind' })
  hostKind!: HostKind;

  @Property({ type: 'string', length: 6, index: true })
  countyCode!: string;

  @Field(() => IncubationStatus, { description: 'Where it stands 孵化状态.' })
  @Enum({ items: () => IncubationStatus, nativeEnumName: 'incubation_status' })
  status: IncubationStatus = IncubationStatus.INCUBATING;

  @Field(() => Date, { description: 'Admitted on 入驻日期.' })
  @Property({ type: 'date' })
  admittedOn!: string;

  @Field(() => Date, { description: 'The planned end of the incubation period 孵化期.' })
  @Property({ type: 'date' })
  plannedEndOn!: string;

  @Field(() => Date, { nullable: true, description: 'Graduated on 出壳日期.' })
  @Property({ type: 'date', nullable: true })
  graduatedOn: string | null = null;

  @Field(() => Date, { nullable: true, description: 'Exited on 退出日期.' })
  @Property({ type: 'date', nullable: true })
  exitedOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why it exited 退出原因.' })
  @Property({ type: 'text', nullable: true })
  exitReason: string | null = null;

  @Property({ version: true })
  version!: number;

  /** The last day it was incubated, or null while it still is. */
  get endedOn(): string | null {
    return this.graduatedOn ?? this.exitedOn;
  }
}

@ObjectType({ description: 'A half-yearly evaluation 评估 of an incubation (R4).' })
@Entity()
@UniqueRule({
  name: 'evaluation_one_per_period',
  properties: ['incubation', 'period'],
  message: 'This half-year is evaluated already for this incubation. Nothing was changed.',
})
export class Evaluation {
  @Field(() => ID, { description: "The evaluation's id 评估编号 (a UUID)." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Incubation)
  incubation!: Incubation;

  @Field({ description: 'The half-year evaluated 评估期, like 2016H1.' })
  @Property({ type: 'string', length: 6 })
  period!: string;

  @Field(() => Int, { description: 'Score 评分, 0–100.' })
  @Property({ type: 'smallint' })
  score!: number;
}

export enum ServiceKind {
  PREMISES_AND_EQUIPMENT = 'PREMISES_AND_EQUIPMENT',
  CAPACITY_TRAINING = 'CAPACITY_TRAINING',
  STRATEGIC_PLANNING = 'STRATEGIC_PLANNING',
  INFORMATION_SERVICES = 'INFORMATION_SERVICES',
  MICRO_GRANT = 'MICRO_GRANT',
  RESOURCE_EXPANSION = 'RESOURCE_EXPANSION',
  BOOKKEEPING_CUSTODY = 'BOOKKEEPING_CUSTODY',
  REGISTRATION_ASSISTANCE = 'REGISTRATION_ASSISTANCE',
  GROWTH_EVALUATION = 'GROWTH_EVALUATION',
}
registerEnumType(ServiceKind, {
  name: 'ServiceKind',
  description: 'Services of an incubation (R3): five basic 基础服务 and four extended 延伸服务.',
  valuesConfig: {
    PREMISES_AND_EQUIPMENT: { description: 'Basic: premises and equipment 场地设备.' },
    CAPACITY_TRAINING: { description: 'Basic: capacity training 能力培训.' },
    STRATEGIC_PLANNING: { description: 'Basic: strategic planning 战略规划.' },
    INFORMATION_SERVICES: { description: 'Basic: information services 信息服务.' },
    MICRO_GRANT: { description: 'Basic: micro-grants 小额资助 (amounts in MicroGrant).' },
    RESOURCE_EXPANSION: { description: 'Extended: resource expansion 资源拓展.' },
    BOOKKEEPING_CUSTODY: { description: 'Extended: bookkeeping custody 财务托管.' },
    REGISTRATION_ASSISTANCE: { description: 'Extended: registration assistance 协助注册.' },
    GROWTH_EVALUATION: { description: 'Extended: growth evaluation 成长评估.' },
  },
});

@ObjectType({ description: 'A service delivered during an incubation 孵化服务 (R3).' })
@Entity()
export class ServiceDelivery {
  @Field(() => ID, { description: "The service record's id 服务编号 (a UUID)." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Incubation, { index: true })
  incubation!: Incubation;

  @Field(() => ServiceKind, { description: 'Which service 服务类别.' })
  @Enum({ items: () => ServiceKind, nativeEnumName: 'service_kind' })
  kind!: ServiceKind;

  @Field(() => Date, { description: 'The day it was delivered 服务日期.' })
  @Property({ type: 'date' })
  deliveredOn!: string;

  @Field(() => String, { nullable: true, description: 'A free-text note 备注.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}

export enum FundingSource {
  PUBLIC_FINANCE = 'PUBLIC_FINANCE',
  DONATION = 'DONATION',
  OTHER = 'OTHER',
}
registerEnumType(FundingSource, {
  name: 'FundingSource',
  description: "Where a micro-grant's money comes from 资金来源 (R3).",
  valuesConfig: {
    PUBLIC_FINANCE: { description: 'Public finance 财政.' },
    DONATION: { description: 'Enterprise and public donations 企业及社会各界资助或捐赠.' },
    OTHER: { description: 'Other lawful channels 其他合法渠道.' },
  },
});

@ObjectType({ description: 'A micro-grant 小额资助 to an incubated organization (R3).' })
@Entity()
export class MicroGrant {
  [OptionalProps]?: 'amount'; // the deprecated alias below, not a column

  @Field(() => ID, { description: "The micro-grant's id 资助编号 (a UUID)." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Incubation, { index: true })
  incubation!: Incubation;

  /** Exact decimal yuan, kept as a string end to end (never a float). */
  @Field({ description: 'The amount in yuan 金额(元), an exact decimal string such as "5000.00".' })
  @Property({ type: 'decimal', precision: 12, scale: 2, fieldName: 'amount' })
  amountYuan!: string;

  @Field({ ...aliasOf('amountYuan') })
  get amount(): string {
    return this.amountYuan;
  }

  @Field(() => Date, { description: 'The day it was granted 资助日期.' })
  @Property({ type: 'date' })
  grantedOn!: string;

  @Field(() => FundingSource, { description: 'Where the money came from 资金来源.' })
  @Enum({ items: () => FundingSource, nativeEnumName: 'funding_source' })
  source!: FundingSource;
}

export enum FollowUpKind {
  GROWTH_EVALUATION = 'GROWTH_EVALUATION',
  PROJECT_RECOMMENDATION = 'PROJECT_RECOMMENDATION',
}
registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  description: 'What the operator keeps doing after graduation 出壳后跟踪 (R5).',
  valuesConfig: {
    GROWTH_EVALUATION: { description: 'Growth evaluation 成长评估.' },
    PROJECT_RECOMMENDATION: { description: 'Project recommendation 项目推介.' },
  },
});

@ObjectType({ description: 'A follow-up after graduation 出壳后跟踪 (R5).' })
@Entity()
export class FollowUp {
  [OptionalProps]?: 'on'; // the deprecated alias below, not a column

  @Field(() => ID, { description: "The follow-up's id 跟踪编号 (a UUID)." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Incubation, { index: true })
  incubation!: Incubation;

  @Field(() => FollowUpKind, { description: 'Which follow-up 跟踪类别.' })
  @Enum({ items: () => FollowUpKind, nativeEnumName: 'follow_up_kind' })
  kind!: FollowUpKind;

  @Field(() => Date, { description: 'The day of the follow-up 跟踪日期.' })
  @Property({ type: 'date', fieldName: 'on' })
  followedUpOn!: string;

  @Field(() => Date, { ...aliasOf('followedUpOn') })
  get on(): string {
    return this.followedUpOn;
  }

  @Field(() => String, { nullable: true, description: 'A free-text note 备注.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
