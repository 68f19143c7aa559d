import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

/** The contract SDL every incubator subgraph implements, as text. */
export const contractSdl: string = readFileSync(new URL('../contract.graphql', import.meta.url), 'utf8');

/** The contract SDL, parsed. */
export const contractTypeDefs: DocumentNode = parse(contractSdl);

/** The name under which the partners' contract is composed, as one logical subgraph. */
export const CONTRACT_SUBGRAPH_NAME = 'incubators';
