// The centers tier: each county's incubation center 孵化中心 (and, with the lifecycle, its evaluations).
// First: traces (when configured) must see http, express, graphql and pg load.
import '../kit/preload';
import 'reflect-metadata';
import { CountyReference, MilestoneProgressReference, NationalComparisonReference } from '../kit/federation';
import { main, resolveBy, type SubgraphDefinition } from '../kit/runtime';
import { IncubationCenter } from './entities/incubation-center';
import { migrations } from './migrations';
import { CountyCenterResolver, CountyCenterYearsResolver, IncubationCenterResolver } from './resolvers/incubation-center';
import { CenterFactsResolver, CenterTotalsResolver } from './resolvers/milestone-facts';
import { CenterStatisticsResolver } from './resolvers/statistics';
import { seedDemo } from './seeds/demo';

export const centers: SubgraphDefinition = {
  name: 'centers',
  entities: [IncubationCenter],
  resolvers: [IncubationCenterResolver, CountyCenterResolver, CountyCenterYearsResolver, CenterFactsResolver, CenterTotalsResolver, CenterStatisticsResolver],
  orphanedTypes: [CountyReference, MilestoneProgressReference, NationalComparisonReference],
  references: { IncubationCenter: resolveBy(IncubationCenter, 'id') },
  migrations,
  seed: seedDemo,
  isSeeded: async (em) => (await em.count(IncubationCenter)) > 0,
};

if (require.main === module) main(centers);
