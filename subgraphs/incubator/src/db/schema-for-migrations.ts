// drizzle-kit reads the tables from this module (unqualified: see tables.ts).
import { defineTables } from './tables.js';

export const { organisations, incubator, startups, startupSponsors, startupPhases, startupEvents, seedMarks, idempotencyKeys } =
  defineTables();
