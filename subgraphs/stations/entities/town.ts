import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum TownKind {
  STREET = 'STREET',
  TOWN = 'TOWN',
  TOWNSHIP = 'TOWNSHIP',
  OTHER = 'OTHER',
}
registerEnumType(TownKind, {
  name: 'TownKind',
  description: 'The kind of a town-level unit 乡级行政区划类别.',
  valuesConfig: {
    STREET: { description: 'A street 街道.' },
    TOWN: { description: 'A town 镇.' },
    TOWNSHIP: { description: 'A township 乡 (ethnic townships 民族乡 included).' },
    OTHER: { description: 'A farm 农场, forestry bureau 林业局 or other town-level unit.' },
  },
});

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A town-level unit 街道(镇), e.g. 220102001. Larger towns 较大的街道(镇) run incubation stations 孵化站.' })
@Entity()
export class Town {
  @Field(() => ID, { description: 'Statistical town code 乡级区划代码, nine digits (220102001).' })
  @PrimaryKey({ type: 'string', length: 9 })
  code!: string;

  @Field({ description: 'Official name 名称.' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => TownKind, { description: 'Its kind 类别: street 街道, town 镇, township 乡 or other.' })
  @Enum({ items: () => TownKind, nativeEnumName: 'town_kind' })
  kind!: TownKind;

  @Property({ type: 'string', length: 6, index: true })
  countyCode!: string;
}

/**
 * A county's designation of a town as larger 较大的街道(镇), from one day until (exclusive) another.
 * Kept as a history, not a flag, so a scorecard can be asked for any past date.
 */
@Entity()
@Index({ name: 'large_town_designation_one_open_per_town', expression: 'create unique index "large_town_designation_one_open_per_town" on "large_town_designation" ("town_code") where "until" is null' })
export class LargeTownDesignation {
  [OptionalProps]?: 'until';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 9, index: true })
  townCode!: string;

  @Property({ type: 'string', length: 6, index: true })
  countyCode!: string;

  @Property({ type: 'date' })
  from!: string;

  @Property({ type: 'date', nullable: true })
  until: string | null = null;
}
