/**
 * Child process of the benchmark: starts one contender and prints `BENCH-READY <url>`.
 * Stops on SIGTERM.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadSeedData, partnerSeed } from '@gouvgraph/data';
import { startGateway } from '@gouvgraph/gateway';
import { composeSupergraph, withoutSecurityFeatures } from '@gouvgraph/gateway-core';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCatalogSubgraph } from '@gouvgraph/catalog';
import { openDatabase, startIncubatorSubgraph } from '@gouvgraph/incubator';
import { startStack, syntheticPartners } from '@gouvgraph/stack';
import { startTracing } from '@gouvgraph/telemetry';
import { startIdentityProvider } from '@gouvgraph/testing';
import { startClassicSubgraphs } from './classic.js';
import { READY, type Caches, type Contender } from './contenders.js';

/** Answers a request body it has seen before with the partner's recorded answer; forwards the others. */
async function startReplay(target: string): Promise<{ url: string; stop(): Promise<void> }> {
  const recorded = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString();
      let answer = recorded.get(body);
      if (!answer) {
        answer = Buffer.from(
          await (await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer(),
        );
        recorded.set(body, answer);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
      res.end(answer);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

/** What the benchmark uses of Hive Gateway's runtime. */
interface HiveGatewayModule {
  createGatewayRuntime(
    config: Record<string, unknown>,
  ): ((req: IncomingMessage, res: ServerResponse) => void) & { dispose(): Promise<void> };
}

/**
 * Loads Hive Gateway by a name TypeScript does not follow: its type declarations pull in the DOM
 * library, whose fetch types would then clash with Node's across the whole workspace.
 */
async function loadHiveGateway(): Promise<HiveGatewayModule> {
  const name: string = '@graphql-hive/gateway-runtime';
  return (await import(name)) as HiveGatewayModule;
}

/** Hive Router's runtime for Hive Gateway, loaded the same way and for the same reason. */
async function loadHiveRouterRuntime(): Promise<{ unifiedGraphHandler: unknown }> {
  const name: string = '@graphql-hive/router-runtime';
  return (await import(name)) as { unifiedGraphHandler: unknown };
}

/** What is measured is the gateway's own work: no answer from memory, whole or per upstream. */
const NO_CACHE = { responseCache: false, fetchCache: false } as const;

/** A gateway's cache options for a contender's `Caches`. */
function cachesOf(caches: Caches) {
  switch (caches) {
    case 'both':
      return {};
    case 'both-forget-everything':
      return { cacheInvalidation: 'everything' as const };
    case 'fetch':
      return { responseCache: false as const };
    case 'none':
      return NO_CACHE;
  }
}

const contender = JSON.parse(process.argv[2] ?? '{}') as Contender;
const data = loadSeedData();
let stop: () => Promise<void>;

switch (contender.kind) {
  case 'stock': {
    const connection = await openDatabase({ kind: 'pglite' });
    const kit = await startIncubatorSubgraph({ partnerId: 'mtes', connection, seed: partnerSeed(data, 'mtes') });
    const supergraphSdl = await composeSupergraph({ withContract: false, subgraphs: [{ name: 'incubators', url: kit.url }] });
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    console.log(`${READY}${url}`);
    stop = async () => (await server.stop(), await kit.stop(), await connection.close());
    break;
  }
  case 'gouvgraph': {
    // What is compared is the partitioned data source against stock: no answer from memory.
    const stack = await startStack({ database: { kind: 'pglite' }, partners: ['mtes'], ...NO_CACHE });
    console.log(`${READY}${stack.gateway.url}`);
    stop = () => stack.stop();
    break;
  }
  case 'fan-out': {
    const stack = await startStack({
      database: { kind: 'pglite' },
      seeds: syntheticPartners(data, contender.partners),
      partnerTimeoutMs: 30_000,
      ...NO_CACHE,
    });
    console.log(`${READY}${stack.gateway.url}`);
    stop = () => stack.stop();
    break;
  }
  case 'replay-partners': {
    const stack = await startStack({
      database: { kind: 'pglite' },
      seeds: syntheticPartners(data, contender.partners),
      partnerTimeoutMs: 30_000,
    });
    const replays = await Promise.all(stack.partners.map(async (p) => ({ id: p.partnerId, ...(await startReplay(p.url)) })));
    console.log(`${READY}${JSON.stringify(replays.map(({ id, url }) => ({ id, url })))}`);
    stop = async () => (await Promise.all(replays.map((r) => r.stop())), await stack.stop());
    break;
  }
  case 'gateway': {
    const gateway = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [] },
      partners: contender.partners,
      partnerTimeoutMs: 30_000,
      ide: false,
      ...NO_CACHE,
    });
    console.log(`${READY}${gateway.url}`);
    stop = () => gateway.stop();
    break;
  }
  case 'government': {
    const stack = await startStack({ database: { kind: 'pglite' }, ...cachesOf(contender.caches) });
    console.log(`${READY}${stack.gateway.url}`);
    stop = () => stack.stop();
    break;
  }
  case 'government-agents': {
    const provider = await startIdentityProvider();
    const stack = await startStack({
      database: { kind: 'pglite' },
      agents: { issuer: provider.issuer, audience: provider.audience, jwksUrl: provider.jwksUrl },
      ...(contender.fetchCache ? {} : { fetchCache: false }),
    });
    const token = await provider.token({ expiresIn: '2h' });
    console.log(`${READY}${JSON.stringify({ url: stack.gateway.agentsUrl, token })}`);
    stop = async () => (await stack.stop(), await provider.close());
    break;
  }
  case 'government-upstreams': {
    const stack = await startStack({ database: { kind: 'pglite' }, impact: false, ...NO_CACHE });
    const upstreams = { partners: stack.partners.map((p) => ({ id: p.partnerId, url: p.url })), catalog: stack.catalog?.url };
    console.log(`${READY}${JSON.stringify(upstreams)}`);
    stop = () => stack.stop();
    break;
  }
  case 'government-gateway': {
    const gateway = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [{ name: 'catalog', url: contender.catalog }] },
      partners: contender.partners,
      partnerTimeoutMs: 30_000,
      ide: false,
      ...NO_CACHE,
      verifyPartnerAnswers: contender.verify,
    });
    console.log(`${READY}${gateway.url}`);
    stop = () => gateway.stop();
    break;
  }
  case 'government-stock': {
    const connection = await openDatabase({ kind: 'pglite' });
    const seeds = data.incubators.map((i) => partnerSeed(data, i.id));
    const oracle = await startIncubatorSubgraph({
      partnerId: 'oracle',
      incubatorIds: seeds.map((s) => s.incubator.id),
      connection,
      seed: seeds,
    });
    const catalog = await startCatalogSubgraph({ connection });
    const composed = await composeSupergraph({
      withContract: false,
      subgraphs: [
        { name: 'incubators', url: oracle.url },
        { name: 'catalog', url: catalog.url },
      ],
    });
    // Stock @apollo/gateway refuses a supergraph with @authenticated/@requiresScopes (the
    // catalogue has some): it gets the supergraph without them, as GouvGraph's planner does.
    const supergraphSdl = withoutSecurityFeatures(composed);
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    console.log(`${READY}${url}`);
    stop = async () => (await server.stop(), await catalog.stop(), await oracle.stop(), await connection.close());
    break;
  }
  case 'classic-subgraphs': {
    // Each subgraph behind a replay server: after the first time, an exchange costs next to
    // nothing, as the public benchmark's Rust subgraphs do, so what is measured is the gateways.
    const subgraphs = await startClassicSubgraphs();
    const replays = await Promise.all(subgraphs.urls.map(async ({ name, url }) => ({ name, ...(await startReplay(url)) })));
    console.log(`${READY}${JSON.stringify(replays.map(({ name, url }) => ({ name, url })))}`);
    stop = async () => (await Promise.all(replays.map((r) => r.stop())), await subgraphs.stop());
    break;
  }
  case 'classic-gateway': {
    const supergraphSdl = await composeSupergraph({ withContract: false, subgraphs: contender.subgraphs });
    if (contender.gateway === 'stock') {
      const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
      const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
      console.log(`${READY}${url}`);
      stop = () => server.stop();
    } else if (contender.gateway.startsWith('gouvgraph')) {
      // Traced: every span exported over OTLP/HTTP to the benchmark's collector, which drops them.
      if (contender.tracesTo) startTracing('bench-gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: contender.tracesTo });
      // The classic query's unbounded lists, five levels deep, are over the default cost limit
      // of a public endpoint (25,000): the benchmark lifts it, and says so.
      const gateway = await startGateway({
        supergraph: { kind: 'sdl', sdl: supergraphSdl },
        ide: false,
        limits: { cost: 100_000_000 },
        deduplicateRequests: contender.gateway !== 'gouvgraph-no-dedup',
        ...cachesOf(contender.gateway === 'gouvgraph' ? 'both' : contender.gateway === 'gouvgraph-fetch-cache' ? 'fetch' : 'none'),
      });
      console.log(`${READY}${gateway.url}`);
      stop = () => gateway.stop();
    } else {
      const { createGatewayRuntime } = await loadHiveGateway();
      const runtime = createGatewayRuntime({
        supergraph: supergraphSdl,
        logging: false,
        ...(contender.gateway === 'hive-no-dedup'
          ? { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }
          : {}),
        // Hive Router's query planner (Rust, a native addon) and the executor built for it.
        ...(contender.gateway === 'hive-rust-planner' ? { unifiedGraphHandler: (await loadHiveRouterRuntime()).unifiedGraphHandler } : {}),
      });
      const server = createServer(runtime);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      console.log(`${READY}http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
      stop = async () => {
        await new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
        await runtime.dispose();
      };
    }
    break;
  }
  default: {
    const never: never = contender;
    throw new Error(`unknown contender ${JSON.stringify(never)}`);
  }
}

process.once('SIGTERM', () => {
  stop().finally(() => process.exit(0));
});
