// The policy's targets as data (一、工作目标): a province administrator changes a threshold and the next
// scorecard follows, with no code change. Code knows how each rule is measured; the database says how much.
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Binding {
  STRIVE = 'STRIVE',
  MUST = 'MUST',
}
registerEnumType(Binding, {
  name: 'Binding',
  description: 'How binding a milestone is.',
  valuesConfig: { STRIVE: { description: 'Strive for 力争 (T2015).' }, MUST: { description: 'Must 都要 (T2017).' } },
});

/** The rules a check can measure. Each has its definition in RULE_DEFINITIONS (and the schema). */
export const RULES = [
  'center',
  'center-incubations-per-year',
  'large-town-stations',
  'station-incubations-per-year',
  'category-coverage',
  'graduation-rate',
  'county-incubations-per-year',
] as const;
export type Rule = (typeof RULES)[number];

export const RULE_DEFINITIONS: Record<Rule, string> = {
  center: 'Incubation centers 孵化中心 open in the county on the date.',
  'center-incubations-per-year': 'Organizations admitted 入驻 by the county center in the milestone year, up to the date.',
  'large-town-stations': 'Incubation stations open on the date in towns the county had designated larger 较大的街道(镇) on the date.',
  'station-incubations-per-year':
    'The fewest organizations admitted in the milestone year (up to the date) by any station counted for large-town-stations; not met when no station counts.',
  'category-coverage':
    'T2020 门类齐全 (complete in categories): how many of the configured service categories the organizations admitted in the county so far cover.',
  'graduation-rate':
    'T2020 功能完善、作用明显 (functioning, visible effect): graduated 出壳 as a percentage of incubations ended by the date (graduated + exited); not met before any has ended.',
  'county-incubations-per-year':
    'T2020 规模 (scale): organizations admitted in the milestone year by the county center and its stations together, up to the date.',
};

@ObjectType({ description: 'A milestone target of the policy: T2015, T2017 or T2020 (一、工作目标).' })
@Entity()
export class Milestone {
  [OptionalProps]?: 'countsDevelopmentZones';

  @Field(() => Int, { description: 'The milestone year: 2015, 2017 or 2020.' })
  @PrimaryKey({ type: 'int', autoincrement: false })
  year!: number;

  @Field(() => Date, { description: 'The deadline; the default date of its progress.' })
  @Property({ type: 'date' })
  deadline!: string;

  @Field(() => Binding)
  @Enum({ items: () => Binding, nativeEnumName: 'binding' })
  binding!: Binding;

  @Field({ description: 'What the policy says, in its words.' })
  @Property({ type: 'text' })
  summary!: string;

  @Field({ description: 'Whether development zones 开发区 count among the counties (default: no, only the statutory ones).' })
  @Property({ type: 'boolean', default: false })
  countsDevelopmentZones: boolean = false;
}

@ObjectType({ description: 'One check of a milestone, with its thresholds (data, not code).' })
@Entity()
@Unique({ name: 'milestone_check_one_per_rule', properties: ['milestone', 'rule'] })
export class MilestoneCheck {
  @Field(() => ID)
  @PrimaryKey({ type: 'int' })
  id!: number;

  @ManyToOne(() => Milestone)
  milestone!: Milestone;

  @Field({ description: `The rule it measures: ${RULES.join(', ')}.` })
  @Property({ type: 'string' })
  rule!: Rule;

  @Field(() => Int, { nullable: true, description: 'The least figure that meets it.' })
  @Property({ type: 'int', nullable: true })
  min!: number | null;

  @Field(() => Int, { nullable: true, description: 'The greatest figure that meets it (e.g. 2 of "1–2 stations").' })
  @Property({ type: 'int', nullable: true })
  max!: number | null;

  @Field(() => [String], { nullable: true, description: 'For category-coverage: the service categories that count.' })
  @Property({ type: 'text[]', nullable: true })
  categories!: string[] | null;

  @Property({ type: 'int' })
  position!: number;

  @Field({ description: 'How the figure is measured.' })
  get definition(): string {
    return RULE_DEFINITIONS[this.rule];
  }
}
