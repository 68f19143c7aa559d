/** The catalogue's resolvers. */
import { codedError, DateScalar, URLScalar, DEFAULT_PAGE_SIZE, pageSizeProblem } from '@gouvgraph/schema';
import { selectsField } from '@gouvgraph/http';
import type { GraphQLResolveInfo } from 'graphql';
import { decodeApiCursor, encodeApiCursor } from './cursor.js';
import { CONFIDENCE_LEVEL } from './db/seed.js';
import type { ApiRecord, CatalogStore, LinkRecord } from './db/store.js';
import type { CatalogLoaders } from './loaders.js';
import { themeNames } from './theme-names.js';

export interface CatalogContext {
  store: CatalogStore;
  loaders: CatalogLoaders;
}
type Ctx = CatalogContext;

interface ApisArgs {
  search?: string | null;
  filter?: { theme?: string | null; access?: string | null; producer?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

const level = (confidence: string | null | undefined) => CONFIDENCE_LEVEL[(confidence ?? 'MEDIUM').toLowerCase()] ?? 2;

async function apis(_: unknown, args: ApisArgs, ctx: Ctx, info: GraphQLResolveInfo) {
  const problem = pageSizeProblem(args.first);
  if (problem) throw codedError('BAD_USER_INPUT', problem, { field: 'first' });
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const search = args.search?.trim() || null;
  if (search && /\u0000/.test(search)) {
    throw codedError('BAD_USER_INPUT', '`search` contains a NUL character', { field: 'search' });
  }
  if (search && search.length > 200) {
    throw codedError('BAD_USER_INPUT', '`search` is longer than 200 characters', { field: 'search' });
  }
  const order = search ? 'rank' : 'title';
  const after = args.after ? decodeApiCursor(args.after, order) : null;
  const page = await ctx.store.apiPage({
    search,
    theme: args.filter?.theme ?? null,
    access: args.filter?.access ?? null,
    producer: args.filter?.producer ?? null,
    first,
    after,
    wantCount: selectsField(info, 'totalCount'),
    wantRows: selectsField(info, 'pageInfo') || (first > 0 && selectsField(info, 'edges')),
  });
  for (const row of page.rows) ctx.loaders.api.prime(row.slug, row);
  const edges = page.rows.map((node) => ({
    cursor: encodeApiCursor({ order, value: order === 'rank' ? (node.rank ?? 0) : node.titleKey, slug: node.slug }),
    node,
    rank: node.rank,
  }));
  return {
    totalCount: page.totalCount,
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

const startupRef = (id: string) => ({ __typename: 'Startup', id });

export const resolvers = {
  Date: DateScalar,
  URL: URLScalar,
  Query: {
    apis,
    api: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.loaders.api.load(args.id),
    apiThemes: (_: unknown, __: unknown, ctx: Ctx) => ctx.store.themes(),
  },
  Api: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.api.load(ref.id),
    id: (api: ApiRecord) => api.slug,
    themes: (api: ApiRecord) => themeNames(api.themes),
    producer: async (api: ApiRecord, _: unknown, ctx: Ctx) => {
      const producer = await ctx.loaders.producer.load(api.producerSlug);
      // Every API names a producer of the catalogue; one that does not is shown by its id.
      return producer ?? { slug: api.producerSlug, name: api.producerSlug, acronym: null, kind: null, website: null, organisationId: null };
    },
    builtBy: async (api: ApiRecord, _: unknown, ctx: Ctx) => {
      const best = (await ctx.loaders.links.load(api.slug)).find((l) => l.relation === 'PRODUCES' && l.confidenceLevel >= 2);
      return best ? startupRef(best.startupId) : null;
    },
    startupLinks: async (api: ApiRecord, args: { minConfidence?: string | null }, ctx: Ctx) =>
      (await ctx.loaders.links.load(api.slug))
        .filter((l) => l.confidenceLevel >= level(args.minConfidence))
        .map((l: LinkRecord) => ({
          startup: startupRef(l.startupId),
          relation: l.relation,
          confidence: l.confidence,
          evidence: l.evidence,
        })),
  },
  ApiProducer: {
    id: (producer: { slug: string }) => producer.slug,
    organisation: (producer: { organisationId: string | null }) =>
      producer.organisationId ? { __typename: 'Organisation', id: producer.organisationId } : null,
  },
  Organisation: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    apis: (organisation: { id: string }, _: unknown, ctx: Ctx) => ctx.loaders.organisationApis.load(organisation.id),
    // References: the gateway reads each incubator from the partner that runs it.
    incubators: async (organisation: { id: string }, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.hostedIncubators.load(organisation.id)).map((id) => ({ __typename: 'Incubator', id })),
  },
  Startup: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    apis: async (startup: { id: string }, args: { minConfidence?: string | null }, ctx: Ctx) =>
      (await ctx.loaders.startupApis.load(startup.id)).filter((a) => a.confidenceLevel >= level(args.minConfidence)),
  },
};
