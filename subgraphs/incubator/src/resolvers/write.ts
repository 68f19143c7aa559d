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

export const writeResolvers = {
  Mutation: {
    createStartup: (_: unknown, args: MutationCreateStartupArgs, ctx: Ctx) => ctx.writes.createStartup(args.input),
    updateStartup: (_: unknown, args: MutationUpdateStartupArgs, ctx: Ctx) =>
      ctx.writes.updateStartup(ownStartup(args.id, ctx, 'id'), args.input),
    recordPhaseChange: (_: unknown, args: MutationRecordPhaseChangeArgs, ctx: Ctx) =>
      ctx.writes.recordPhaseChange(ownStartup(args.startupId, ctx, 'startupId'), args.phase, args.start),
    recordCommitteeReview: (_: unknown, args: MutationRecordCommitteeReviewArgs, ctx: Ctx) =>
      ctx.writes.recordCommitteeReview(ownStartup(args.startupId, ctx, 'startupId'), args.date, args.comment),
  },
};
