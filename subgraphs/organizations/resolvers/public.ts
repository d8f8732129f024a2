// The public information service (F5 信息发布), readable by anyone: applications in their public notice
// 公示 (public by nature: the organization, its host, the notice's days, how to object; never a founder's
// name or any other field of the application), and the catalogue of published items with its publish
// and withdraw mutations.
import { raw } from '@mikro-orm/core';
import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { NATION, countyCodesIn, isRegionCode, levelOf, prefectureOf, provinceOf } from '../../kit/identity';
import { ISO_DATE, today, write, type Context } from '../../kit/runtime';
import { PAGE_MAX, PageArgs, connectionType, findPage, type Connection } from '../../kit/runtime/connection';
import { Application, ApplicationStatus } from '../entities/application';
import { HostKind, IncubationCenterReference, IncubationStationReference } from '../entities/host';
import { Organization, ServiceCategory } from '../entities/organization';
import { MAX_BODY, MAX_LINK, MAX_TITLE, PublishedItem, PublishedItemKind } from '../entities/published-item';
import { deskToday } from '../lifecycle/desk';
import * as publishing from '../publishing';

@ObjectType({ description: 'An application in its public notice 公示 (R2), as the public sees it: no founder, no scores, nothing personal.' })
export class PublicNotice {
  @Field(() => ID, { description: 'The notice number 公示编号 (the application id): cite it when objecting.' })
  id!: string;

  @Field({ description: 'The organization 社会组织名称 applying to be admitted.' })
  organizationName!: string;

  @Field(() => ServiceCategory, { description: 'The service category 服务类别 it works in.' })
  category!: ServiceCategory;

  @Field(() => HostKind, { description: 'Whether it applied to a center 孵化中心 or a station 孵化站.' })
  hostKind!: HostKind;

  @Field(() => IncubationCenterReference, { nullable: true, description: 'The incubation center 孵化中心 it applied to (null for a station).' })
  center!: IncubationCenterReference | null;

  @Field(() => IncubationStationReference, { nullable: true, description: 'The incubation station 孵化站 it applied to (null for a center).' })
  station!: IncubationStationReference | null;

  @Field(() => CountyReference, { description: "The host's county 所在县(市、区), whose civil affairs bureau 民政局 receives objections." })
  county!: CountyReference;

  @Field(() => Date, { description: 'First day of the notice 公示开始日期.' })
  noticeFrom!: string;

  @Field(() => Date, { description: 'Last day of the notice 公示截止日期; objections are received until then.' })
  noticeTo!: string;

  @Field({ description: 'How to object 异议方式: to whom, until when, and what happens to an objection.' })
  howToObject!: string;
}

const PublicNoticeConnection = connectionType(PublicNotice);
const PublishedItemConnection = connectionType(PublishedItem);

@InputType({ description: 'An item to publish 发布信息 (F5): in the name of a region (regionCode) or of a center or station (hostId), exactly one.' })
export class PublishItemInput {
  @Field(() => ID, { nullable: true, description: 'The publishing province, prefecture or county 发布单位行政区划代码 (six digits).' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a six-digit region code' })
  regionCode?: string;

  @Field(() => ID, { nullable: true, description: 'The publishing incubation center or station 发布的孵化中心或孵化站.' })
  @IsOptional()
  hostId?: string;

  @Field(() => PublishedItemKind, { description: 'What it is 类别.' })
  kind!: PublishedItemKind;

  @Field({ description: `Title 标题, 1 to ${MAX_TITLE} characters.` })
  @Length(1, MAX_TITLE)
  title!: string;

  @Field({ description: `The text 正文, 1 to ${MAX_BODY} characters.` })
  @Length(1, MAX_BODY)
  body!: string;

  @Field(() => String, { nullable: true, description: `A link to the full document 原文链接 (http or https, at most ${MAX_LINK} characters).` })
  @IsOptional()
  @MaxLength(MAX_LINK)
  link?: string;

  @Field(() => Date, { description: 'Published on 发布日期 (today or earlier).' })
  @Matches(ISO_DATE)
  publishedOn!: string;
}

/** A scope argument (the nation 000000, a province, a prefecture or a county) as a filter on county codes. */
function scopeFilter(scope: string): Record<string, unknown> {
  if (!isRegionCode(scope)) throw badInput(`scope "${scope}" is not a region code: 000000 (the nation), a province (220000), a prefecture (220100) or a county (220102).`);
  return scope === NATION ? {} : countyCodesIn(scope);
}

/** What a notice tells the public about objecting: the policy's R2 公示 step, as the system records it. */
const howToObject = (application: Application) =>
  `公示期内（${application.noticeFrom} 至 ${application.noticeTo}），对拟入驻的社会组织有异议的，可向其申请的孵化中心（站）或所在县（市、区）民政局实名书面提出，并注明公示编号；` +
  `民政局登记每一条异议，异议未作出决定前不予入驻，异议成立的不予入驻。` +
  ` Objections 异议: in writing, with your name and this notice's number, to the host or the county's civil affairs bureau 民政局 from ${application.noticeFrom} to ${application.noticeTo}; ` +
  `the county records each one and decides it before the organization may be admitted, and an upheld objection ends the application.`;

function toNotice(application: Application, organization: Organization): PublicNotice {
  const host = { id: application.hostId };
  return {
    id: application.id,
    organizationName: organization.name,
    category: organization.category,
    hostKind: application.hostKind,
    center: application.hostKind === HostKind.CENTER ? host : null,
    station: application.hostKind === HostKind.STATION ? host : null,
    county: { code: application.countyCode },
    noticeFrom: application.noticeFrom!,
    noticeTo: application.noticeTo!,
    howToObject: howToObject(application),
  };
}

@Resolver()
export class PublicInformationResolver {
  @Query(() => PublicNoticeConnection, {
    description:
      `Public notices 公示, readable by anyone: applications whose notice runs on \`asOf\` (first and last day included) and that were not turned down by then, ` +
      `in the scope's counties, newest notice first; pages of at most ${PAGE_MAX}.`,
  })
  async publicNotices(
    @Ctx() { em, loaders }: Context,
    @Arg('scope', () => ID, { defaultValue: NATION, description: 'The nation 000000, a province, a prefecture or a county 范围.' }) scope: string,
    @Arg('asOf', () => Date, { nullable: true, description: 'The day 日期 (default: today, China Standard Time).' }) asOf: string | undefined,
    @Args() page: PageArgs,
  ): Promise<Connection<PublicNotice>> {
    const place = scopeFilter(scope);
    const day = asOf ?? today();
    // In notice on the day: it had started and not yet ended, and no upheld objection (or clerk) had ended it by then.
    const where = () => ({
      ...(place.$gte ? { countyCode: place } : {}),
      // In notice on the day, asked as the GiST index application_notice_days holds the notice's days
      // (a notice never published has no days: without its dates the range would be unbounded).
      noticeFrom: { $ne: null },
      [raw(`(daterange(notice_from, notice_to, '[]') @> ?::date)`, [day])]: true,
      $or: [{ status: { $ne: ApplicationStatus.REJECTED } }, { decidedOn: { $gt: day } }],
    });
    const applications = await findPage(em, Application, where, [['noticeFrom', 'desc'], ['id', 'desc']], page);
    // The organizations of the page in one statement; only their names and categories leave this function.
    const organizations = await loaders.one(Organization, 'id').loadMany(applications.nodes.map((a) => a.organization.id));
    const notice = (application: Application, i: number) => toNotice(application, organizations[i] as Organization);
    return {
      edges: applications.edges.map(({ cursor }, i) => ({ cursor, node: notice(applications.nodes[i], i) })),
      nodes: applications.nodes.map(notice),
      pageInfo: applications.pageInfo,
      get totalCount() {
        return applications.totalCount;
      },
    };
  }

  @Query(() => PublishedItemConnection, {
    description:
      `The published catalogue 信息发布 (F5), readable by anyone: items published by the scope or anyone in it, withdrawn ones left out, ` +
      `newest first; pages of at most ${PAGE_MAX}.`,
  })
  publishedItems(
    @Ctx() { em }: Context,
    @Arg('scope', () => ID, { defaultValue: NATION, description: 'The nation 000000, a province, a prefecture or a county 范围.' }) scope: string,
    @Arg('kind', () => PublishedItemKind, { nullable: true, description: 'Only items of this kind 类别.' }) kind: PublishedItemKind | undefined,
    @Arg('enclosing', () => Boolean, {
      defaultValue: false,
      description: "Also the items of the regions around the scope 含上级发布: a county's prefecture and province, a prefecture's province.",
    })
    enclosing: boolean,
    @Args() page: PageArgs,
  ): Promise<Connection<PublishedItem>> {
    const place = scopeFilter(scope);
    const above = enclosing ? [provinceOf(scope), prefectureOf(scope)].filter((code) => code !== scope && scope !== NATION) : [];
    const region = place.$gte ? (above.length ? { $or: [{ regionCode: place }, { regionCode: { $in: above } }] } : { regionCode: place }) : {};
    const where = { withdrawnOn: null, ...region, ...(kind ? { kind } : {}) };
    return findPage(em, PublishedItem, where, [['publishedOn', 'desc'], ['id', 'desc']], page);
  }

  @Mutation(() => PublishedItem, {
    description:
      'Publishes an item 发布信息 (F5): a county for itself and its centers and stations, a station operator for its station, the province administrators for any region.',
  })
  publishItem(@Arg('input', { description: 'The item 信息.' }) input: PublishItemInput, @Ctx() ctx: Context): Promise<PublishedItem> {
    return write(ctx, 'publishItem', (tx, authorize) => publishing.publishItem(tx, authorize, input, deskToday()));
  }

  @Mutation(() => PublishedItem, { description: 'Withdraws a published item 撤回信息: it leaves the public list; the audit trail keeps it. Scoped as publishItem.' })
  withdrawItem(
    @Arg('id', () => ID, { description: 'The item 信息编号.' }) id: string,
    @Arg('on', () => Date, { description: 'Withdrawn on 撤回日期 (today or earlier).' }) on: string,
    @Arg('reason', { description: 'Why 撤回原因.' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<PublishedItem> {
    return write(ctx, 'withdrawItem', (tx, authorize) => publishing.withdrawItem(tx, authorize, { id, on, reason }, deskToday()));
  }
}

/** Who published an item, as the federation resolves it: the center or station, and the county. */
@Resolver(() => PublishedItem)
export class PublishedItemResolver {
  @FieldResolver(() => IncubationCenterReference, { nullable: true, description: 'The publishing incubation center 发布的孵化中心, if a center published it.' })
  center(@Root() item: PublishedItem): IncubationCenterReference | null {
    return item.hostKind === HostKind.CENTER && item.hostId ? { id: item.hostId } : null;
  }

  @FieldResolver(() => IncubationStationReference, { nullable: true, description: 'The publishing incubation station 发布的孵化站, if a station published it.' })
  station(@Root() item: PublishedItem): IncubationStationReference | null {
    return item.hostKind === HostKind.STATION && item.hostId ? { id: item.hostId } : null;
  }

  @FieldResolver(() => CountyReference, {
    nullable: true,
    description: 'The county 县(市、区) that published it, or whose center or station did; null for a province or prefecture (see regionCode).',
  })
  county(@Root() item: PublishedItem): CountyReference | null {
    return levelOf(item.regionCode) === 'county' ? { code: item.regionCode } : null;
  }
}
