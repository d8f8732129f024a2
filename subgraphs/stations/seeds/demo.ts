import type { EntityManager } from '@mikro-orm/postgresql';
import { planDemo, stableId } from '../../kit/demo';
import { loadRegister, type Scale } from '../../kit/register';
import { IncubationStation } from '../entities/incubation-station';
import { LargeTownDesignation, Town, TownKind } from '../entities/town';

/** Seeds this tier's part of the register (towns) and of the demo plan (designations, stations). */
export async function seedDemo(em: EntityManager, scale: Scale, demo: boolean): Promise<string> {
  const { towns } = loadRegister(scale);
  const { largeTowns, stations } = demo ? planDemo(scale) : { largeTowns: [], stations: [] };
  await em.transactional(async (tx) => {
    for (let i = 0; i < towns.length; i += 5000) {
      await tx.insertMany(Town, towns.slice(i, i + 5000).map((t) => ({ ...t, kind: t.kind as TownKind })));
    }
    await tx.insertMany(
      LargeTownDesignation,
      largeTowns.map((d) => ({ id: stableId(`large:${d.townCode}`), townCode: d.townCode, countyCode: d.countyCode, from: d.designatedOn, until: null })),
    );
    await tx.insertMany(IncubationStation, stations.map((s) => ({ ...s, closedOn: null, version: 1 })));
  });
  return `${towns.length} town-level units, ${largeTowns.length} larger-town designations, ${stations.length} incubation stations`;
}
