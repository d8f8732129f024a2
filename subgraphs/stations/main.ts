// The stations tier: towns 街道(镇), the counties' larger-town designations, and incubation stations 孵化站.
// First: traces (when configured) must see http, express, graphql and pg load.
import '../kit/preload';
import 'reflect-metadata';
import { CountyReference, MilestoneProgressReference, NationalComparisonReference } from '../kit/federation';
import { main, resolveBy, type SubgraphDefinition } from '../kit/runtime';
import { IncubationStation } from './entities/incubation-station';
import { LargeTownDesignation, Town } from './entities/town';
import { migrations } from './migrations';
import { CountyStationYearsResolver, IncubationStationResolver, StationTownResolver } from './resolvers/incubation-station';
import { StationFactsResolver, StationTotalsResolver } from './resolvers/milestone-facts';
import { CountyTownsResolver, TownResolver } from './resolvers/town';
import { StationStatisticsResolver } from './resolvers/statistics';
import { seedDemo } from './seeds/demo';

export const stations: SubgraphDefinition = {
  name: 'stations',
  entities: [Town, LargeTownDesignation, IncubationStation],
  resolvers: [TownResolver, IncubationStationResolver, StationTownResolver, CountyTownsResolver, CountyStationYearsResolver, StationFactsResolver, StationTotalsResolver, StationStatisticsResolver],
  orphanedTypes: [CountyReference, MilestoneProgressReference, NationalComparisonReference],
  references: { Town: resolveBy(Town, 'code'), IncubationStation: resolveBy(IncubationStation, 'id') },
  migrations,
  seed: seedDemo,
  isSeeded: async (em) => (await em.count(Town)) > 0,
};

if (require.main === module) main(stations);
