import type { EntityManager } from '@mikro-orm/postgresql';
import { loadRegister, type Scale } from '../../kit/register';
import { County, CountyKind, Prefecture, Province } from '../entities/region';

/** Seeds this tier's part of the register: provinces, prefectures and county-level units. */
export async function seedRegister(em: EntityManager, scale: Scale): Promise<string> {
  const register = loadRegister(scale);
  await em.transactional(async (tx) => {
    await tx.insertMany(Province, register.provinces);
    await tx.insertMany(Prefecture, register.prefectures);
    await tx.insertMany(
      County,
      register.counties.map((c) => ({ ...c, kind: c.kind as CountyKind })),
    );
  });
  return `${register.provinces.length} provinces, ${register.prefectures.length} prefectures, ${register.counties.length} county-level units`;
}
