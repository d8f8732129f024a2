import { Entity, Enum, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Host, OneOpenPer } from '../../kit/runtime';

export enum ConstructionMode {
  PUBLIC_PREMISES = 'PUBLIC_PREMISES',
  COMMUNITY_SERVICE_CENTER = 'COMMUNITY_SERVICE_CENTER',
  BRAND_ORGANIZATION = 'BRAND_ORGANIZATION',
  OTHER = 'OTHER',
}
registerEnumType(ConstructionMode, {
  name: 'ConstructionMode',
  description: 'How a center was built 建设模式 (policy §六).',
  valuesConfig: {
    PUBLIC_PREMISES: { description: 'On idle public premises 依托公共资源.' },
    COMMUNITY_SERVICE_CENTER: { description: 'In a community service center 依托社区服务中心.' },
    BRAND_ORGANIZATION: { description: 'By a brand social organization 依托品牌社会组织.' },
    OTHER: { description: 'Another flexible way 其他灵活方式.' },
  },
});

export enum OperationMode {
  PURCHASED_SERVICE = 'PURCHASED_SERVICE',
  CIVIL_AFFAIRS_OFFICE = 'CIVIL_AFFAIRS_OFFICE',
}
registerEnumType(OperationMode, {
  name: 'OperationMode',
  description: 'Who runs a center 运营方式 (policy §七, P1).',
  valuesConfig: {
    PURCHASED_SERVICE: { description: 'A professional agency chosen by government purchase of services 政府购买服务.' },
    CIVIL_AFFAIRS_OFFICE: { description: "The civil-affairs department's own social-organization office 民政部门社会组织管理机构." },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: "A county's social-organization incubation center 社会组织孵化中心 (policy T2015, T2017)." })
@Entity()
@OneOpenPer('incubation_center', 'county_code')
export class IncubationCenter extends Host {
  @Field(() => ConstructionMode, { description: 'How it was built 建设模式.' })
  @Enum({ items: () => ConstructionMode, nativeEnumName: 'construction_mode' })
  constructionMode!: ConstructionMode;

  @Field(() => OperationMode, { description: 'Who runs it 运营方式.' })
  @Enum({ items: () => OperationMode, nativeEnumName: 'operation_mode' })
  operationMode!: OperationMode;

  @Field({ description: 'The organization or office that runs it 运营方.' })
  @Property({ type: 'string' })
  operator!: string;
}
