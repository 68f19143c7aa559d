/**
 * The registry's vocabulary, shared by the registry, its admin API and its command line: who
 * acts, what a new partner is, how a refusal is said, and how partner tokens are made and compared.
 */
import type { ErrorCode } from '@gouvgraph/schema';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The kinds of organisation a partner can be. */
export const KINDS = [
  'central-administration',
  'operator',
  'decentralised-service',
  'local-authority',
  'social-security',
  'other',
] as const;

/** Every partner token starts with it (the gateway tells a partner token from an agent's JWT by it). */
export const TOKEN_PREFIX = 'ggp_';

/** A refused registry operation: a code from the registry, an HTTP status, a message that says what to do. */
export class RegistryError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export interface NewPartner {
  id: string;
  name: string;
  kind: string;
  ownerOrganisation?: string | null;
  contact?: string | null;
}

/** Who made a request, for authorisation and the audit log. */
export interface Actor {
  /** `gateway`: a gateway acting on its own (recording the supergraph it deploys). */
  kind: 'admin' | 'partner' | 'gateway';
  partnerId?: string;
  remote?: string | undefined;
}

export const actorName = (actor: Actor) => (actor.kind === 'partner' ? `partner:${actor.partnerId}` : actor.kind);
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A fresh partner token: shown once, stored only as its hash. */
export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Compares two secrets in constant time (through their hashes, so lengths never leak). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(given), 'hex'), Buffer.from(sha256(expected), 'hex'));
}
