import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ServiceCategory {
  ELDERLY_CARE = 'ELDERLY_CARE',
  CHILDREN_AND_YOUTH = 'CHILDREN_AND_YOUTH',
  DISABILITY_SUPPORT = 'DISABILITY_SUPPORT',
  POVERTY_RELIEF = 'POVERTY_RELIEF',
  COMMUNITY_SERVICE = 'COMMUNITY_SERVICE',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  CULTURE_AND_SPORTS = 'CULTURE_AND_SPORTS',
  ENVIRONMENT = 'ENVIRONMENT',
  LEGAL_AID = 'LEGAL_AID',
  VOLUNTEERING = 'VOLUNTEERING',
  OTHER = 'OTHER',
}
registerEnumType(ServiceCategory, {
  name: 'ServiceCategory',
  description: 'The social service a grass-roots organization provides 服务领域 (T2020: 门类齐全 counts these).',
  valuesConfig: {
    ELDERLY_CARE: { description: '养老服务' },
    CHILDREN_AND_YOUTH: { description: '青少年服务' },
    DISABILITY_SUPPORT: { description: '助残服务' },
    POVERTY_RELIEF: { description: '扶贫济困' },
    COMMUNITY_SERVICE: { description: '社区服务' },
    EDUCATION: { description: '教育' },
    HEALTH: { description: '卫生健康' },
    CULTURE_AND_SPORTS: { description: '文化体育' },
    ENVIRONMENT: { description: '环境保护' },
    LEGAL_AID: { description: '法律服务' },
    VOLUNTEERING: { description: '志愿服务' },
    OTHER: { description: '其他' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A grass-roots social organization 社会组织, being founded or founded, that applies to be incubated.' })
@Entity()
export class Organization {
  [OptionalProps]?: 'version';

  @Field(() => ID, { description: "The organization's id 编号 (a UUID)." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'Name 名称.' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => ServiceCategory, { description: 'The social service it provides 服务领域.' })
  @Enum({ items: () => ServiceCategory, nativeEnumName: 'service_category' })
  category!: ServiceCategory;

  /** Personal data: exposed through OrganizationResolver.founderName, masked for roles that may not see it. */
  @Property({ type: 'string' })
  founderName!: string;

  @Field(() => Int, { description: 'Full-time staff working on it 专职工作人员 (C4 asks for at least one).' })
  @Property({ type: 'int' })
  fullTimeStaff!: number;

  @Property({ version: true })
  version!: number;
}
