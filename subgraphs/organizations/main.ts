// The organizations tier: the grass-roots organizations 社会组织 and their incubation.
import 'reflect-metadata';
import { main, resolveBy, type SubgraphDefinition } from '../kit';
import { Organization } from './entities/organization';
import { migrations } from './migrations';
import { OrganizationResolver } from './resolvers/organization';
import { seedDemo } from './seeds/demo';

export const organizations: SubgraphDefinition = {
  name: 'organizations',
  entities: [Organization],
  resolvers: [OrganizationResolver],
  references: { Organization: resolveBy(Organization, 'id') },
  migrations,
  seed: seedDemo,
  isSeeded: async (em) => (await em.count(Organization)) > 0,
};

if (require.main === module) main(organizations);
