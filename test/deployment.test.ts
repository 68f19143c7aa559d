/**
 * docker-compose.yml and the Dockerfile describe a deployment that can work: no Docker engine
 * runs here, so this reads them as Docker would and checks what they name exists in the repo.
 */
import { loadSeedData } from '@gouvgraph/data';
import { readGatewayConfig } from '@gouvgraph/gateway';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
interface Service {
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  image?: string;
  volumes?: string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const incubators = Object.entries(services).filter(([, s]) => s.environment?.PARTNER_ID);
const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

describe('deployment files', () => {
  it.runIf(hasDockerCompose || process.env.CI === 'true')('parse with docker-compose config', () => {
    expect(() =>
      execFileSync('docker-compose', ['-f', join(root, 'docker-compose.yml'), 'config', '--quiet'], {
        stdio: 'pipe',
        env: { ...process.env, GOUVGRAPH_ADMIN_TOKEN: 'x', GOUVGRAPH_IDENTITY_KEY: 'k', GOUVGRAPH_IDENTITY_PUBLIC_KEY: 'p' },
      }),
    ).not.toThrow();
  });

  it('build every service from contexts and Dockerfiles that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.build) continue;
      expect(existsSync(join(root, service.build.context)), name).toBe(true);
      expect(existsSync(join(root, service.build.context, service.build.dockerfile)), name).toBe(true);
    }
  });

  it('run at least three real partners, each on its own database', () => {
    const ids = new Set(loadSeedData().incubators.map((i) => i.id));
    expect(incubators.length).toBeGreaterThanOrEqual(3);
    const created = [...read('deploy/postgres/init.sql').matchAll(/CREATE DATABASE (\w+)/g)].map((m) => m[1]);
    const databases = incubators.map(([, s]) => new URL(s.environment?.DATABASE_URL ?? '').pathname.slice(1));
    expect(new Set(databases).size).toBe(incubators.length);
    for (const [name, service] of incubators) {
      expect(ids.has(service.environment?.PARTNER_ID ?? ''), name).toBe(true);
      expect(created).toContain(new URL(service.environment?.DATABASE_URL ?? '').pathname.slice(1));
      expect(service.command).toEqual(['pnpm', '--filter', '@gouvgraph/incubator', 'start']);
    }
  });

  it('route the gateway to exactly those partners, by service name and port', () => {
    const gateway = services.gateway;
    const config = readGatewayConfig([], { GOUVGRAPH_PARTNERS: gateway?.environment?.GOUVGRAPH_PARTNERS ?? '' });
    expect(config.partners?.map((p) => [p.id, p.url]).sort()).toEqual(
      incubators.map(([name, s]) => [s.environment?.PARTNER_ID, `http://${name}:${s.environment?.PORT}/graphql`]).sort(),
    );
    expect(Object.keys(gateway?.depends_on ?? {}).sort()).toEqual(
      [...incubators.map(([name]) => name), 'catalog', 'impact', 'postgres'].sort(),
    );
    // The gateway signs writes with its private key; every partner checks them with the public one.
    expect(gateway?.environment?.GOUVGRAPH_IDENTITY_KEY).toMatch(/^\$\{GOUVGRAPH_IDENTITY_KEY:\?/);
    for (const [name, service] of incubators)
      expect(service.environment?.GOUVGRAPH_IDENTITY_PUBLIC_KEY, name).toMatch(/^\$\{GOUVGRAPH_IDENTITY_PUBLIC_KEY:\?/);
    // The registry lives in the gateway's own database, which the init script creates.
    const registry = new URL(gateway?.environment?.REGISTRY_DATABASE_URL ?? '').pathname.slice(1);
    expect([...read('deploy/postgres/init.sql').matchAll(/CREATE DATABASE (\w+)/g)].map((m) => m[1])).toContain(registry);
  });

  it('run the catalogue on its own database, the impact subgraph on the graph, and compose both into the gateway', () => {
    const catalog = services.catalog;
    expect(catalog?.command).toEqual(['pnpm', '--filter', '@gouvgraph/catalog', 'start']);
    const database = new URL(catalog?.environment?.DATABASE_URL ?? '').pathname.slice(1);
    expect([...read('deploy/postgres/init.sql').matchAll(/CREATE DATABASE (\w+)/g)].map((m) => m[1])).toContain(database);
    const config = readGatewayConfig([], {
      GOUVGRAPH_PARTNERS: services.gateway?.environment?.GOUVGRAPH_PARTNERS ?? '',
      GOUVGRAPH_SUBGRAPHS: services.gateway?.environment?.GOUVGRAPH_SUBGRAPHS ?? '',
    });
    expect(config.supergraph).toEqual({
      kind: 'compose',
      subgraphs: [
        { name: 'catalog', url: `http://catalog:${catalog?.environment?.PORT}/graphql` },
        { name: 'impact', url: `http://impact:${services.impact?.environment?.PORT}/graphql` },
      ],
    });
    expect(services.impact?.environment?.GRAPH_URL).toBe(`http://gateway:${services.gateway?.environment?.PORT}/graphql`);
  });

  it('scrape every GouvGraph server with Prometheus, on the port it listens on', () => {
    const mounted = services.prometheus?.volumes?.find((v) => v.endsWith(':/etc/prometheus/prometheus.yml:ro'));
    expect(mounted).toBeDefined();
    const config = parse(read((mounted ?? '').split(':')[0] ?? '')) as { scrape_configs: { static_configs: { targets: string[] }[] }[] };
    const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((s) => s.targets)).sort();
    const ours = Object.entries(services)
      .filter(([, s]) => s.image === 'gouvgraph:latest')
      .map(([name, s]) => `${name}:${s.environment?.PORT ?? ''}`)
      .sort();
    expect(ours.length).toBeGreaterThanOrEqual(6);
    expect(targets).toEqual(ours);
  });

  it("send every GouvGraph server's traces to the collector over OTLP/HTTP", () => {
    const ours = Object.entries(services).filter(([, s]) => s.image === 'gouvgraph:latest');
    expect(ours.length).toBeGreaterThanOrEqual(6);
    for (const [name, service] of ours) expect(service.environment?.OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe('http://jaeger:4318');
    expect(services.jaeger?.image).toMatch(/^jaegertracing\/jaeger:2\.\d+\.\d+$/);
  });

  it('install every workspace package in the image', () => {
    const dockerfile = read('Dockerfile');
    const workspace = parse(read('pnpm-workspace.yaml')) as { packages: string[] };
    const packages = workspace.packages.flatMap((pattern) =>
      pattern.endsWith('/*') ? readdirSync(join(root, pattern.slice(0, -2))).map((dir) => `${pattern.slice(0, -2)}/${dir}`) : [pattern],
    );
    for (const pkg of packages.filter((p) => existsSync(join(root, p, 'package.json')))) {
      expect(dockerfile, pkg).toContain(`COPY ${pkg}/package.json ${pkg}/`);
    }
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
