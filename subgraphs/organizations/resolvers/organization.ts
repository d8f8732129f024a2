import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../kit/errors';
import { mayReadDetails, mayReadPersonal } from '../../kit/identity';
import { DESCRIBE, type Context } from '../../kit/runtime';
import { Application } from '../entities/application';
import { Incubation } from '../entities/incubation';
import { Organization, ServiceCategory } from '../entities/organization';

@ObjectType({ description: 'A page of organizations 社会组织.' })
export class OrganizationPage {
  @Field(() => [Organization], { description: 'The organizations 社会组织 of this page.' })
  nodes!: Organization[];

  @Field(() => Int, { description: 'How many match 总数, over all pages.' })
  totalCount!: number;

  @Field(() => String, { nullable: true, description: 'The cursor 游标 to pass as `after` for the next page; null on the last.' })
  endCursor!: string | null;
}

export const MAX_PAGE = 500;

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: 'An organization 社会组织 by id.' })
  async organization(@Arg('id', () => ID, { description: DESCRIBE.id('organization') }) id: string, @Ctx() { loaders }: Context): Promise<Organization> {
    return (await loaders.one(Organization, 'id').load(id)) ?? Promise.reject(notFound(`No organization has id ${id}.`));
  }

  @Query(() => OrganizationPage, {
    description: `Organizations 社会组织, by name then id, filtered by any of: the county or host they applied to, category. Pages of at most ${MAX_PAGE}.`,
  })
  async organizations(
    @Ctx() { em, viewer }: Context,
    @Arg('countyCode', () => ID, { nullable: true, description: 'Only those that applied in this county 县级行政区划代码.' }) countyCode?: string,
    @Arg('hostId', () => ID, { nullable: true, description: 'Only those that applied to this center or station 孵化载体.' }) hostId?: string,
    @Arg('category', () => ServiceCategory, { nullable: true, description: 'Only this service category 服务领域.' }) category?: ServiceCategory,
    @Arg('first', () => Int, { defaultValue: 50, description: `The page size 每页条数 (at most ${MAX_PAGE}).` }) first = 50,
    @Arg('after', { nullable: true, description: 'The endCursor of the previous page 游标.' }) after?: string,
  ): Promise<OrganizationPage> {
    const where: Record<string, unknown> = {};
    if (category) where.category = category;
    const place = { ...(countyCode ? { countyCode } : {}), ...(hostId ? { hostId } : {}) };
    // Admitted organizations are published; applicants (pending or turned down) are seen only where
    // the caller may read applications: everywhere for the province and analysts, in its region for others.
    const admitted = em.createQueryBuilder(Incubation, 'i').select('i.organization_id').where(place).getKnexQuery();
    const applied = (scope: Record<string, unknown>) =>
      em.createQueryBuilder(Application, 'a').select('a.organization_id').where({ ...place, ...scope }).getKnexQuery();
    if (['province_admin', 'analyst'].includes(viewer.role)) {
      if (countyCode || hostId) where.id = { $in: applied({}) };
    } else if (viewer.region) {
      const region = { countyCode: { $like: `${viewer.region.replace(/(00)+$/, '')}%` } };
      where.$or = [{ id: { $in: admitted } }, { id: { $in: applied(region) } }];
    } else {
      where.id = { $in: admitted };
    }
    const offset = after ? Number(Buffer.from(after, 'base64url').toString()) || 0 : 0;
    const limit = Math.min(Math.max(first, 1), MAX_PAGE);
    const [nodes, totalCount] = await em.findAndCount(Organization, where, { orderBy: { name: 'asc', id: 'asc' }, limit, offset });
    const next = offset + nodes.length;
    return { nodes, totalCount, endCursor: next < totalCount ? Buffer.from(String(next)).toString('base64url') : null };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The founder 发起人 — personal data: null unless the caller may see it (the province, or the organization's own prefecture, county or station; never analysts or the public).",
  })
  async founderName(@Root() organization: Organization, @Ctx() { loaders, viewer }: Context): Promise<string | null> {
    const applications = await loaders.many(Application, 'organization', { submittedOn: 'asc' }).load(organization.id);
    return applications.some((a) => mayReadPersonal(viewer, a.countyCode)) ? organization.founderName : null;
  }

  @FieldResolver(() => [Application], {
    description: 'Its applications 申请, oldest first: those the caller may see (not the public; other roles within their region).',
  })
  async applications(@Root() organization: Organization, @Ctx() { loaders, viewer }: Context): Promise<Application[]> {
    const applications = await loaders.many(Application, 'organization', { submittedOn: 'asc' }).load(organization.id);
    return applications.filter((a) => mayReadDetails(viewer, a.countyCode));
  }

  @FieldResolver(() => [Incubation], { description: 'Its incubations 孵化, oldest first.' })
  incubations(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Incubation[]> {
    return loaders.many(Incubation, 'organization', { admittedOn: 'asc' }).load(organization.id);
  }
}
