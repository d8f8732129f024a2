// The province tier 省: the register of provinces, prefectures and counties, the policy's milestones as
// data, and the scorecards (scorecard/) evaluated over the facts the other tiers contribute.
// First: traces (when configured) must see http, express, graphql and pg load.
import '../kit/preload';
import 'reflect-metadata';
import { main, type SubgraphDefinition } from '../kit/runtime';
import { Milestone, MilestoneCheck } from './entities/milestone';
import { MilestoneProgress } from './entities/progress';
import { County, Prefecture, Province } from './entities/region';
import { migrations } from './migrations';
import { CountyMilestoneResolver, MilestoneResolver, NationResolver, PrefectureMilestoneResolver, ProvinceMilestoneResolver } from './resolvers/milestone';
import { NationalComparisonResolver, NationRankingResolver, ProgressComparisonResolver } from './resolvers/national';
import { MilestoneProgressResolver } from './resolvers/progress';
import { AuditTrailQueryResolver, CountyResolver, PrefectureResolver, ProvinceResolver } from './resolvers/region';
import { loadRegisterCache, referenceFrom } from './register';
import { seedRegister } from './seeds/register';

export const province: SubgraphDefinition = {
  name: 'province',
  entities: [Province, Prefecture, County, Milestone, MilestoneCheck],
  resolvers: [
    ProvinceResolver,
    PrefectureResolver,
    CountyResolver,
    MilestoneResolver,
    NationResolver,
    ProvinceMilestoneResolver,
    PrefectureMilestoneResolver,
    CountyMilestoneResolver,
    MilestoneProgressResolver,
    NationalComparisonResolver,
    NationRankingResolver,
    ProgressComparisonResolver,
    AuditTrailQueryResolver,
  ],
  orphanedTypes: [MilestoneProgress],
  references: {
    Province: referenceFrom((register, code) => register.provinceOf(code)),
    Prefecture: referenceFrom((register, code) => register.prefectureOf(code)),
    County: referenceFrom((register, code) => register.countyOf(code)),
  },
  migrations,
  seed: seedRegister,
  isSeeded: async (em) => (await em.count(Province)) > 0,
  // The register, read once here: every request's register look-ups are answered from memory.
  warm: loadRegisterCache,
};

if (require.main === module) main(province);
