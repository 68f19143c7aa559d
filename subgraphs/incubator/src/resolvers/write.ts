/** Resolvers of the contract's mutations: route to this partner's writes, by global id. */
import {
  parseStartupId,
  type MutationCreateStartupArgs,
  type MutationRecordCommitteeReviewArgs,
  type MutationRecordPhaseChangeArgs,
  type MutationUpdateStartupArgs,
} from '@gouvgraph/schema';
import type { IncubatorContext } from '../context.js';
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

/** Runs a write, then forgets what the request had loaded before it. */
async function write<T>(ctx: Ctx, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    forgetLoaded(ctx.loaders);
  }
}

export const writeResolvers = {
  Mutation: {
    createStartup: (_: unknown, args: MutationCreateStartupArgs, ctx: Ctx) => write(ctx, () => ctx.writes.createStartup(args.input)),
    updateStartup: (_: unknown, args: MutationUpdateStartupArgs, ctx: Ctx) =>
      write(ctx, () => ctx.writes.updateStartup(ownStartup(args.id, ctx, 'id'), args.input)),
    recordPhaseChange: (_: unknown, args: MutationRecordPhaseChangeArgs, ctx: Ctx) =>
      write(ctx, () => ctx.writes.recordPhaseChange(ownStartup(args.startupId, ctx, 'startupId'), args.phase, args.start)),
    recordCommitteeReview: (_: unknown, args: MutationRecordCommitteeReviewArgs, ctx: Ctx) =>
      write(ctx, () => ctx.writes.recordCommitteeReview(ownStartup(args.startupId, ctx, 'startupId'), args.date, args.comment)),
  },
};
