import type { EntityManager } from '@mikro-orm/postgresql';
import { planDemo } from '../../kit/demo';
import { type Scale } from '../../kit/register';
import { ConstructionMode, IncubationCenter, OperationMode } from '../entities/incubation-center';

/** Seeds this tier's slice of the demo plan: the counties' incubation centers. */
export async function seedDemo(em: EntityManager, scale: Scale, demo: boolean): Promise<string> {
  if (!demo) return 'no demo data';
  const { centers } = planDemo(scale);
  await em.insertMany(
    IncubationCenter,
    centers.map((c) => ({
      ...c,
      constructionMode: c.constructionMode as ConstructionMode,
      operationMode: c.operationMode as OperationMode,
      closedOn: null,
      version: 1,
    })),
  );
  return `${centers.length} incubation centers`;
}
