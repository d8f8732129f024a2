// The organizations tier: grass-roots organizations 社会组织 and their incubation, apply → admit →
// incubate → evaluate → graduate or exit (R1–R6); it contributes incubations and counts to the hosts.
import 'reflect-metadata';
import { MilestoneProgressReference } from '../kit/federation';
import { main, resolveBy, type SubgraphDefinition } from '../kit/runtime';
import { Application, Objection } from './entities/application';
import { IncubationCenterReference, IncubationStationReference } from './entities/host';
import { Evaluation, FollowUp, Incubation, MicroGrant, ServiceDelivery } from './entities/incubation';
import { Organization } from './entities/organization';
import { migrations } from './migrations';
import { ApplicationResolver } from './resolvers/application';
import { CenterCountsResolver, CountyCountsResolver, StationCountsResolver } from './resolvers/host-counts';
import { IncubationResolver } from './resolvers/incubation';
import { AdmissionFactsResolver, OutcomeFactsResolver } from './resolvers/milestone-facts';
import { OrganizationResolver } from './resolvers/organization';
import { QueueResolver } from './resolvers/queues';
import { seedDemo } from './seeds/demo';
import { configure } from './settings';

// The messages of the unique indexes are declared with them, in entities/.

export const organizations: SubgraphDefinition = {
  name: 'organizations',
  entities: [Organization, Application, Objection, Incubation, Evaluation, ServiceDelivery, MicroGrant, FollowUp],
  resolvers: [OrganizationResolver, ApplicationResolver, IncubationResolver, CenterCountsResolver, StationCountsResolver, CountyCountsResolver, AdmissionFactsResolver, OutcomeFactsResolver, QueueResolver],
  orphanedTypes: [IncubationCenterReference, IncubationStationReference, MilestoneProgressReference],
  references: {
    Organization: resolveBy(Organization, 'id'),
    Application: resolveBy(Application, 'id'),
    Incubation: resolveBy(Incubation, 'id'),
  },
  migrations,
  seed: seedDemo,
  isSeeded: async (em) => (await em.count(Organization)) > 0,
  configure: () => void configure(),
};

if (require.main === module) main(organizations);
