// The administrative register this tier owns: 省 → 市(州) → 县(市、区), GB/T 2260 six-digit codes.
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum CountyKind {
  DISTRICT = 'DISTRICT',
  COUNTY_CITY = 'COUNTY_CITY',
  COUNTY = 'COUNTY',
  AUTONOMOUS_COUNTY = 'AUTONOMOUS_COUNTY',
  BANNER = 'BANNER',
  AUTONOMOUS_BANNER = 'AUTONOMOUS_BANNER',
  DEVELOPMENT_ZONE = 'DEVELOPMENT_ZONE',
  OTHER = 'OTHER',
}
registerEnumType(CountyKind, {
  name: 'CountyKind',
  description: 'The kind of a county-level unit 县级行政区划类别.',
  valuesConfig: {
    DISTRICT: { description: 'A city district 市辖区.' },
    COUNTY_CITY: { description: 'A county-level city 县级市.' },
    COUNTY: { description: 'A county 县.' },
    AUTONOMOUS_COUNTY: { description: 'An autonomous county 自治县.' },
    BANNER: { description: 'A banner 旗 (Inner Mongolia).' },
    AUTONOMOUS_BANNER: { description: 'An autonomous banner 自治旗.' },
    DEVELOPMENT_ZONE: {
      description: 'A development zone 开发区: listed in the register, but not a county for the policy.',
    },
    OTHER: { description: 'Any other county-level unit (forestry districts 林区, special districts 特区).' },
  },
});

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A province-level unit 省级行政区, e.g. 220000 吉林省.' })
@Entity()
export class Province {
  @Field(() => ID, { description: 'GB/T 2260 code 行政区划代码, six digits (220000).' })
  @PrimaryKey({ type: 'string', length: 6 })
  code!: string;

  @Field({ description: 'Official name 名称.' })
  @Property({ type: 'string' })
  name!: string;
}

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A prefecture-level unit 地级行政区 (市、州), e.g. 220100 长春市.' })
@Entity()
export class Prefecture {
  @Field(() => ID, { description: 'GB/T 2260 code 行政区划代码, six digits (220100).' })
  @PrimaryKey({ type: 'string', length: 6 })
  code!: string;

  @Field({ description: 'Official name 名称.' })
  @Property({ type: 'string' })
  name!: string;

  @ManyToOne(() => Province, { mapToPk: true, fieldName: 'province_code', index: true })
  provinceCode!: string;
}

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A county-level unit 县级行政区 (县、市、区), e.g. 220102 南关区. Each must run an incubation center 孵化中心.' })
@Entity()
export class County {
  @Field(() => ID, { description: 'GB/T 2260 code 行政区划代码, six digits (220102).' })
  @PrimaryKey({ type: 'string', length: 6 })
  code!: string;

  @Field({ description: 'Official name 名称.' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => CountyKind, { description: 'Its kind 类别 (district, county-level city, county, development zone …).' })
  @Enum({ items: () => CountyKind, nativeEnumName: 'county_kind' })
  kind!: CountyKind;

  @ManyToOne(() => Prefecture, { mapToPk: true, fieldName: 'prefecture_code' })
  @Index()
  prefectureCode!: string;

  @Field({ description: 'Whether the policy counts it as a county 计入考核 (statutory units; development zones are not).' })
  get statutory(): boolean {
    return this.kind !== CountyKind.DEVELOPMENT_ZONE;
  }
}

@ObjectType({
  description:
    'The whole country 全国 as a scope: code 000000, every province in the register. Wherever a scope or region code is taken, 000000 is the nation.',
})
export class Nation {
  @Field(() => ID, { description: '000000, the code of the whole country 全国.' })
  code!: string;

  @Field({ description: '全国.' })
  name!: string;
}
