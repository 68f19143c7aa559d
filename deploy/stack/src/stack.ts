/**
 * A whole government graph in one process: one incubator subgraph per partner (each its own
 * HTTP server and database schema, on one shared database), the catalogue subgraph, and the
 * gateway over them all.
 * The start command and the end-to-end tests both use it.
 */
import { loadSeedData, partnerSeed, type PartnerSeed } from '@gouvgraph/data';
import { newIdentityKeyPair, readIdentityPrivateKey } from '@gouvgraph/http';
import { startCatalogSubgraph, type RunningCatalogSubgraph } from '@gouvgraph/catalog';
import { startGateway, type GatewayOptions, type RunningGateway } from '@gouvgraph/gateway';
import type { SubgraphSource } from '@gouvgraph/gateway-core';
import { Registry } from '@gouvgraph/registry';
import { startImpactSubgraph, type RunningImpactSubgraph } from '@gouvgraph/impact';
import {
  openDatabase,
  startIncubatorSubgraph,
  type DatabaseConfig,
  type DatabaseConnection,
  type RunningIncubatorSubgraph,
} from '@gouvgraph/incubator';

export interface StackOptions {
  database: DatabaseConfig;
  /** Partner ids to start (default: every incubator of the seed data). */
  partners?: readonly string[];
  /** Partners made of other seeds than the real incubators (the scale tests' synthetic ones). */
  seeds?: readonly PartnerSeed[];
  /** Ordinary subgraphs composed beside the partners. */
  subgraphs?: readonly SubgraphSource[];
  /** Seed each partner from the real data (default true). */
  seed?: boolean;
  /** Start the catalogue subgraph (api.gouv.fr) beside the partners. Default true. */
  catalog?: boolean;
  /** Start the impact subgraph (the six-month rule), measuring this stack's gateway. Default true. */
  impact?: boolean;
  /** Today for the impact subgraph, `YYYY-MM-DD` (tests fix it). Default: the current date. */
  today?: () => string;
  /**
   * Run the partner registry (seeded with these partners, active) and its admin API with this
   * admin token: partners can then join while it runs, and writes need the partner's token.
   */
  registry?: { adminToken: string };
  /** Agents' identity provider (OpenID Connect), passed to the gateway. */
  agents?: GatewayOptions['agents'];
  gatewayPort?: number;
  host?: string;
  partnerTimeoutMs?: number;
  /** The gateway's response cache (default on, 5 s); `false` turns it off. */
  responseCache?: GatewayOptions['responseCache'];
  /** The gateway's fetch cache (default on, 5 s); `false` turns it off. */
  fetchCache?: GatewayOptions['fetchCache'];
  /** What a write forgets (`pnpm bench` compares per upstream with everything). */
  cacheInvalidation?: GatewayOptions['cacheInvalidation'];
  /** Run the dashboard's (and every other) trusted document once before returning: the start command's first visitor finds them warm. */
  warmUp?: boolean;
  /** Whether the gateway checks partners' answers (default true; `pnpm bench` measures what checking costs). */
  verifyPartnerAnswers?: GatewayOptions['verifyPartnerAnswers'];
}

export interface Stack {
  gateway: RunningGateway;
  partners: RunningIncubatorSubgraph[];
  catalog: RunningCatalogSubgraph | null;
  impact: RunningImpactSubgraph | null;
  connection: DatabaseConnection;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const data = loadSeedData();
  const seeds = options.seeds ?? (options.partners ?? data.incubators.map((i) => i.id)).map((id) => partnerSeed(data, id));
  const connection = await openDatabase(options.database);
  const partners: RunningIncubatorSubgraph[] = [];
  // With a registry, writes need a partner's token, and the kits check it again: the gateway
  // signs who is writing with a key made for this run, whose public half the kits hold.
  const identityKeys = options.registry ? newIdentityKeyPair() : undefined;
  const stoppers: (() => Promise<void>)[] = [];
  try {
    // One at a time: an embedded PGlite runs one statement at a time anyway, and a server's
    // pool is better spent on the first queries than on 23 concurrent seeds.
    for (const seed of seeds) {
      partners.push(
        await startIncubatorSubgraph({
          partnerId: seed.incubator.id,
          connection,
          ...(options.seed === false ? {} : { seed }),
          ...(options.host ? { host: options.host } : {}),
          ...(identityKeys ? { identityKeys: [identityKeys.publicKey] } : {}),
        }),
      );
    }
    const catalog =
      options.catalog === false ? null : await startCatalogSubgraph({ connection, ...(options.host ? { host: options.host } : {}) });
    if (catalog) stoppers.push(() => catalog.stop());
    // The impact subgraph measures the graph it is part of: it learns the gateway's URL once it listens.
    let graphUrl: string | undefined;
    const impact =
      options.impact === false
        ? null
        : await startImpactSubgraph({
            graphUrl: () => graphUrl,
            ...(options.today ? { today: options.today } : {}),
            ...(options.host ? { host: options.host } : {}),
          });
    if (impact) stoppers.push(() => impact.stop());
    const central = [...(catalog ? [{ name: 'catalog', url: catalog.url }] : []), ...(impact ? [{ name: 'impact', url: impact.url }] : [])];
    let registry: Registry | undefined;
    if (options.registry) {
      registry = await Registry.open({ connection });
      const opened = registry;
      stoppers.push(() => opened.close());
      for (const [i, partner] of partners.entries()) {
        const seed = seeds[i];
        await registry.ensureActive({
          id: partner.partnerId,
          name: seed?.incubator.title ?? partner.partnerId,
          kind: 'other',
          ownerOrganisation: seed?.incubator.owner_id ?? null,
          url: partner.url,
        });
      }
      await registry.refresh();
    }
    const gateway = await startGateway({
      ...(registry ? { registry, adminToken: options.registry?.adminToken } : {}),
      ...(identityKeys ? { identityKey: readIdentityPrivateKey(identityKeys.privateKey) } : {}),
      supergraph: { kind: 'compose', subgraphs: [...central, ...(options.subgraphs ?? [])] },
      partners: partners.map((p) => ({ id: p.partnerId, url: p.url })),
      ...(options.gatewayPort !== undefined ? { port: options.gatewayPort } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.partnerTimeoutMs ? { partnerTimeoutMs: options.partnerTimeoutMs } : {}),
      ...(options.agents ? { agents: options.agents } : {}),
      ...(options.responseCache !== undefined ? { responseCache: options.responseCache } : {}),
      ...(options.fetchCache !== undefined ? { fetchCache: options.fetchCache } : {}),
      ...(options.cacheInvalidation ? { cacheInvalidation: options.cacheInvalidation } : {}),
      // The catalogue answers from its own data; the impact subgraph reads the graph (forgotten after any write).
      selfContainedSubgraphs: ['catalog'],
      ...(options.verifyPartnerAnswers !== undefined ? { verifyPartnerAnswers: options.verifyPartnerAnswers } : {}),
    });
    graphUrl = gateway.url;
    // After the impact subgraph knows the graph it measures: the warm-up runs its numbers too.
    if (options.warmUp) await gateway.warmUp(gateway.url);
    return {
      gateway,
      partners,
      catalog,
      impact,
      connection,
      stop: async () => {
        await gateway.stop();
        await Promise.all([...partners.map((p) => p.stop()), ...stoppers.map((stop) => stop())]);
        await connection.close();
      },
    };
  } catch (error) {
    await Promise.allSettled([...partners.map((p) => p.stop()), ...stoppers.map((stop) => stop())]);
    await connection.close();
    throw error;
  }
}
