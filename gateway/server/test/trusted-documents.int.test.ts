/**
 * Registered operations (trusted documents) for the central dashboards, and automatic persisted
 * queries for everyone else; in "only" mode nothing but the registered operations runs.
 */
import { codes, graphql } from '@gouvgraph/testing';
import type { GraphQLFormattedError } from 'graphql';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig, startGateway, type RunningGateway } from '../src/index.js';
import { readManifest } from '@gouvgraph/gateway-core';
import { startPartners, type Partners } from './helpers.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const PHASES = 'query StartupsByPhase { startups(filter: { phase: CONSTRUCTION }) { totalCount } }';
const manifestPath = join(mkdtempSync(join(tmpdir(), 'gouvgraph-trusted-')), 'manifest.json');
writeFileSync(
  manifestPath,
  JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [{ id: sha256(PHASES), name: 'StartupsByPhase', type: 'query', body: PHASES }],
  }),
);

let partners: Partners;
const opened: RunningGateway[] = [];

async function gateway(only: boolean | null): Promise<RunningGateway> {
  const started = await startGateway({
    supergraph: { kind: 'compose', subgraphs: [] },
    partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
    ide: false,
    ...(only === null ? {} : { trustedDocuments: { operations: readManifest(manifestPath), only } }),
  });
  opened.push(started);
  return started;
}

const byHash = (url: string, hash: string, query?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(query ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { data?: Record<string, unknown>; errors?: GraphQLFormattedError[] },
  }));

beforeAll(async () => {
  partners = await startPartners(['mtes', 'anct']);
});
afterAll(async () => {
  await Promise.all(opened.map((g) => g.stop()));
  await partners?.stop();
});

describe('persisted operations', () => {
  it('runs a registered operation by its id alone', async () => {
    const open = await gateway(false);
    const answer = await byHash(open.url, sha256(PHASES));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual((await graphql(open.url, PHASES)).data);
  });

  it('lets everyone else use automatic persisted queries', async () => {
    const open = await gateway(null);
    const query = '{ incubators { id } }';
    expect(codes((await byHash(open.url, sha256(query))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await byHash(open.url, sha256(query), query)).body.data).toEqual({ incubators: [{ id: 'anct' }, { id: 'mtes' }] });
    expect((await byHash(open.url, sha256(query))).body.data).toEqual({ incubators: [{ id: 'anct' }, { id: 'mtes' }] });
    // A hash that is not the query's is refused, not stored.
    const mismatch = await byHash(open.url, sha256('{ __typename }'), query);
    expect(mismatch.status).toBe(400);
    expect(codes(mismatch.body)).toEqual(['BAD_REQUEST']);
  });

  it('runs registered operations only, however the others are sent, in "only" mode', async () => {
    const only = await gateway(true);
    expect((await byHash(only.url, sha256(PHASES))).body.errors).toBeUndefined();
    // The registered text itself runs too; anything else does not, nor registers through APQ.
    expect((await graphql(only.url, PHASES)).errors).toBeUndefined();
    const other = await graphql(only.url, '{ incubators { id } }');
    expect(other.status).toBe(400);
    expect(codes(other)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    const query = '{ startups { totalCount } }';
    expect(codes((await byHash(only.url, sha256(query), query)).body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(codes((await byHash(only.url, sha256(query))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('reads the manifest from the configuration, and refuses one whose ids are not the bodies’ hashes', () => {
    const config = readGatewayConfig(['--partner', 'mtes=http://a/graphql'], {
      TRUSTED_DOCUMENTS: manifestPath,
      TRUSTED_DOCUMENTS_ONLY: 'true',
    });
    expect(config.trustedDocuments?.only).toBe(true);
    expect([...(config.trustedDocuments?.operations.keys() ?? [])]).toEqual([sha256(PHASES)]);
    const forged = join(mkdtempSync(join(tmpdir(), 'gouvgraph-trusted-')), 'forged.json');
    writeFileSync(
      forged,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: sha256('{ a }'), name: 'X', type: 'query', body: '{ b }' }],
      }),
    );
    expect(() => readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { TRUSTED_DOCUMENTS: forged })).toThrow(
      /not the SHA-256 of its body/,
    );
    expect(() => readGatewayConfig(['--partner', 'mtes=http://a/graphql'], { TRUSTED_DOCUMENTS_ONLY: 'true' })).toThrow(
      /needs TRUSTED_DOCUMENTS/,
    );
  });

  it('warms up at start: runs each registered operation that needs no variable, and keeps none of their answers', async () => {
    const warmed = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [] },
      partners: partners.kits.map((k) => ({ id: k.partnerId, url: k.url })),
      ide: false,
      trustedDocuments: { operations: readManifest(manifestPath), only: false },
      warmUp: true,
    });
    opened.push(warmed);
    // Before anyone asked anything, each partner was called: the operations ran.
    expect(warmed.partnerCalls.get('mtes')).toBeGreaterThan(0);
    expect(warmed.partnerCalls.get('anct')).toBeGreaterThan(0);
    // The first visitor's answer is computed now, not one kept from the warm-up.
    const first = await byHash(warmed.url, sha256(PHASES));
    expect(first.body.errors).toBeUndefined();
    const metrics = await (await fetch(`${warmed.origin}/metrics`)).text();
    expect(metrics).toMatch(/^gouvgraph_response_cache_requests_total\{result="miss",service="gateway"\} [1-9]/m);
    expect(metrics).not.toMatch(/^gouvgraph_response_cache_requests_total\{result="hit"/m);
    // An operation that needs a variable is not run: nothing to run it with.
    const before = warmed.partnerCalls.total();
    const needsId = 'query One($id: ID!) { startup(id: $id) { id } }';
    const documents = new Map([[sha256(needsId), needsId]]);
    const { warmUp } = await import('../src/warm-up.js');
    expect(await warmUp(warmed.url, documents)).toMatchObject({ operations: 0 });
    expect(warmed.partnerCalls.total()).toBe(before);
  });
});
