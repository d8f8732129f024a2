import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../kit/errors';
import { countyCodesIn, mayReadPersonal } from '../../kit/identity';
import { detailsFilter, plainFirst } from './lists';
import { DESCRIBE, connectionType, findPage, PAGE_DEFAULT, PAGE_MAX, PageArgs, pagedLoader, type Connection, type Context } from '../../kit/runtime';
import { Application } from '../entities/application';
import { Incubation } from '../entities/incubation';
import { Organization, ServiceCategory } from '../entities/organization';

export const OrganizationConnection = connectionType(Organization);
export const ApplicationConnection = connectionType(Application);
export const IncubationConnection = connectionType(Incubation);

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: 'An organization 社会组织 by id.' })
  async organization(@Arg('id', () => ID, { description: DESCRIBE.id('organization') }) id: string, @Ctx() { loaders }: Context): Promise<Organization> {
    return (await loaders.one(Organization, 'id').load(id)) ?? Promise.reject(notFound(`No organization has id ${id}.`));
  }

  @Query(() => OrganizationConnection, {
    description: `Organizations 社会组织, by name then id, filtered by any of: the county or host they applied to, category. A connection: pages of \`first\` (default ${PAGE_DEFAULT}, at most ${PAGE_MAX}) after the cursor \`after\`.`,
  })
  async organizations(
    @Ctx() { em, viewer }: Context,
    @Arg('countyCode', () => ID, { nullable: true, description: 'Only those that applied in this county 县级行政区划代码.' }) countyCode?: string,
    @Arg('hostId', () => ID, { nullable: true, description: 'Only those that applied to this center or station 孵化载体.' }) hostId?: string,
    @Arg('category', () => ServiceCategory, { nullable: true, description: 'Only this service category 服务领域.' }) category?: ServiceCategory,
    @Args() page: PageArgs = new PageArgs(),
  ): Promise<Connection<Organization>> {
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
      const region = { countyCode: countyCodesIn(viewer.region) };
      where.$or = [{ id: { $in: admitted } }, { id: { $in: applied(region) } }];
    } else {
      where.id = { $in: admitted };
    }
    return findPage(em, Organization, where, [['name', 'asc']], page);
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
    deprecationReason: 'Use applicationsConnection, which pages through all of them.',
    description: 'Its applications 申请, oldest first: those the caller may see (not the public; other roles within their region); the first `first` only.',
  })
  async applications(
    @Root() organization: Organization,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, plainFirst('Applications')) first: number,
  ): Promise<Application[]> {
    return (await this.applicationsConnection(organization, ctx, { first })).nodes;
  }

  @FieldResolver(() => ApplicationConnection, {
    description: 'Its applications 申请, oldest first, paged: those the caller may see (not the public; other roles within their region).',
  })
  applicationsConnection(@Root() organization: Organization, @Ctx() ctx: Context, @Args() page: PageArgs): Promise<Connection<Application>> {
    const visible = detailsFilter(ctx.viewer);
    return pagedLoader(ctx, `Organization.applications:${visible.key}`, Application, 'organization', [['submittedOn', 'asc']], page, visible).load(organization.id);
  }

  @FieldResolver(() => [Incubation], {
    deprecationReason: 'Use incubationsConnection, which pages through all of them.',
    description: 'Its incubations 孵化, oldest first; the first `first` only.',
  })
  async incubations(
    @Root() organization: Organization,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, plainFirst('Incubations')) first: number,
  ): Promise<Incubation[]> {
    return (await this.incubationsConnection(organization, ctx, { first })).nodes;
  }

  @FieldResolver(() => IncubationConnection, { description: 'Its incubations 孵化, oldest first, paged.' })
  incubationsConnection(@Root() organization: Organization, @Ctx() ctx: Context, @Args() page: PageArgs): Promise<Connection<Incubation>> {
    return pagedLoader(ctx, 'Organization.incubations', Incubation, 'organization', [['admittedOn', 'asc']], page).load(organization.id);
  }
}
