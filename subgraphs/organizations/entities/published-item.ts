import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { HostKind } from './host';

export enum PublishedItemKind {
  POLICY = 'POLICY',
  SERVICE_PURCHASE = 'SERVICE_PURCHASE',
  RESULT = 'RESULT',
  EVALUATION = 'EVALUATION',
  ACTIVITY = 'ACTIVITY',
  OTHER = 'OTHER',
}
registerEnumType(PublishedItemKind, {
  name: 'PublishedItemKind',
  description: 'What a published item 公开信息 is (F5 信息发布).',
  valuesConfig: {
    POLICY: { description: 'A policy 政策.' },
    SERVICE_PURCHASE: { description: 'A government purchase-of-service call 政府购买服务公告.' },
    RESULT: { description: 'A result made public 结果公示 (an award, a selection).' },
    EVALUATION: { description: 'Evaluations and annual inspections 评估和年检.' },
    ACTIVITY: { description: 'Activities and plans 活动和计划.' },
    OTHER: { description: 'Anything else published 其他.' },
  },
});

export enum PublisherLevel {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
  CENTER = 'CENTER',
  STATION = 'STATION',
}
registerEnumType(PublisherLevel, {
  name: 'PublisherLevel',
  description: 'Who published an item 发布单位: a government tier or an incubation center or station.',
  valuesConfig: {
    PROVINCE: { description: 'The province 省 (its civil affairs department 民政厅).' },
    PREFECTURE: { description: 'A prefecture 市(州).' },
    COUNTY: { description: 'A county 县(市、区) (its civil affairs bureau 民政局).' },
    CENTER: { description: 'An incubation center 孵化中心.' },
    STATION: { description: 'An incubation station 孵化站.' },
  },
});

/** The longest title and body an item may carry (the body also under FUHUA_MAX_TEXT). */
export const MAX_TITLE = 200;
export const MAX_BODY = 4000;
export const MAX_LINK = 500;

/**
 * One item of the public information catalogue (F5 信息发布). Withdrawn items stay in the table (and
 * their publishing and withdrawal in the audit trail); the public list leaves them out.
 */
@ObjectType({ description: 'An item of the public information catalogue 信息发布 (F5): a policy, a purchase-of-service call, a result.' })
@Entity()
@Index({ name: 'published_item_listed', properties: ['withdrawnOn', 'publishedOn', 'id'] })
export class PublishedItem {
  [OptionalProps]?: 'version' | 'withdrawnOn' | 'withdrawalReason' | 'link' | 'hostId' | 'hostKind';

  @Field(() => ID, { description: 'Its id 编号.' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => PublishedItemKind, { description: 'What it is 类别.' })
  @Enum({ items: () => PublishedItemKind, nativeEnumName: 'published_item_kind' })
  kind!: PublishedItemKind;

  @Field(() => PublisherLevel, { description: 'Who published it 发布单位: a tier, a center or a station.' })
  @Enum({ items: () => PublisherLevel, nativeEnumName: 'publisher_level' })
  publisherLevel!: PublisherLevel;

  @Field(() => ID, {
    description: "The publisher's region code 行政区划代码: the province, prefecture or county that published it, or the county of the publishing center or station.",
  })
  @Property({ type: 'string', length: 6, index: true })
  regionCode!: string;

  @Property({ type: 'uuid', nullable: true })
  hostId: string | null = null;

  @Enum({ items: () => HostKind, nativeEnumName: 'host_kind', nullable: true })
  hostKind: HostKind | null = null;

  @Field({ description: `Title 标题 (at most ${MAX_TITLE} characters).` })
  @Property({ type: 'string', length: MAX_TITLE })
  title!: string;

  @Field({ description: `The text 正文 (at most ${MAX_BODY} characters).` })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => String, { nullable: true, description: `A link to the full document 原文链接 (http or https, at most ${MAX_LINK} characters).` })
  @Property({ type: 'string', length: MAX_LINK, nullable: true })
  link: string | null = null;

  @Field(() => Date, { description: 'Published on 发布日期.' })
  @Property({ type: 'date' })
  publishedOn!: string;

  @Field(() => Date, { nullable: true, description: 'Withdrawn on 撤回日期; null while published (the public list shows only those).' })
  @Property({ type: 'date', nullable: true })
  withdrawnOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn 撤回原因.' })
  @Property({ type: 'text', nullable: true })
  withdrawalReason: string | null = null;

  /** Two clerks withdrawing one item at once: one wins, the other gets CONFLICT. */
  @Property({ version: true })
  version!: number;
}
