/**
 * Who is writing, as the gateway tells the partner that owns the data: a signed, short-lived
 * header on each write it forwards. The gateway authenticates the caller (partner token, agent
 * JWT) and signs what it found with its Ed25519 private key; a partner's kit holds only the
 * public key, so it can check an identity but never make one. Each signature names the partner
 * it is for and the exact request body it goes with, so a kit that saw it cannot replay it
 * elsewhere or for another write. A call that skipped the gateway has no valid header.
 *
 *   gouvgraph-identity: v2.<base64url(JSON identity, audience, body hash, expiry)>.<base64url(Ed25519 signature)>
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export const IDENTITY_HEADER = 'gouvgraph-identity';

export interface Identity {
  kind: 'anonymous' | 'agent' | 'partner';
  /** The partner whose token the caller presented. */
  partner?: string;
  /** The agent's subject (its identity provider's opaque id, never a name or an address). */
  subject?: string;
  scopes: string[];
}

/** How long a signed identity is good for: one request's worth. */
const TTL_MS = 30_000;
const VERSION = 'v2';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** A key given as PEM, or as base64 of its DER (a one-line environment variable). */
function keyText(text: string): { key: string | Buffer; format: 'pem' | 'der' } {
  const trimmed = text.trim();
  return trimmed.startsWith('-----BEGIN') ? { key: trimmed, format: 'pem' } : { key: Buffer.from(trimmed, 'base64'), format: 'der' };
}

/** The gateway's signing key, from PEM or base64 PKCS#8 DER. */
export function readIdentityPrivateKey(text: string): KeyObject {
  const { key, format } = keyText(text);
  const parsed = format === 'pem' ? createPrivateKey(key) : createPrivateKey({ key: key as Buffer, format: 'der', type: 'pkcs8' });
  if (parsed.asymmetricKeyType !== 'ed25519') throw new Error('the identity key must be an Ed25519 private key');
  return parsed;
}

/** A kit's verifying key, from PEM or base64 SPKI DER. */
export function readIdentityPublicKey(text: string): KeyObject {
  const { key, format } = keyText(text);
  const parsed = format === 'pem' ? createPublicKey(key) : createPublicKey({ key: key as Buffer, format: 'der', type: 'spki' });
  if (parsed.asymmetricKeyType !== 'ed25519') throw new Error('the identity public key must be an Ed25519 key');
  return parsed;
}

/** A fresh key pair, each as one line of base64 DER (for the environment). */
export function newIdentityKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** Signs `identity` for one request: to `audience` (a partner id), with this exact `body`. */
export function signIdentity(identity: Identity, key: KeyObject, target: { audience: string; body: string }, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...identity, aud: target.audience, body: sha256(target.body), exp: now + TTL_MS })).toString(
    'base64url',
  );
  return `${VERSION}.${payload}.${sign(null, Buffer.from(`${VERSION}.${payload}`), key).toString('base64url')}`;
}

export type VerifiedIdentity =
  | { ok: true; identity: Identity }
  | { ok: false; reason: 'missing' | 'malformed' | 'forged' | 'expired' | 'misdirected' };

/**
 * The identity a header carries, when one of `keys` signed it, it has not expired, and it was
 * made for one of `audiences` and for this very `body`.
 */
export function verifyIdentity(
  header: string | string[] | undefined,
  keys: readonly KeyObject[],
  expected: { audiences: ReadonlySet<string>; body: string },
  now = Date.now(),
): VerifiedIdentity {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const parts = (Array.isArray(header) ? (header[0] ?? '') : header).split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [, payload = '', signature = ''] = parts;
  const signed = Buffer.from(`${VERSION}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  // Several keys while the gateway's is rotated: the old and the new both verify.
  if (!keys.some((key) => verify(null, signed, key, given))) return { ok: false, reason: 'forged' };
  let claims: Partial<Identity> & { exp?: unknown; aud?: unknown; body?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || claims.exp < now) return { ok: false, reason: 'expired' };
  if (typeof claims.aud !== 'string' || !expected.audiences.has(claims.aud) || claims.body !== sha256(expected.body)) {
    return { ok: false, reason: 'misdirected' };
  }
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
