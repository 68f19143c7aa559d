/** Resolvers of the contract's read side for one partner. */
import {
  DateScalar,
  URLScalar,
  parseStartupId,
  startupGlobalId,
  type Incubator,
  type QueryIncubatorArgs,
  type QueryStartupArgs,
  type QueryStartupsArgs,
} from '@gouvgraph/schema';
import type { GraphQLResolveInfo } from 'graphql';
import type { IncubatorContext } from '../context.js';
import type { IncubatorRecord, StartupRecord } from '../db/store.js';
import { resolveStartupConnection } from './connection.js';

type Ctx = IncubatorContext;

async function ownIncubator(id: string, ctx: Ctx): Promise<IncubatorRecord | null> {
  return ctx.incubators.has(id) ? ctx.loaders.incubator.load(id) : null;
}

/** The startup an id names, when this subgraph serves its incubator and the row is that incubator's. */
async function ownStartup(id: string, ctx: Ctx): Promise<StartupRecord | null> {
  const parsed = parseStartupId(id);
  if (!parsed || !ctx.incubators.has(parsed.partnerId)) return null;
  const row = await ctx.loaders.startup.load(parsed.slug);
  return row && row.incubatorId === parsed.partnerId ? row : null;
}

export const readResolvers = {
  Date: DateScalar,
  URL: URLScalar,

  Query: {
    incubators: async (_: unknown, __: unknown, ctx: Ctx) =>
      (await ctx.store.incubators()).filter((incubator) => ctx.incubators.has(incubator.id)),
    incubator: (_: unknown, args: QueryIncubatorArgs, ctx: Ctx) => ownIncubator(args.id, ctx),
    startups: (_: unknown, args: QueryStartupsArgs, ctx: Ctx, info: GraphQLResolveInfo) => resolveStartupConnection(args, ctx, info),
    startup: (_: unknown, args: QueryStartupArgs, ctx: Ctx) => ownStartup(args.id, ctx),
    organisation: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.loaders.organisation.load(args.id),
  },

  Organisation: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.organisation.load(ref.id),
  },

  Incubator: {
    __resolveReference: (ref: Pick<Incubator, 'id'>, ctx: Ctx) => ownIncubator(ref.id, ctx),
    owner: (incubator: IncubatorRecord, _: unknown, ctx: Ctx) =>
      incubator.ownerId ? ctx.loaders.organisation.load(incubator.ownerId) : null,
    // The incubator scopes the connection: a filter naming another incubator selects nothing.
    startups: (incubator: IncubatorRecord, args: QueryStartupsArgs, ctx: Ctx, info: GraphQLResolveInfo) =>
      resolveStartupConnection(args, ctx, info, incubator.id),
    startupTally: (incubator: IncubatorRecord, _: unknown, ctx: Ctx) => ctx.loaders.tally.load(incubator.id),
    thematics: (incubator: IncubatorRecord, _: unknown, ctx: Ctx) => ctx.loaders.thematics.load(incubator.id),
  },

  Startup: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ownStartup(ref.id, ctx),
    id: (startup: StartupRecord) => startupGlobalId(startup.incubatorId, startup.slug),
    incubator: (startup: StartupRecord, _: unknown, ctx: Ctx) => ctx.loaders.incubator.load(startup.incubatorId),
    sponsors: (startup: StartupRecord, _: unknown, ctx: Ctx) => ctx.loaders.sponsors.load(startup.slug),
    phases: async (startup: StartupRecord, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.phases.load(startup.slug)).map((p) => ({ phase: p.phase, start: p.start, end: p.end })),
    events: async (startup: StartupRecord, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.events.load(startup.slug)).map((e) => ({ kind: e.kind, date: e.date, comment: e.comment })),
    fastFunding: (startup: StartupRecord) =>
      startup.fastRound === null && startup.fastAmountEuros === null
        ? null
        : { round: startup.fastRound, amountEuros: startup.fastAmountEuros },
  },
};
