/**
 * A partner on contract 1.0 gets operations it can answer: what its version lacks is taken out
 * of the operation and put back as null in its answer; what cannot be taken out is refused.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { contractVersion } from '@gouvgraph/schema';
import { validate, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ContractAdapter, type Adaptation } from '../src/partitioned/contract-adapter.js';

const adapter = new ContractAdapter();
const v10 = buildSubgraphSchema(contractVersion('1.0')?.typeDefs ?? parse('type Query { x: Int }'));

function adapted(adaptation: Adaptation) {
  if (!adaptation.ok) throw new Error(adaptation.problems.join('; '));
  if (!adaptation.operation) throw new Error('nothing was adapted');
  return adaptation.operation;
}

describe('adapting operations to contract 1.0', () => {
  it('leaves partners on the current contract alone', () => {
    expect(adapter.needsAdapting(undefined)).toBe(false);
    expect(adapter.needsAdapting('1.3')).toBe(false);
    expect(adapter.needsAdapting('1.2')).toBe(true);
    expect(adapter.needsAdapting('1.1')).toBe(true);
    expect(adapter.needsAdapting('1.0')).toBe(true);
    expect(adapter.adapt('{ startup(id: "mtes/acceslibre") { name website } }', '1.0', undefined)).toEqual({
      ok: true,
      operation: null,
      variables: undefined,
    });
  });

  it('takes out the fields 1.0 lacks and puts them back as null, through aliases, fragments and lists', () => {
    const query = `query Page($first: Int) {
      startups(first: $first) { edges { node { id links: statsUrl ...Accountability } } }
    }
    fragment Accountability on Startup { budgetUrl impactUrl name }`;
    const operation = adapted(adapter.adapt(query, '1.0', { first: 2 }));
    expect(operation.removed).toEqual(['Startup.statsUrl', 'Startup.budgetUrl', 'Startup.impactUrl']);
    expect(operation.query).not.toMatch(/statsUrl|budgetUrl|impactUrl/);
    expect(validate(v10, operation.document)).toEqual([]);
    const data = {
      startups: { edges: [{ node: { id: 'mtes/aigle', name: 'Aigle' } }, { node: { id: 'mtes/acceslibre', name: 'Acceslibre' } }] },
    };
    operation.fill(data);
    expect(data.startups.edges[1]?.node).toEqual({
      id: 'mtes/acceslibre',
      name: 'Acceslibre',
      links: null,
      budgetUrl: null,
      impactUrl: null,
    });
  });

  it('asks for __typename where nothing else is left, and drops it from the answer', () => {
    const operation = adapted(adapter.adapt('{ startup(id: "mtes/acceslibre") { statsUrl } }', '1.0', undefined));
    expect(validate(v10, operation.document)).toEqual([]);
    const data: Record<string, unknown> = { startup: { _gouvgraph_placeholder_: 'Startup' } };
    operation.fill(data);
    expect(data).toEqual({ startup: { statsUrl: null } });
    const missing: Record<string, unknown> = { startup: null };
    operation.fill(missing);
    expect(missing).toEqual({ startup: null });
  });

  it('fills entities by the type each representation names', () => {
    const query = `query($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Startup { name statsUrl } ... on Organisation { name } }
    }`;
    const operation = adapted(adapter.adapt(query, '1.0', { representations: [] }));
    const data = { _entities: [{ name: 'Aigle' }, { name: 'DINUM' }, null] };
    operation.fill(data, ['Startup', 'Organisation', 'Startup']);
    expect(data._entities).toEqual([{ name: 'Aigle', statsUrl: null }, { name: 'DINUM' }, null]);
  });

  it('refuses a write or an argument it cannot take out without changing the request', () => {
    const mutation = 'mutation($input: UpdateStartupInput!) { updateStartup(id: "mtes/aigle", input: $input) { id } }';
    const refused = adapter.adapt(mutation, '1.0', { input: { name: 'Aigle', statsUrl: 'https://aigle.beta.gouv.fr/stats' } });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems.join(' ')).toMatch(/statsUrl/);
    expect(adapter.adapt(mutation, '1.0', { input: { name: 'Aigle' } })).toMatchObject({ ok: true, operation: null });
    const literal = adapter.adapt(
      'mutation { updateStartup(id: "mtes/aigle", input: { statsUrl: "https://a.fr" }) { id } }',
      '1.0',
      undefined,
    );
    expect(!literal.ok && literal.problems.join(' ')).toMatch(/statsUrl/);
    expect(adapter.adapt('{ incubators { id } }', '0.9', undefined)).toEqual({
      ok: false,
      problems: ['the gateway does not know contract version 0.9'],
    });
  });

  it('lets a 1.1 input field sent as null through, without it: it asks nothing 1.0 cannot do', () => {
    const mutation = 'mutation($input: CreateStartupInput!) { createStartup(input: $input) { id } }';
    const input = { incubatorId: 'mtes', slug: 'x', name: 'X', pitch: 'P', phaseStart: '2026-11-02', statsUrl: null, budgetUrl: null };
    const sent = adapter.adapt(mutation, '1.0', { input });
    expect(sent.ok).toBe(true);
    expect(sent.ok && sent.variables).toEqual({
      input: { incubatorId: 'mtes', slug: 'x', name: 'X', pitch: 'P', phaseStart: '2026-11-02' },
    });
    const literal = adapted(
      adapter.adapt('mutation { updateStartup(id: "mtes/aigle", input: { name: "Aigle", statsUrl: null }) { id } }', '1.0', undefined),
    );
    expect(literal.query).not.toContain('statsUrl');
    expect(literal.query).toContain('name: "Aigle"');
    expect(validate(v10, literal.document)).toEqual([]);
  });

  it('refuses an idempotency key to a partner on 1.1 or 1.0 — its retry would write twice — and drops a literal null one', () => {
    const keyed =
      'mutation($key: String) { recordCommitteeReview(startupId: "mtes/aigle", date: "2026-11-02", idempotencyKey: $key) { id } }';
    for (const version of ['1.1', '1.0']) {
      const refused = adapter.adapt(keyed, version, { key: 'cle-1' });
      expect(!refused.ok && refused.problems.join(' '), version).toMatch(/idempotencyKey/);
      const literal = adapter.adapt(
        'mutation { recordCommitteeReview(startupId: "mtes/aigle", date: "2026-11-02", idempotencyKey: "cle-2") { id } }',
        version,
        undefined,
      );
      expect(literal.ok, version).toBe(false);
      // `adapted` throws unless the request was accepted and rewritten.
      const none = adapted(
        adapter.adapt(
          'mutation { recordCommitteeReview(startupId: "mtes/aigle", date: "2026-11-02", idempotencyKey: null) { id } }',
          version,
          undefined,
        ),
      );
      expect(none.query, version).not.toContain('idempotencyKey');
      expect(none.query, version).toContain('recordCommitteeReview');
    }
  });

  it('keeps a client field that happens to use the placeholder alias', () => {
    const operation = adapted(adapter.adapt('{ startup(id: "mtes/acceslibre") { _gouvgraph_placeholder_: statsUrl } }', '1.0', undefined));
    const data: Record<string, unknown> = { startup: { _gouvgraph_placeholder_: 'Startup' } };
    operation.fill(data);
    expect(data).toEqual({ startup: { _gouvgraph_placeholder_: null } });
  });

  it('fills a fragment made only of 1.1 fields', () => {
    const operation = adapted(
      adapter.adapt(
        '{ startup(id: "mtes/acceslibre") { name ...Links } } fragment Links on Startup { statsUrl budgetUrl }',
        '1.0',
        undefined,
      ),
    );
    expect(validate(v10, operation.document)).toEqual([]);
    const data: Record<string, unknown> = { startup: { name: 'Acceslibre' } };
    operation.fill(data);
    expect(data).toEqual({ startup: { name: 'Acceslibre', statsUrl: null, budgetUrl: null } });
  });
});
