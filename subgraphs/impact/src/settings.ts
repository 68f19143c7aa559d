/**
 * Every setting the impact subgraph reads from its environment (main.ts reads them);
 * docs/operations.md's configuration reference is generated from here.
 */
import { setting } from '@gouvgraph/http';

export const IMPACT_SETTINGS = {
  graphUrl: setting.string({
    env: 'GRAPH_URL',
    type: 'URL',
    required: 'the gateway endpoint whose startups it measures',
    description: 'the gateway endpoint whose startups it measures (read only when `programmeImpact` is asked)',
  }),
  port: setting.port({ env: 'PORT', default: 4020, description: 'the port it listens on' }),
  host: setting.string({ env: 'HOST', type: 'address', default: '127.0.0.1', description: 'the address it listens on' }),
};
