/**
 * What the benchmark runs, each in a child process of its own (so the load generator never
 * shares a core with the servers it measures): partner subgraphs on embedded PGlite and a
 * gateway in front of them.
 */
export type Contender =
  /** Stock @apollo/gateway + @apollo/server 5, default settings, over one real partner (mtes). */
  | { kind: 'stock'; label: string }
  /** GouvGraph over the same partner. */
  | { kind: 'gouvgraph'; label: string }
  /** GouvGraph over the 662 real startups dealt to `partners` partner subgraphs, all in one process. */
  | { kind: 'fan-out'; label: string; partners: number }
  /**
   * Only the partners, in a process of their own, each behind a replay server that answers a
   * request it has seen with the real kit's recorded answer: partners as fast as if each ran on
   * its own machine, so what is measured beside them is the gateway's own cost of fanning out.
   */
  | { kind: 'replay-partners'; label: string; partners: number }
  /** Only a GouvGraph gateway, over partners started elsewhere. */
  | { kind: 'gateway'; label: string; partners: { id: string; url: string }[] }
  /** The whole government graph (23 real partners, the catalogue, the impact subgraph) behind GouvGraph. */
  | { kind: 'government'; label: string; caches: Caches }
  /**
   * The same, asked by an authenticated agent: its endpoint (`/agents/graphql`) never answers from
   * the response cache; the fetch cache serves it unless `fetchCache` is false. Prints
   * `{ url, token }` (a token of a local identity provider, valid 2 hours).
   */
  | { kind: 'government-agents'; label: string; fetchCache: boolean }
  /** The government graph's 23 real partners and the catalogue, without a gateway: for gateways in processes of their own. */
  | { kind: 'government-upstreams'; label: string }
  /** Only a GouvGraph gateway (no response cache) over the government's upstreams, checking partners' answers or not. */
  | { kind: 'government-gateway'; label: string; partners: { id: string; url: string }[]; catalog: string; verify: boolean }
  /** The same data as one oracle subgraph (every incubator) and the catalogue, behind stock @apollo/gateway. */
  | { kind: 'government-stock'; label: string }
  /** Scenario (a)'s four subgraphs (classic.ts), in a process of their own. */
  | { kind: 'classic-subgraphs'; label: string }
  /** A gateway over scenario (a)'s subgraphs: stock, GouvGraph, or Hive Gateway (with or without its upstream deduplication). */
  | { kind: 'classic-gateway'; label: string; gateway: ClassicGateway; subgraphs: { name: string; url: string }[]; tracesTo?: string };

/**
 * GouvGraph's caches: both (production defaults), both but every write forgetting everything
 * (as before issue #20, to measure what forgetting per upstream saves), the fetch cache alone, none.
 */
export type Caches = 'both' | 'both-forget-everything' | 'fetch' | 'none';

/**
 * Scenario (a)'s gateways: stock; GouvGraph with its production defaults (deduplication and both
 * caches), with the fetch cache alone (what agents and partners get), without any cache, and
 * without cache or deduplication; Hive Gateway with and without its
 * upstream deduplication, and with its Rust query planner (@graphql-hive/router-runtime).
 */
type ClassicGateway =
  | 'stock'
  | 'gouvgraph'
  | 'gouvgraph-no-cache'
  | 'gouvgraph-fetch-cache'
  | 'gouvgraph-no-dedup'
  | 'gouvgraph-traced'
  | 'hive'
  | 'hive-no-dedup'
  | 'hive-rust-planner';

export const READY = 'BENCH-READY ';
