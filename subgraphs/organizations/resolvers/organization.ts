import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { notFound, type Context } from '../../kit';
import { Organization } from '../entities/organization';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: 'An organization by id.' })
  async organization(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<Organization> {
    return (await loaders.one(Organization, 'id').load(id)) ?? Promise.reject(notFound(`No organization has id ${id}.`));
  }
}
