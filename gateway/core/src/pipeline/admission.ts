/**
 * Stage 1, admission: who is calling (a token that is present but not valid is refused, 401),
 * and whether the caller is over its rate (429) — at the door, before the body is read. The
 * caller, worked out once, is what every later stage sees in the context.
 */
import { signIdentity } from '@gouvgraph/http';
import type { KeyObject } from 'node:crypto';
import { admissionHandler } from '../identity/admission.js';
import { ANONYMOUS, type CallerResolver } from '../identity/caller.js';
import type { RateLimiter } from '../rate-limit.js';
import type { Stage } from './stage.js';

export interface AdmissionParts {
  /** The GraphQL endpoint's path this door guards. */
  path: string;
  resolver: CallerResolver;
  /** Requests per minute per caller; null: no limit. */
  limiter: RateLimiter | null;
  /** Whether X-Forwarded-For names the client (behind a trusted proxy). */
  trustProxy: boolean;
  /** The key the gateway signs a caller's identity with, on each write it forwards; none: no identity header. */
  identityKey: KeyObject | undefined;
}

export function admissionStage(parts: AdmissionParts): Stage {
  const { resolver, identityKey } = parts;
  return {
    name: 'admission',
    door: admissionHandler({ path: parts.path, resolver, limiter: parts.limiter, trustProxy: parts.trustProxy }),
    context: async (req, context) => {
      // The door already refused a bad token: what is left is a caller.
      const caller = await resolver.resolve(req).catch(() => ANONYMOUS);
      context.caller = caller;
      context.partnerId = caller.kind === 'partner' ? (caller.partner ?? null) : null;
      context.signFor = identityKey ? (audience, body) => signIdentity(caller, identityKey, { audience, body }) : undefined;
    },
  };
}
