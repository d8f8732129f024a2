// The policy's targets as data (一、工作目标): a province administrator changes a threshold and the next
// scorecard follows, with no code change. Code knows how each rule is measured (scorecard/rules.ts); the
// database says which rules a milestone checks and how much.
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RULE_IDS, definitionOf, provinceRuleOf, type RuleId } from '../scorecard/rules';

export enum Binding {
  STRIVE = 'STRIVE',
  MUST = 'MUST',
}
registerEnumType(Binding, {
  name: 'Binding',
  description: 'How binding a milestone is 约束性.',
  valuesConfig: { STRIVE: { description: 'Strive for 力争 (T2015).' }, MUST: { description: 'Must 都要 (T2017).' } },
});

@ObjectType({ description: 'A milestone target of the policy: T2015, T2017 or T2020 (一、工作目标).' })
@Entity()
export class Milestone {
  [OptionalProps]?: 'countsDevelopmentZones';

  @Field(() => Int, { description: 'The milestone year 目标年份: 2015, 2017 or 2020.' })
  @PrimaryKey({ type: 'int', autoincrement: false })
  year!: number;

  @Field(() => Date, { description: 'The deadline 截止日期; the default date of its progress.' })
  @Property({ type: 'date' })
  deadline!: string;

  @Field(() => Binding, { description: 'How binding it is 约束性: strive for 力争 or must 都要.' })
  @Enum({ items: () => Binding, nativeEnumName: 'binding' })
  binding!: Binding;

  @Field({ description: 'What the policy says 政策原文, in its words.' })
  @Property({ type: 'text' })
  summary!: string;

  @Field({ description: 'Whether development zones 开发区 count among the counties (default: no, only the statutory ones).' })
  @Property({ type: 'boolean', default: false })
  countsDevelopmentZones: boolean = false;
}

@ObjectType({ description: 'One check of a milestone 考核指标, with its thresholds (data, not code).' })
@Entity()
@Unique({ name: 'milestone_check_one_per_rule', properties: ['milestone', 'rule'] })
export class MilestoneCheck {
  @Field(() => ID, { description: "The check's id 编号." })
  @PrimaryKey({ type: 'int' })
  id!: number;

  @ManyToOne(() => Milestone)
  milestone!: Milestone;

  @Field({ description: `The rule it measures 指标: ${RULE_IDS.join(', ')}.` })
  @Property({ type: 'string' })
  rule!: RuleId;

  @Field(() => Int, { nullable: true, description: 'The least figure that meets it 下限.' })
  @Property({ type: 'int', nullable: true })
  min!: number | null;

  @Field(() => Int, { nullable: true, description: 'The greatest figure that meets it 上限 (e.g. 2 of "1–2 stations").' })
  @Property({ type: 'int', nullable: true })
  max!: number | null;

  @Field(() => [String], { nullable: true, description: 'For category-coverage: the service categories 服务领域 that count.' })
  @Property({ type: 'text[]', nullable: true })
  categories!: string[] | null;

  @Property({ type: 'int' })
  position!: number;

  @Field({ description: 'How the figure is measured 计算方法.' })
  get definition(): string {
    return definitionOf(this.rule);
  }

  @Field({
    description:
      "Judged once per province (national-upper-middle: the nation's standings), not among each county's checks 省级检查.",
  })
  get perProvince(): boolean {
    return provinceRuleOf(this.rule) !== undefined;
  }
}
