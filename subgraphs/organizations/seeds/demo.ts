import type { EntityManager } from '@mikro-orm/postgresql';
import { planDemo, type Scale } from '../../kit';
import { Organization, ServiceCategory } from '../entities/organization';

/** Seeds this tier's slice of the demo plan: the organizations. */
export async function seedDemo(em: EntityManager, scale: Scale): Promise<string> {
  const { incubations } = planDemo(scale);
  await em.transactional(async (tx) => {
    for (let i = 0; i < incubations.length; i += 5000) {
      await tx.insertMany(
        Organization,
        incubations.slice(i, i + 5000).map((p) => ({
          id: p.organizationId,
          name: p.organizationName,
          category: p.category as ServiceCategory,
          founderName: p.founderName,
          fullTimeStaff: p.fullTimeStaff,
          version: 1,
        })),
      );
    }
  });
  return `${incubations.length} organizations`;
}
