/**
 * The oracle: the same incubator kit serving every given incubator from one database schema,
 * composed as an ordinary subgraph behind a stock-mode gateway. It answers what one database
 * holding the whole government would answer — the reference the partitioned gateway must equal.
 */
import { loadSeedData, partnerSeed, type PartnerSeed } from '@gouvgraph/data';
import { startGateway, type RunningGateway } from '@gouvgraph/gateway';
import { startIncubatorSubgraph, type DatabaseConnection, type RunningIncubatorSubgraph } from '@gouvgraph/incubator';
import { CONTRACT_SUBGRAPH_NAME } from '@gouvgraph/schema';

export interface Oracle {
  subgraph: RunningIncubatorSubgraph;
  gateway: RunningGateway;
  stop(): Promise<void>;
}

export interface OracleOptions {
  connection: DatabaseConnection;
  /** The incubators it holds (all of them, or the same subset the partitioned gateway has). */
  partners?: readonly string[];
  /** Or the seeds themselves (synthetic partners). */
  seeds?: readonly PartnerSeed[];
  /** Names its database schema; distinct oracles on one database need distinct names. */
  name?: string;
}

export async function startOracle(options: OracleOptions): Promise<Oracle> {
  const data = loadSeedData();
  const seeds = options.seeds ?? (options.partners ?? data.incubators.map((i) => i.id)).map((id) => partnerSeed(data, id));
  const subgraph = await startIncubatorSubgraph({
    partnerId: options.name ?? 'oracle',
    incubatorIds: seeds.map((s) => s.incubator.id),
    connection: options.connection,
    seed: seeds,
  });
  try {
    const gateway = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [{ name: CONTRACT_SUBGRAPH_NAME, url: subgraph.url }] },
      ide: false,
    });
    return {
      subgraph,
      gateway,
      stop: async () => {
        await gateway.stop();
        await subgraph.stop();
      },
    };
  } catch (error) {
    await subgraph.stop();
    throw error;
  }
}
