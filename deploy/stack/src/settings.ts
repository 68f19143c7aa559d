/**
 * Every setting the start command (`pnpm start`, main.ts) reads from its environment;
 * docs/operations.md's configuration reference is generated from here.
 */
import { setting } from '@gouvgraph/http';

export const START_SETTINGS = {
  port: setting.port({ env: 'PORT', default: 4000, description: "the gateway's port (every other server takes a free one)" }),
  host: setting.string({ env: 'HOST', type: 'address', default: '127.0.0.1', description: 'the address every server listens on' }),
  databaseUrl: setting.string({
    env: 'DATABASE_URL',
    type: 'Postgres URL',
    defaultText: 'embedded PGlite',
    description: 'one Postgres database for every partner (each in its own schema), the catalogue and the registry',
  }),
  pgliteDataDir: setting.string({
    env: 'PGLITE_DATA_DIR',
    type: 'path',
    defaultText: 'in memory',
    description: 'where embedded PGlite keeps its files (unset: nothing is kept)',
  }),
  // Unset is not the empty list: unset runs every partner, `PARTNERS=,` none.
  partners: setting.list({
    env: 'PARTNERS',
    itemType: 'partner ids',
    item: (id) => id,
    default: undefined,
    defaultText: 'every incubator of the seed data (23)',
    description: 'the partners to start',
  }),
  adminToken: setting.string({
    env: 'GOUVGRAPH_ADMIN_TOKEN',
    type: 'secret',
    defaultText: 'one made for the run, and printed',
    description: "the registry's admin token",
  }),
};
