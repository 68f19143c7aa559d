/**
 * A partner subgraph written independently of the incubator kit: plain `buildSubgraphSchema`
 * over the contract SDL, one real incubator's seed held in memory, served by Apollo Server over
 * node:http. Well-behaved, it answers exactly what the kit answers for that incubator, so the
 * gateway can be shown to rely on the contract and not on the kit's own habits ("trust no
 * partner"). A test then switches it into the bugs a careless partner ships (`setBehaviour`),
 * each one the gateway must survive: pages out of order, a wrong sort key, a forgotten `after`,
 * ids and incubators of other partners, malformed dates, unsafe links, a made-up count, huge
 * or slow answers, raw exceptions.
 *
 * It is a read-only test partner: every mutation is refused with a coded FORBIDDEN error.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadSeedData, partnerSeed, type SeedData } from '@gouvgraph/data';
import { createGraphQLHandler, listen, type RequestHandler } from '@gouvgraph/http';
import { codedError, compareBytewise, contractSdl, DateScalar, factsOf, tallyOf, URLScalar } from '@gouvgraph/schema';
import { GraphQLScalarType, parse } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readPartnerData, type IncubatorRow, type PartnerData, type PhaseRow, type StartupRow } from './independent-partner-data.js';
import { startupConnection, type PagerQuirks, type StartupsArgs } from './independent-partner-pages.js';

/** How the partner behaves; each kind but the first is one bug of a careless partner. */
export type PartnerBehaviour =
  /** Exactly what the incubator kit answers for the same incubator. */
  | { kind: 'well-behaved' }
  /** Each page's rows in reverse order (each edge keeps its row's cursor; pageInfo follows the edges). */
  | { kind: 'reverse-order' }
  /** Sorts by id whatever the order asked; cursors still claim that order, with each row's key. */
  | { kind: 'wrong-key' }
  /** Ignores `after`: always the first page. */
  | { kind: 'ignore-after' }
  /** One more startup in its pages and counts, `<partnerId>/fake-<slug>`: another partner's id (default another real incubator). */
  | { kind: 'foreign-id'; partnerId?: string }
  /** `incubators` also lists an incubator of another partner (default another real incubator). */
  | { kind: 'foreign-incubator'; partnerId?: string }
  /** `phaseStart` and the phases' dates written `31/12/2020`. */
  | { kind: 'invalid-date' }
  /** Every startup's `website` is `javascript:alert(1)`. */
  | { kind: 'unsafe-url' }
  /** `totalCount` says this (default 3) whatever the rows. */
  | { kind: 'wrong-count'; totalCount?: number }
  /**
   * Every answer weighs about `pageBytes` more (default 50 MB): a debug extension of that size
   * before the data, as a partner logging too much into its answers sends.
   */
  | { kind: 'oversized'; pageBytes?: number }
  /**
   * Sends its (correct) answer's headers at once, then the body in small chunks, one every
   * `chunkMs` (default 300), the last `durationMs` (default 3 s) after the headers.
   */
  | { kind: 'slow-drip'; durationMs?: number; chunkMs?: number }
  /** Every root field and entity throws a raw TypeError, which Apollo Server passes on as INTERNAL_SERVER_ERROR. */
  | { kind: 'throws' }
  /**
   * Its `startupTally`'s first row counts one more: a `startup` (the rows no longer add up to
   * totalCount), or a committee `review` (they still do: only the histories tell).
   */
  | { kind: 'wrong-tally'; adds: 'startup' | 'review' };

export interface IndependentPartnerOptions {
  /** The real incubator it serves (an id of the seed data). */
  partnerId: string;
  /** The seed data (default: `loadSeedData()`). */
  data?: SeedData;
  /** How it starts (default well-behaved). */
  behaviour?: PartnerBehaviour;
  /** Default 0: any free port. */
  port?: number;
  host?: string;
}

export interface IndependentPartner {
  partnerId: string;
  /** Its GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  readonly behaviour: PartnerBehaviour;
  /** Switches behaviour for the requests that arrive from now on. */
  setBehaviour(behaviour: PartnerBehaviour): void;
  stop(): Promise<void>;
}

export const DEFAULT_OVERSIZED_PAGE_BYTES = 50_000_000;
export const DEFAULT_DRIP = { durationMs: 3_000, chunkMs: 300 } as const;
/** The message of the raw error `throws` raises: what a resolver reading a missing row says. */
export const RAW_ERROR_MESSAGE = "Cannot read properties of null (reading 'name')";

/** What one behaviour serves: the rows (with any foreign one) and how the pager goes wrong. */
interface PartnerView {
  behaviour: PartnerBehaviour;
  incubators: IncubatorRow[];
  startups: StartupRow[];
  quirks: PagerQuirks;
}

interface PartnerContext {
  view: PartnerView;
}

/** Another real incubator than `partnerId`: `mtes`, unless that is the one served. */
function anotherPartner(data: SeedData, partnerId: string): string {
  return partnerId !== 'mtes' ? 'mtes' : (data.incubators.find((i) => i.id !== partnerId)?.id ?? 'other');
}

/** The incubator another partner owns, as the seed describes it (or a bare one for an unknown id). */
function foreignIncubator(data: SeedData, id: string): IncubatorRow {
  const seed = data.incubators.find((i) => i.id === id);
  if (seed) return readPartnerData({ incubator: seed, startups: [], organisations: data.organisations }).incubator;
  const none = { shortDescription: null, description: null, ownerId: null, website: null, sourceCode: null, address: null, city: null };
  return { id, name: id, ...none };
}

/** A copy of the first startup under an id of another partner (none when the incubator has no startup). */
function foreignStartups(own: readonly StartupRow[], partnerId: string): StartupRow[] {
  const model = own[0];
  return model ? [{ ...model, id: `${partnerId}/fake-${model.slug}`, slug: `fake-${model.slug}` }] : [];
}

/** How the pager goes wrong in a behaviour (not at all in most). */
function pagerQuirks(behaviour: PartnerBehaviour): PagerQuirks {
  switch (behaviour.kind) {
    case 'reverse-order':
      return { reversePage: true };
    case 'wrong-key':
      return { sortById: true };
    case 'ignore-after':
      return { ignoreAfter: true };
    case 'wrong-count':
      return { totalCount: behaviour.totalCount ?? 3 };
    default:
      return {};
  }
}

/** What the partner serves in a behaviour; computed once per switch, not per request. */
function viewOf(behaviour: PartnerBehaviour, own: PartnerData, data: SeedData): PartnerView {
  const foreign =
    behaviour.kind === 'foreign-id' || behaviour.kind === 'foreign-incubator'
      ? (behaviour.partnerId ?? anotherPartner(data, own.incubator.id))
      : null;
  return {
    behaviour,
    incubators: behaviour.kind === 'foreign-incubator' && foreign ? [own.incubator, foreignIncubator(data, foreign)] : [own.incubator],
    startups: behaviour.kind === 'foreign-id' && foreign ? [...own.startups, ...foreignStartups(own.startups, foreign)] : own.startups,
    quirks: pagerQuirks(behaviour),
  };
}

/** `2020-12-31` → `31/12/2020`: the date as a French spreadsheet shows it. */
const frenchDate = (iso: string): string => iso.split('-').reverse().join('/');

/** Serialises what it is given (a careless partner does not check its own output); reads input as the contract's scalar. */
function unchecked(scalar: GraphQLScalarType): GraphQLScalarType {
  return new GraphQLScalarType({ ...scalar.toConfig(), serialize: (value) => value });
}

/** Throws the raw error when the partner is in `throws`, as a resolver reading a missing row would. */
function crashIfAsked(ctx: PartnerContext): void {
  if (ctx.view.behaviour.kind === 'throws') throw new TypeError(RAW_ERROR_MESSAGE);
}

type Resolver<TSource, TArgs, TResult> = (source: TSource, args: TArgs, ctx: PartnerContext) => TResult;

/** A root field that crashes in `throws`. */
const root =
  <TArgs, TResult>(resolve: (args: TArgs, ctx: PartnerContext) => TResult): Resolver<unknown, TArgs, TResult> =>
  (_, args, ctx) => (crashIfAsked(ctx), resolve(args, ctx));

/** An entity resolution (`_entities`) that crashes in `throws`. */
const reference =
  <TResult>(resolve: (ref: { id: string }) => TResult) =>
  (ref: { id: string }, ctx: PartnerContext): TResult => (crashIfAsked(ctx), resolve(ref));

const READ_ONLY = () => {
  throw codedError('FORBIDDEN', 'This partner is read-only: it takes no write');
};

/** The resolvers over one incubator's rows; each request's view says how it behaves. */
function partnerResolvers(own: PartnerData) {
  const partnerId = own.incubator.id;
  const startupsById = new Map(own.startups.map((s) => [s.id, s]));
  const incubatorById = (id: string) => (id === partnerId ? own.incubator : null);
  const organisationById = (id: string) => own.organisations.get(id) ?? null;
  const startupById = (id: string) => startupsById.get(id) ?? null;
  return {
    Date: unchecked(DateScalar),
    URL: unchecked(URLScalar),
    Query: {
      incubators: root((_: unknown, ctx) => ctx.view.incubators),
      incubator: root((args: { id: string }) => incubatorById(args.id)),
      startups: root((args: StartupsArgs, ctx) => startupConnection(ctx.view.startups, partnerId, args, ctx.view.quirks)),
      startup: root((args: { id: string }) => startupById(args.id)),
      organisation: root((args: { id: string }) => organisationById(args.id)),
    },
    Mutation: {
      createStartup: READ_ONLY,
      updateStartup: READ_ONLY,
      recordPhaseChange: READ_ONLY,
      recordCommitteeReview: READ_ONLY,
    },
    Incubator: {
      __resolveReference: reference((ref) => incubatorById(ref.id)),
      owner: (incubator: IncubatorRow) => (incubator.ownerId ? organisationById(incubator.ownerId) : null),
      startups: (incubator: IncubatorRow, args: StartupsArgs, ctx: PartnerContext) =>
        startupConnection(ctx.view.startups, partnerId, args, ctx.view.quirks, incubator.id),
      startupTally: (incubator: IncubatorRow, _: unknown, ctx: PartnerContext) => {
        const rows = tallyOf(ctx.view.startups.filter((s) => s.incubatorId === incubator.id).map(factsOf));
        const behaviour = ctx.view.behaviour;
        if (behaviour.kind === 'wrong-tally' && rows[0]) {
          if (behaviour.adds === 'startup') rows[0].startups++;
          else rows[0].committeeReviews++;
        }
        return rows;
      },
      thematics: (incubator: IncubatorRow, _: unknown, ctx: PartnerContext) => {
        const counts = new Map<string, number>();
        for (const s of ctx.view.startups)
          if (s.incubatorId === incubator.id) for (const t of s.thematics) counts.set(t, (counts.get(t) ?? 0) + 1);
        return [...counts].sort(([a], [b]) => compareBytewise(a, b)).map(([name, startups]) => ({ name, startups }));
      },
    },
    Organisation: {
      __resolveReference: reference((ref) => organisationById(ref.id)),
    },
    Startup: {
      __resolveReference: reference((ref) => startupById(ref.id)),
      incubator: () => own.incubator,
      phaseStart: (startup: StartupRow, _: unknown, ctx: PartnerContext) =>
        ctx.view.behaviour.kind === 'invalid-date' ? frenchDate(startup.phaseStart) : startup.phaseStart,
      phases: (startup: StartupRow, _: unknown, ctx: PartnerContext): PhaseRow[] =>
        ctx.view.behaviour.kind === 'invalid-date'
          ? startup.phases.map((p) => ({ ...p, start: frenchDate(p.start), end: p.end === null ? null : frenchDate(p.end) }))
          : startup.phases,
      website: (startup: StartupRow, _: unknown, ctx: PartnerContext) =>
        ctx.view.behaviour.kind === 'unsafe-url' ? 'javascript:alert(1)' : startup.website,
    },
  };
}

/** Runs `send` at `deadline` (performance.now() time), never before. */
function at(deadline: number, timers: Set<NodeJS.Timeout>, send: () => void): void {
  const timer = setTimeout(
    () => {
      timers.delete(timer);
      if (performance.now() < deadline) at(deadline, timers, send);
      else send();
    },
    Math.max(0, Math.ceil(deadline - performance.now())),
  );
  timers.add(timer);
}

/**
 * Holds back the body `res.end` is given: the status and headers go out at once, the body in
 * chunks spread evenly until `durationMs` later.
 */
function trickle(res: ServerResponse, drip: { durationMs: number; chunkMs: number }, timers: Set<NodeJS.Timeout>): void {
  const end = res.end.bind(res);
  const hold = (chunk?: unknown): ServerResponse => {
    const body = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.alloc(0);
    res.flushHeaders();
    const started = performance.now();
    const count = Math.max(1, Math.ceil(drip.durationMs / drip.chunkMs));
    const size = Math.ceil(body.length / count);
    for (let i = 0; i < count; i++) {
      const part = body.subarray(i * size, (i + 1) * size);
      at(started + ((i + 1) * drip.durationMs) / count, timers, () => {
        if (res.destroyed) return;
        if (i === count - 1) end(part);
        else res.write(part);
      });
    }
    return res;
  };
  res.end = hold as ServerResponse['end'];
}

/** Sends the answer `res.end` is given after a debug extension of `bytes` bytes. */
function inflate(res: ServerResponse, bytes: number): void {
  const end = res.end.bind(res);
  const padded = (chunk?: unknown): ServerResponse => {
    const body = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '{}';
    const extension = `{"extensions":{"debug":"${'x'.repeat(bytes)}"},`;
    res.removeHeader('content-length');
    return end(`${extension}${body.slice(1)}`);
  };
  res.end = padded as ServerResponse['end'];
}

/** The handler, slowed down for the requests that arrive in `slow-drip`, inflated for `oversized`. */
function dripping(
  handler: RequestHandler,
  viewOfRequest: (req: IncomingMessage) => PartnerView,
  timers: Set<NodeJS.Timeout>,
): RequestHandler {
  return (req, res) => {
    const behaviour = viewOfRequest(req).behaviour;
    if (behaviour.kind === 'slow-drip') {
      trickle(
        res,
        { durationMs: behaviour.durationMs ?? DEFAULT_DRIP.durationMs, chunkMs: behaviour.chunkMs ?? DEFAULT_DRIP.chunkMs },
        timers,
      );
    }
    if (behaviour.kind === 'oversized') inflate(res, behaviour.pageBytes ?? DEFAULT_OVERSIZED_PAGE_BYTES);
    handler(req, res);
  };
}

/** Starts the partner for one real incubator, listening on `port` (0 = any free port). */
export async function startIndependentPartner(options: IndependentPartnerOptions): Promise<IndependentPartner> {
  const data = options.data ?? loadSeedData();
  const own = readPartnerData(partnerSeed(data, options.partnerId));
  let current = viewOf(options.behaviour ?? { kind: 'well-behaved' }, own, data);
  // Each request keeps the behaviour it arrived in, whatever a test switches meanwhile.
  const views = new WeakMap<IncomingMessage, PartnerView>();
  const viewOfRequest = (req: IncomingMessage): PartnerView => {
    let view = views.get(req);
    if (!view) views.set(req, (view = current));
    return view;
  };

  const schema = buildSubgraphSchema([{ typeDefs: parse(contractSdl), resolvers: partnerResolvers(own) }]);
  const apollo = new ApolloServer<PartnerContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const timers = new Set<NodeJS.Timeout>();
  const handler = createGraphQLHandler<PartnerContext>({ server: apollo, context: async (req) => ({ view: viewOfRequest(req) }) });
  const http = await listen(dripping(handler, viewOfRequest, timers), options.port ?? 0, options.host);
  return {
    partnerId: own.incubator.id,
    url: `${http.origin}/graphql`,
    get behaviour() {
      return current.behaviour;
    },
    setBehaviour(behaviour) {
      current = viewOf(behaviour, own, data);
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      const closed = http.close();
      http.server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}
