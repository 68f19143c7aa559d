/**
 * The contract's versions. The current one is `contract.graphql`; every earlier one is kept,
 * frozen, in `contracts/`, so that a partner that has not upgraded its kit yet keeps serving:
 * the gateway asks it only for what its version has. A new version may only add (nullable
 * fields, optional arguments and input fields, types): a test holds every version to that.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { contractSdl } from './sdl.js';

/** The version of `contract.graphql`, the one the gateway composes. */
export const CONTRACT_VERSION = '1.3';

export interface ContractVersion {
  version: string;
  sdl: string;
  typeDefs: DocumentNode;
}

/**
 * Earlier versions and the SHA-256 of their file: a published version never changes, since
 * partners run it. The hash makes an edit fail the tests instead of silently moving partners.
 */
export const FROZEN_CONTRACTS: Readonly<Record<string, string>> = {
  '1.0': 'd708da0ff25da88674185cfc0566c12c78d64a2587693f728b9fbb837b9c764e',
  '1.1': '8b4743132480f235546d2e3a5f6eea16b1c83bb65ff58b254bbca84655473b8b',
  '1.2': 'ef76941b9f228a4929f6f82fe66d5baae3a1ad8c0d3bada3f54b053246b1ca0a',
};

function load(version: string, sdl: string): ContractVersion {
  return { version, sdl, typeDefs: parse(sdl) };
}

/** Every version, oldest first; the last is the current one. */
export const CONTRACT_VERSIONS: readonly ContractVersion[] = [
  ...Object.keys(FROZEN_CONTRACTS).map((version) =>
    load(version, readFileSync(new URL(`../contracts/${version}.graphql`, import.meta.url), 'utf8')),
  ),
  load(CONTRACT_VERSION, contractSdl),
];

/** A version by its number, or undefined when the contract never had it. */
export function contractVersion(version: string): ContractVersion | undefined {
  return CONTRACT_VERSIONS.find((v) => v.version === version);
}

/** The SHA-256 of a version's file, as `FROZEN_CONTRACTS` records it. */
export function contractHash(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex');
}
