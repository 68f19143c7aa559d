/**
 * Scenario (a), the classic federated benchmark: the shape of graphql-hive's public gateways
 * benchmark — four subgraphs (accounts, products, inventory, reviews) and its query nested five
 * levels deep — filled with real public data instead of placeholder text:
 *
 * - users: beta.gouv.fr sponsor organisations (`username` is the acronym);
 * - products: api.gouv.fr APIs (`upc` the slug, `name` the title; `price` and `weight` are the
 *   lengths of their description and keyword list, so `shippingEstimate` has numbers to `@requires`);
 * - inventory: an API is "in stock" when its access is open;
 * - reviews: startups' missions, each by an organisation, about an API.
 *
 * Each subgraph is a plain Federation 2 subgraph (@apollo/subgraph behind GouvGraph's HTTP
 * layer), so every gateway contender is measured over the very same upstreams.
 */
import { loadCatalogData, loadSeedData } from '@gouvgraph/data';
import { createSubgraphServer, serve } from '@gouvgraph/http';
import { parse } from 'graphql';

export const CLASSIC_QUERY = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  __typename
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;

const USERS = 8;
const PRODUCTS = 8;
const REVIEWS = 20;

interface User {
  id: string;
  name: string;
  username: string;
}
interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
  open: boolean;
}
interface Review {
  id: string;
  body: string;
  authorId: string;
  upc: string;
}

function classicData(): { users: User[]; products: Product[]; reviews: Review[] } {
  const seed = loadSeedData();
  const catalog = loadCatalogData();
  const users = seed.organisations
    .filter((o) => o.acronym)
    .slice(0, USERS)
    .map((o) => ({ id: o.id, name: o.name, username: o.acronym ?? o.id }));
  const products = catalog.apis.slice(0, PRODUCTS).map((a) => ({
    upc: a.slug,
    name: a.title,
    price: (a.description ?? '').length,
    weight: (a.keywords ?? []).length,
    open: a.access === 'open',
  }));
  const reviews = seed.startups.slice(0, REVIEWS).map((s, i) => ({
    id: String(i + 1),
    body: s.mission,
    authorId: (users[i % users.length] as User).id,
    upc: (products[i % products.length] as Product).upc,
  }));
  return { users, products, reviews };
}

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@shareable"])';

export interface ClassicSubgraphs {
  urls: { name: string; url: string }[];
  stop(): Promise<void>;
}

/** Starts the four subgraphs on free loopback ports. */
export async function startClassicSubgraphs(): Promise<ClassicSubgraphs> {
  const { users, products, reviews } = classicData();
  const userById = new Map(users.map((u) => [u.id, u]));
  const productByUpc = new Map(products.map((p) => [p.upc, p]));
  const context = async () => ({});
  const built = [
    {
      name: 'accounts',
      server: await createSubgraphServer({
        typeDefs: parse(`${LINK}
          type Query { me: User users: [User] user(id: ID!): User }
          type User @key(fields: "id") { id: ID! name: String username: String }`),
        resolvers: {
          Query: { me: () => users[0], users: () => users, user: (_: unknown, { id }: { id: string }) => userById.get(id) ?? null },
          User: { __resolveReference: (ref: { id: string }) => userById.get(ref.id) ?? null },
        },
        context,
      }),
    },
    {
      name: 'products',
      server: await createSubgraphServer({
        typeDefs: parse(`${LINK}
          type Query { topProducts(first: Int = 5): [Product] }
          type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`),
        resolvers: {
          Query: { topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first) },
          Product: { __resolveReference: (ref: { upc: string }) => productByUpc.get(ref.upc) ?? null },
        },
        context,
      }),
    },
    {
      name: 'inventory',
      server: await createSubgraphServer({
        typeDefs: parse(`${LINK}
          type Product @key(fields: "upc") {
            upc: String!
            weight: Int @external
            price: Int @external
            inStock: Boolean
            shippingEstimate: Int @requires(fields: "price weight")
          }`),
        resolvers: {
          Product: {
            __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({
              ...ref,
              open: productByUpc.get(ref.upc)?.open ?? false,
            }),
            inStock: (p: { open: boolean }) => p.open,
            // Free above 1,000; otherwise half the weight, rounded up.
            shippingEstimate: (p: { price?: number; weight?: number }) => ((p.price ?? 0) > 1000 ? 0 : Math.ceil((p.weight ?? 0) / 2)),
          },
        },
        context,
      }),
    },
    {
      name: 'reviews',
      server: await createSubgraphServer({
        typeDefs: parse(`${LINK}
          type Review @key(fields: "id") { id: ID! body: String product: Product author: User }
          type User @key(fields: "id") { id: ID! reviews: [Review] }
          type Product @key(fields: "upc") { upc: String! reviews: [Review] }`),
        resolvers: {
          Review: {
            __resolveReference: (ref: { id: string }) => reviews.find((r) => r.id === ref.id) ?? null,
            product: (r: Review) => ({ __typename: 'Product', upc: r.upc }),
            author: (r: Review) => ({ __typename: 'User', id: r.authorId }),
          },
          User: { reviews: (u: { id: string }) => reviews.filter((r) => r.authorId === u.id) },
          Product: { reviews: (p: { upc: string }) => reviews.filter((r) => r.upc === p.upc) },
        },
        context,
      }),
    },
  ];
  const served = await Promise.all(built.map(async ({ name, server }) => ({ name, running: await serve(server, 0, '127.0.0.1') })));
  return {
    urls: served.map(({ name, running }) => ({ name, url: running.url })),
    stop: async () => {
      await Promise.all(served.map(({ running }) => running.stop()));
    },
  };
}
