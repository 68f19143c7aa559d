/**
 * Every setting the catalogue subgraph reads from its environment (main.ts reads them);
 * docs/operations.md's configuration reference is generated from here.
 */
import { setting } from '@gouvgraph/http';

export const CATALOG_SETTINGS = {
  databaseUrl: setting.string({
    env: 'DATABASE_URL',
    type: 'Postgres URL',
    defaultText: 'embedded PGlite, in memory',
    description: 'the Postgres database holding the catalogue (in schema `catalog`, seeded when missing)',
  }),
  port: setting.port({ env: 'PORT', default: 4010, description: 'the port it listens on' }),
  host: setting.string({ env: 'HOST', type: 'address', default: '127.0.0.1', description: 'the address it listens on' }),
};
