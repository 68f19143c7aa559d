/** Every operation the open data sends to the graph: the gateway registers them as trusted documents. */
import { FEED_OPERATIONS } from './programme-events.js';
import { TABLE_OPERATIONS } from './tables.js';

export const OPEN_DATA_OPERATIONS: readonly string[] = [...TABLE_OPERATIONS, ...FEED_OPERATIONS];
