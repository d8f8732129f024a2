// Per-request batching: every entity reference or one-to-many lookup made while one GraphQL request
// resolves is collected by a DataLoader and answered by one SQL statement per (entity, field).
import { wrap } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../input';

type Key = string;

/** A column's value as a loader key; a relation (an entity reference) keys by its primary key. */
function keyOf(value: unknown): Key {
  return value !== null && typeof value === 'object' ? String(wrap(value as object, true).getPrimaryKey()) : String(value);
}
type EntityClass<T> = new (...args: never[]) => T;

export class Loaders {
  private readonly cache = new Map<string, DataLoader<Key, unknown>>();
  constructor(private readonly em: EntityManager) {}

  /**
   * The keys worth asking the database for: on a uuid column, a key that is not a UUID matches nothing
   * (and would make PostgreSQL refuse the whole statement), so it is answered "none" without SQL.
   */
  private askable(entity: EntityClass<unknown>, field: string, keys: readonly Key[]): Key[] {
    const property = this.em.getMetadata().find(entity.name)?.properties[field as never] as { type?: string; columnTypes?: string[] } | undefined;
    const uuid = property?.type === 'uuid' || property?.columnTypes?.[0] === 'uuid';
    return uuid ? keys.filter(isUuid) : [...keys];
  }

  /** Loads the one entity whose `field` equals each key (null where none). */
  one<T extends object>(entity: EntityClass<T>, field: keyof T & string): DataLoader<Key, T | null> {
    return this.memo(`one:${entity.name}.${field}`, async (keys) => {
      const asked = this.askable(entity, field, keys);
      const rows = asked.length ? await this.em.find(entity, { [field]: { $in: asked } } as never) : [];
      const byKey = new Map(rows.map((row) => [keyOf(row[field]), row]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
  }

  /** Loads all entities whose `field` equals each key, in `orderBy` order. */
  many<T extends object>(
    entity: EntityClass<T>,
    field: keyof T & string,
    orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>> = {},
  ): DataLoader<Key, T[]> {
    return this.memo(`many:${entity.name}.${field}:${JSON.stringify(orderBy)}`, async (keys) => {
      const asked = this.askable(entity, field, keys);
      const rows = asked.length ? await this.em.find(entity, { [field]: { $in: asked } } as never, { orderBy: orderBy as never }) : [];
      const byKey = new Map<Key, T[]>(keys.map((key) => [key, []]));
      for (const row of rows) byKey.get(keyOf(row[field]))?.push(row);
      return keys.map((key) => byKey.get(key)!);
    });
  }

  /** Any other batched lookup, memoized for the request under `name`. */
  custom<V>(name: string, batch: (keys: readonly Key[]) => Promise<V[]>): DataLoader<Key, V> {
    return this.memo(`custom:${name}`, batch);
  }

  private memo<V>(name: string, batch: (keys: readonly Key[]) => Promise<V[]>): DataLoader<Key, V> {
    let loader = this.cache.get(name) as DataLoader<Key, V> | undefined;
    if (!loader) {
      // No batch size limit: one statement per request whatever the scale (41,352 towns nationally fit
      // in one statement's 65,535 parameters).
      loader = new DataLoader<Key, V>(batch);
      this.cache.set(name, loader as DataLoader<Key, unknown>);
    }
    return loader;
  }
}
