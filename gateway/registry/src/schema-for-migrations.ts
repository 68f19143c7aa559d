// drizzle-kit reads the registry's tables from this module (unqualified: see tables.ts).
import { defineRegistryTables } from './tables.js';

export const { partners, tokens, publications, audit, supergraphs } = defineRegistryTables();
