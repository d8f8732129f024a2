import { Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { badInput, conflict } from '../../kit/errors';
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
  valuesConfig: {
    INCUBATING: { description: 'Being incubated 孵化中 (R3).' },
    GRADUATED: { description: 'Graduated 出壳 (R5).' },
    EXITED: { description: 'Left without graduating 退出 (R6).' },
  },
});

/** `2016H1` → its first and last day. */
export function periodBounds(period: string): { from: string; to: string } {
  const match = /^(\d{4})H([12])$/.exec(period);
  if (!match) throw badInput(`period "${period}" must be a year and a half, like 2016H1 or 2016H2.`);
  const [, year, half] = match;
  return half === '1' ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "An organization's incubation 孵化 at a center or station, from admission 入驻 to graduation 出壳 or exit 退出." })
@Entity()
// One open incubation per organization, held by the database so two concurrent admissions cannot both win.
@Index({ name: 'incubation_one_open_per_organization', expression: `create unique index "incubation_one_open_per_organization" on "incubation" ("organization_id") where "status" = 'INCUBATING'` })
@Index({ properties: ['hostId', 'admittedOn'] })
export class Incubation {
  [OptionalProps]?: 'status' | 'version' | 'graduatedOn' | 'exitedOn' | 'exitReason';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Organization, { index: true })
  organization!: Organization;

  @OneToOne(() => Application, { owner: true, unique: 'incubation_one_per_application' })
  application!: Application;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  hostId!: string;

  @Field(() => HostKind)
  @Enum({ items: () => HostKind, nativeEnumName: 'host_kind' })
  hostKind!: HostKind;

  @Property({ type: 'string', length: 6, index: true })
  countyCode!: string;

  @Field(() => IncubationStatus)
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

  @Field(() => String, { nullable: true, description: 'Why it exited.' })
  @Property({ type: 'text', nullable: true })
  exitReason: string | null = null;

  @Property({ version: true })
  version!: number;

  /** The last day it was incubated, or null while it still is. */
  get endedOn(): string | null {
    return this.graduatedOn ?? this.exitedOn;
  }

  graduate(on: string) {
    this.expectIncubating('graduate');
    if (on < this.admittedOn) throw badInput(`Graduation (${on}) cannot come before admission (${this.admittedOn}).`);
    this.graduatedOn = on;
    this.status = IncubationStatus.GRADUATED;
  }

  exit(on: string, reason: string) {
    this.expectIncubating('exit');
    if (on < this.admittedOn) throw badInput(`Exit (${on}) cannot come before admission (${this.admittedOn}).`);
    if (!reason.trim()) throw badInput('Say why the organization exits (reason must not be empty).');
    this.exitedOn = on;
    this.exitReason = reason.trim();
    this.status = IncubationStatus.EXITED;
  }

  /** A half-year may be evaluated only if the incubation ran during it, and once it is over. */
  checkEvaluationPeriod(period: string, now: string) {
    const { from, to } = periodBounds(period);
    if (to >= now) throw badInput(`${period} is not over yet (it ends on ${to}); evaluate a half-year after it ends.`);
    if (to < this.admittedOn) throw badInput(`${period} ended before this incubation began (${this.admittedOn}).`);
    const ended = this.endedOn;
    if (ended && from > ended) throw badInput(`${period} began after this incubation ended (${ended}).`);
  }

  private expectIncubating(action: string) {
    if (this.status !== IncubationStatus.INCUBATING) {
      throw conflict(`Cannot ${action}: the incubation is ${this.status} already (since ${this.endedOn}).`);
    }
  }
}

@ObjectType({ description: 'A half-yearly evaluation 评估 of an incubation (R4).' })
@Entity()
@Unique({ name: 'evaluation_one_per_period', properties: ['incubation', 'period'] })
export class Evaluation {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Incubation)
  incubation!: Incubation;

  @Field({ description: 'The half-year evaluated, like 2016H1.' })
  @Property({ type: 'string', length: 6 })
  period!: string;

  @Field(() => Int, { description: 'Score 0–100.' })
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

@ObjectType({ description: 'A service delivered during an incubation (R3).' })
@Entity()
export class ServiceDelivery {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Incubation, { index: true })
  incubation!: Incubation;

  @Field(() => ServiceKind)
  @Enum({ items: () => ServiceKind, nativeEnumName: 'service_kind' })
  kind!: ServiceKind;

  @Field(() => Date)
  @Property({ type: 'date' })
  deliveredOn!: string;

  @Field(() => String, { nullable: true })
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
  valuesConfig: {
    PUBLIC_FINANCE: { description: 'Public finance 财政.' },
    DONATION: { description: 'Enterprise and public donations 企业及社会各界资助或捐赠.' },
    OTHER: { description: 'Other lawful channels 其他合法渠道.' },
  },
});

@ObjectType({ description: 'A micro-grant 小额资助 to an incubated organization (R3).' })
@Entity()
export class MicroGrant {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Incubation, { index: true })
  incubation!: Incubation;

  /** Exact decimal yuan, kept as a string end to end (never a float). */
  @Field({ description: 'Amount in yuan 元, an exact decimal string such as "5000.00".' })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @Field(() => Date)
  @Property({ type: 'date' })
  grantedOn!: string;

  @Field(() => FundingSource)
  @Enum({ items: () => FundingSource, nativeEnumName: 'funding_source' })
  source!: FundingSource;
}

export enum FollowUpKind {
  GROWTH_EVALUATION = 'GROWTH_EVALUATION',
  PROJECT_RECOMMENDATION = 'PROJECT_RECOMMENDATION',
}
registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  description: 'What the operator keeps doing after graduation (R5).',
  valuesConfig: {
    GROWTH_EVALUATION: { description: 'Growth evaluation 成长评估.' },
    PROJECT_RECOMMENDATION: { description: 'Project recommendation 项目推介.' },
  },
});

@ObjectType({ description: 'A follow-up after graduation 出壳后跟踪 (R5).' })
@Entity()
export class FollowUp {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Incubation, { index: true })
  incubation!: Incubation;

  @Field(() => FollowUpKind)
  @Enum({ items: () => FollowUpKind, nativeEnumName: 'follow_up_kind' })
  kind!: FollowUpKind;

  @Field(() => Date)
  @Property({ type: 'date' })
  on!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
