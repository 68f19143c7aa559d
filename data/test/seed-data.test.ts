/** The vendored seed is the real beta.gouv.fr data, complete, and free of personal data. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeedData, partnerSeed, REDACTED_EMAIL } from '../src/index.js';
import { phaseFromSource } from '@gouvgraph/schema';

const data = loadSeedData();
const sharedDir = new URL('../../../shared/data/betagouv/', import.meta.url);
const shared = existsSync(sharedDir);
const readShared = (name: string) => JSON.parse(readFileSync(new URL(name, sharedDir), 'utf8')) as Record<string, unknown>[];

describe('seed data', () => {
  it('holds every incubator and every startup, each owned by one incubator of the data', () => {
    expect(data.incubators).toHaveLength(23);
    expect(data.startups).toHaveLength(662);
    const ids = new Set(data.incubators.map((i) => i.id));
    for (const startup of data.startups) expect(ids.has(startup.incubator), startup.id).toBe(true);
    const partners = data.incubators.map((i) => partnerSeed(data, i.id));
    expect(partners.reduce((n, p) => n + p.startups.length, 0)).toBe(662);
    expect(partners.filter((p) => p.startups.length > 0)).toHaveLength(22);
  });

  it('maps every phase name of the data, current and legacy', () => {
    for (const startup of data.startups) {
      for (const phase of startup.phases) expect(phaseFromSource(phase.name), `${startup.id}: ${phase.name}`).not.toBeNull();
    }
  });

  it('carries no contact field and no person named as an organisation', () => {
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/"contact(_dinum|_incubator)?"\s*:/);
    // No personal address (firstname.lastname@…) in any free text; functional ones (contact@…) may stay.
    expect(text).not.toMatch(/[A-Za-zÀ-ÿ]+[.-][A-Za-zÀ-ÿ]+@/);
    expect(text).toContain(REDACTED_EMAIL);
    expect(data.organisations.some((o) => o.id === 'bruno-chiocchia')).toBe(false);
    expect(data.startups.some((s) => s.sponsor_ids?.includes('bruno-chiocchia'))).toBe(false);
  });

  it.runIf(shared)('matches the shared data files it was extracted from', () => {
    const startups = readShared('startups.json');
    const incubators = readShared('incubators.json');
    expect(data.startups.map((s) => s.id)).toEqual(startups.map((s) => s.id));
    expect(data.startups.map((s) => s.current_phase)).toEqual(startups.map((s) => s.current_phase));
    expect(data.incubators.map((i) => i.title)).toEqual(incubators.map((i) => i.title));
    // The data's own per-incubator counts include co-incubated startups; owned ones add up to the total.
    const stats = readShared('stats.json') as unknown as { counts: { startups: number } };
    expect(data.startups.length).toBe(stats.counts.startups);
  });
});
