/**
 * Who a request comes from, read once per request from its `Authorization` header:
 *
 * - nothing: the anonymous public, who reads the open graph;
 * - a partner token (`ggp_…`, from the registry): a partner, who writes its own data;
 * - an OpenID Connect bearer JWT (as ProConnect issues to French public agents): an agent,
 *   verified against the configured issuer, audience and JWKS, with the scopes it carries.
 *
 * A token that is present but not valid is refused (401 UNAUTHENTICATED), never taken as
 * anonymous: a client with an expired token must learn it, not get less data silently.
 */
import type { Identity } from '@gouvgraph/http';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { IncomingMessage } from 'node:http';

export type Caller = Identity;

/** What the resolver needs of the partner registry: a partner token's owner and scopes, or null. */
export interface PartnerTokens {
  authenticate(token: string): Promise<{ partnerId: string; scopes: string[] } | null>;
}

export const ANONYMOUS: Caller = { kind: 'anonymous', scopes: [] };

/** Agents' tokens: who issues them, for whom, and where the issuer's public keys are. */
export interface AgentTokens {
  issuer: string;
  audience: string;
  /** The issuer's JWKS (`https://…/jwks`); fetched and cached, refreshed when an unknown key appears. */
  jwksUrl: string;
}

export class AuthenticationError extends Error {}

/** A partner token that could not be checked: the registry's database did not answer. */
export class TokenCheckUnavailable extends Error {}

/** The scopes of a token: OAuth's space-separated `scope`, or an `scp` list. */
function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(/\s+/).filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((s): s is string => typeof s === 'string');
  return [];
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted here`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
    return 'the token is not signed by the configured issuer';
  }
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JOSEError) return 'the token could not be verified';
  return 'the token could not be verified';
}

export class CallerResolver {
  private readonly jwks: JWTVerifyGetKey | undefined;
  private readonly cache = new WeakMap<IncomingMessage, Promise<Caller>>();

  constructor(
    private readonly partnerTokens: PartnerTokens | undefined,
    private readonly agents: AgentTokens | undefined,
  ) {
    this.jwks = agents ? createRemoteJWKSet(new URL(agents.jwksUrl), { timeoutDuration: 2_000, cooldownDuration: 30_000 }) : undefined;
  }

  /** The caller of `req` (worked out once per request); rejects with AuthenticationError for a bad token. */
  resolve(req: IncomingMessage): Promise<Caller> {
    let caller = this.cache.get(req);
    if (!caller) this.cache.set(req, (caller = this.read(req)));
    return caller;
  }

  private async read(req: IncomingMessage): Promise<Caller> {
    const header = String(req.headers.authorization ?? '');
    if (header === '') return ANONYMOUS;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!token) throw new AuthenticationError('The Authorization header must be "Bearer <token>"');
    if (token.startsWith('ggp_')) {
      let found: { partnerId: string; scopes: string[] } | null = null;
      try {
        found = this.partnerTokens ? await this.partnerTokens.authenticate(token) : null;
      } catch (error) {
        throw new TokenCheckUnavailable('The partner token cannot be checked now: the registry’s database does not answer', {
          cause: error,
        });
      }
      if (!found) throw new AuthenticationError('The partner token is not valid (revoked, rotated, or never issued)');
      return { kind: 'partner', partner: found.partnerId, scopes: found.scopes };
    }
    if (!this.jwks || !this.agents)
      throw new AuthenticationError('This gateway accepts partner tokens only (no agent identity provider is configured)');
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.agents.issuer,
        audience: this.agents.audience,
        requiredClaims: ['sub', 'exp'],
      });
      return { kind: 'agent', subject: String(payload.sub), scopes: scopesOf(payload) };
    } catch (error) {
      throw new AuthenticationError(`The agent token is refused: ${reasonOf(error)}`);
    }
  }
}
