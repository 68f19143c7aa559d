/**
 * Who is calling, as the gateway tells a subgraph: a signed, short-lived header. The gateway
 * authenticates the caller (partner token, agent JWT) and signs what it found with a secret it
 * shares with the subgraphs (HMAC-SHA256); a subgraph that holds the secret trusts the header,
 * and only the header, for who may write. A call that skipped the gateway has no valid header.
 *
 *   gouvgraph-identity: v1.<base64url(JSON identity and expiry)>.<base64url(HMAC)>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const IDENTITY_HEADER = 'gouvgraph-identity';

export interface Identity {
  kind: 'anonymous' | 'agent' | 'partner';
  /** The partner whose token the caller presented. */
  partner?: string;
  /** The agent's subject (its identity provider's opaque id, never a name or an address). */
  subject?: string;
  scopes: string[];
}

/** How long a signed identity is good for: enough for one request, too short to replay usefully. */
const TTL_MS = 60_000;

const mac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest();

export function signIdentity(identity: Identity, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...identity, exp: now + TTL_MS })).toString('base64url');
  return `v1.${payload}.${mac(secret, `v1.${payload}`).toString('base64url')}`;
}

export type VerifiedIdentity = { ok: true; identity: Identity } | { ok: false; reason: 'missing' | 'malformed' | 'forged' | 'expired' };

/** The identity a header carries, when one of `secrets` signed it and it has not expired. */
export function verifyIdentity(header: string | string[] | undefined, secrets: readonly string[], now = Date.now()): VerifiedIdentity {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const parts = (Array.isArray(header) ? header[0] ?? '' : header).split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, reason: 'malformed' };
  const [, payload = '', signature = ''] = parts;
  const given = Buffer.from(signature, 'base64url');
  // Several secrets while one is rotated: the old and the new both verify.
  const signed = secrets.some((secret) => {
    const expected = mac(secret, `v1.${payload}`);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!signed) return { ok: false, reason: 'forged' };
  let claims: Partial<Identity> & { exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || claims.exp < now) return { ok: false, reason: 'expired' };
  const kind = claims.kind === 'agent' || claims.kind === 'partner' ? claims.kind : 'anonymous';
  return {
    ok: true,
    identity: {
      kind,
      ...(typeof claims.partner === 'string' ? { partner: claims.partner } : {}),
      ...(typeof claims.subject === 'string' ? { subject: claims.subject } : {}),
      scopes: Array.isArray(claims.scopes) ? claims.scopes.filter((s): s is string => typeof s === 'string') : [],
    },
  };
}
