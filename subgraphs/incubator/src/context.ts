import type { VerifiedIdentity } from '@gouvgraph/http';
import type { IncubatorStore } from './db/store.js';
import type { IncubatorWrites } from './db/writes.js';
import type { Loaders } from './loaders.js';

/** What every resolver of the incubator subgraph gets. */
export interface IncubatorContext {
  /** The incubators this subgraph serves: one for a partner, every one for the oracle. */
  incubators: ReadonlySet<string>;
  store: IncubatorStore;
  loaders: Loaders;
  writes: IncubatorWrites;
  /**
   * Who the gateway says is calling (its signed header); null when this subgraph has no identity
   * key and takes writes from anyone who can reach it (development); `no-key` when it has none and
   * takes no write at all.
   */
  caller: VerifiedIdentity | null | 'no-key';
}
