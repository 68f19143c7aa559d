/** Resolvers of the contract's mutations: route to this partner's writes, by global id. */
import {
  parseStartupId,
  type MutationCreateStartupArgs,
  type MutationRecordCommitteeReviewArgs,
  type MutationRecordPhaseChangeArgs,
  type MutationUpdateStartupArgs,
} from '@gouvgraph/schema';
import type { IncubatorContext } from '../context.js';
import { idempotencyKey, requestDigest, type KeyedWrite } from '../db/idempotency.js';
import { badInput, codedError } from '../errors.js';
import { forgetLoaded } from '../loaders.js';

type Ctx = IncubatorContext;

/** The incubator and slug of a startup id this subgraph holds; a coded error for any other id. */
function ownStartup(id: string, ctx: Ctx, field: string): { incubatorId: string; slug: string } {
  const parsed = parseStartupId(id);
  if (!parsed) throw badInput(`\`${field}\` is not a startup id ("<incubator>/<slug>"): ${JSON.stringify(id)}`, field);
  if (!ctx.incubators.has(parsed.partnerId)) {
    throw codedError('NOT_FOUND', `Startup ${id} belongs to incubator ${parsed.partnerId}, which this subgraph does not hold`);
  }
  return { incubatorId: parsed.partnerId, slug: parsed.slug };
}

const REASONS = {
  missing: 'carries no identity from the gateway',
  malformed: 'carries an unreadable identity',
  forged: 'carries an identity the gateway did not sign',
  expired: 'carries an expired identity',
  misdirected: 'carries an identity signed for another partner or another request',
} as const;

/**
 * Defence in depth: the gateway lets a partner write only its own data, and so does the
 * subgraph, from the identity the gateway signed — a call that skipped the gateway has none.
 */
function authorizeWrite(ctx: Ctx, incubatorId: string): void {
  const caller = ctx.caller;
  if (caller === null) return; // no identity key, and told to take writes anyway: development
  if (caller === 'no-key') {
    throw codedError(
      'FORBIDDEN',
      "This subgraph takes no writes: it is not given the gateway's public key (GOUVGRAPH_IDENTITY_PUBLIC_KEY), so it cannot tell who writes",
    );
  }
  if (!caller.ok) throw codedError('UNAUTHENTICATED', `Writes go through the gateway: this request ${REASONS[caller.reason]}`);
  if (caller.identity.kind !== 'partner') throw codedError('UNAUTHENTICATED', 'Only a partner writes, with its token, through the gateway');
  if (caller.identity.partner !== incubatorId) {
    throw codedError('FORBIDDEN', `Partner ${caller.identity.partner ?? '?'} cannot write to ${incubatorId}`);
  }
}

/** Runs a write, then forgets what the request had loaded before it. */
async function write<T>(ctx: Ctx, incubatorId: string, run: () => Promise<T>): Promise<T> {
  authorizeWrite(ctx, incubatorId);
  try {
    return await run();
  } finally {
    forgetLoaded(ctx.loaders);
  }
}

/** The write's idempotency key, scoped to the incubator it writes to, and what it asks; none without a key. */
function keyed(incubatorId: string, mutation: string, args: { idempotencyKey?: string | null }): KeyedWrite | undefined {
  const key = idempotencyKey(args.idempotencyKey);
  return key === undefined ? undefined : { incubatorId, key, request: requestDigest(mutation, args) };
}

export const writeResolvers = {
  Mutation: {
    createStartup: (_: unknown, args: MutationCreateStartupArgs, ctx: Ctx) => {
      const { incubatorId } = args.input;
      return write(ctx, incubatorId, () => ctx.writes.createStartup(args.input, keyed(incubatorId, 'createStartup', args)));
    },
    updateStartup: (_: unknown, args: MutationUpdateStartupArgs, ctx: Ctx) => {
      const startup = ownStartup(args.id, ctx, 'id');
      return write(ctx, startup.incubatorId, () =>
        ctx.writes.updateStartup(startup, args.input, keyed(startup.incubatorId, 'updateStartup', args)),
      );
    },
    recordPhaseChange: (_: unknown, args: MutationRecordPhaseChangeArgs, ctx: Ctx) => {
      const startup = ownStartup(args.startupId, ctx, 'startupId');
      return write(ctx, startup.incubatorId, () =>
        ctx.writes.recordPhaseChange(startup, args.phase, args.start, keyed(startup.incubatorId, 'recordPhaseChange', args)),
      );
    },
    recordCommitteeReview: (_: unknown, args: MutationRecordCommitteeReviewArgs, ctx: Ctx) => {
      const startup = ownStartup(args.startupId, ctx, 'startupId');
      return write(ctx, startup.incubatorId, () =>
        ctx.writes.recordCommitteeReview(startup, args.date, args.comment, keyed(startup.incubatorId, 'recordCommitteeReview', args)),
      );
    },
  },
};
