export { adminApi, ADMIN_PREFIX } from './admin-api.js';
export { Registry, RegistryError, type NewPartner, type PartnerRecord, type RegistryOptions } from './registry.js';
