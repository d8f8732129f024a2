// The organizations tier: grass-roots organizations 社会组织 and their incubation, apply → admit →
// incubate → evaluate → graduate or exit (R1–R6); it contributes incubations and counts to the hosts,
// and serves the public information service (F5 信息发布: public notices 公示 and the published catalogue).
// First: traces (when configured) must see http, express, graphql and pg load.
import '../kit/preload';
import 'reflect-metadata';
import { MilestoneProgressReference, NationalComparisonReference } from '../kit/federation';
import { main, resolveBy, type SubgraphDefinition } from '../kit/runtime';
import { Application, Objection } from './entities/application';
import { IncubationCenterReference, IncubationStationReference } from './entities/host';
import { Evaluation, FollowUp, Incubation, MicroGrant, ServiceDelivery } from './entities/incubation';
import { Organization } from './entities/organization';
import { PublishedItem } from './entities/published-item';
import { migrations } from './migrations';
import { ApplicationResolver } from './resolvers/application';
import { CenterCountsResolver, CountyCountsResolver, StationCountsResolver } from './resolvers/host-counts';
import { IncubationResolver } from './resolvers/incubation';
import { AdmissionFactsResolver, IncubationTotalsResolver, OutcomeFactsResolver } from './resolvers/milestone-facts';
import { OrganizationResolver } from './resolvers/organization';
import { IncubationStatisticsResolver } from './resolvers/statistics';
import { PublicInformationResolver, PublishedItemResolver } from './resolvers/public';
import { QueueResolver } from './resolvers/queues';
import { seedDemo } from './seeds/demo';
import { configure } from './settings';

// The messages of the unique indexes are declared with them, in entities/.

export const organizations: SubgraphDefinition = {
  name: 'organizations',
  entities: [Organization, Application, Objection, Incubation, Evaluation, ServiceDelivery, MicroGrant, FollowUp, PublishedItem],
  resolvers: [OrganizationResolver, ApplicationResolver, IncubationResolver, CenterCountsResolver, StationCountsResolver, CountyCountsResolver, AdmissionFactsResolver, OutcomeFactsResolver, IncubationTotalsResolver, IncubationStatisticsResolver, PublicInformationResolver, PublishedItemResolver, QueueResolver],
  orphanedTypes: [IncubationCenterReference, IncubationStationReference, MilestoneProgressReference, NationalComparisonReference],
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
