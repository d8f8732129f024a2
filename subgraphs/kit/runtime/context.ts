import type { EntityManager } from '@mikro-orm/postgresql';
import type { WriteRequest } from '../exactly-once';
import type { Viewer } from '../identity/viewer';
import type { Loaders } from './loaders';

/** What every resolver receives: this request's own EntityManager fork and loaders, and the caller. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  viewer: Viewer;
  /** The request a write runs in: its deadline, its caller's Idempotency-Key (none for seeds and internal calls). */
  request?: WriteRequest;
}
