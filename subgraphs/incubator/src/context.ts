import type { IncubatorStore } from './db/store.js';
import type { IncubatorWrites } from './db/writes.js';
import type { Loaders } from './loaders.js';

/** What every resolver of the incubator subgraph gets. */
export interface IncubatorContext {
  /** The partner this process serves. */
  partnerId: string;
  store: IncubatorStore;
  loaders: Loaders;
  writes: IncubatorWrites;
}
