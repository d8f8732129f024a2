import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from './loaders';

/** What every resolver receives: this request's own EntityManager fork and loaders. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
}
