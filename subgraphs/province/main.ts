// The province tier 省: the register of provinces, prefectures and counties (and the policy's milestones).
import 'reflect-metadata';
import { main, resolveBy, type SubgraphDefinition } from '../kit';
import { County, Prefecture, Province } from './entities/region';
import { migrations } from './migrations';
import { CountyResolver, PrefectureResolver, ProvinceResolver } from './resolvers/region';
import { seedRegister } from './seeds/register';

export const province: SubgraphDefinition = {
  name: 'province',
  entities: [Province, Prefecture, County],
  resolvers: [ProvinceResolver, PrefectureResolver, CountyResolver],
  references: {
    Province: resolveBy(Province, 'code'),
    Prefecture: resolveBy(Prefecture, 'code'),
    County: resolveBy(County, 'code'),
  },
  migrations,
  seed: seedRegister,
  isSeeded: async (em) => (await em.count(Province)) > 0,
};

if (require.main === module) main(province);
