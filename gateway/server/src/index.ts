export {
  AGENTS_PATH,
  createGateway,
  startGateway,
  type Gateway,
  type GatewayOptions,
  type RunningGateway,
  type SupergraphConfig,
} from './server.js';
export { ConfigError, readGatewayConfig, type GatewayConfig } from './config.js';
export { GATEWAY_SETTINGS } from './settings.js';
