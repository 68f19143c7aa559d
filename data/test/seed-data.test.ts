/**
 * The committed seed is the real beta.gouv.fr data, complete, consistent with the source's own
 * rules, and free of personal data. Every check reads the committed files only, so it runs on any
 * clone. Comparing them with the upstream files they were extracted from is the import script's
 * own `--check` (`pnpm --filter @gouvgraph/data run check`), which does it when the source is there.
 */
import { describe, expect, it } from 'vitest';
import { loadSeedData, partnerSeed, REDACTED_EMAIL, type SeedStartup } from '../src/index.js';
import { ACTIVE_PHASES, phaseFromSource, phaseRank, type Phase } from '@gouvgraph/schema';

const data = loadSeedData();

/**
 * What the source's own statistics say of the snapshot (beta.gouv.fr at commit 693fb7c4,
 * 2026-08-20): the committed files must hold exactly this. A new snapshot changes these numbers,
 * in the same commit as the data and data/README.md.
 */
const SNAPSHOT = {
  incubators: 23,
  startups: 662,
  active: 244,
  /** The source's 145, without the one "organisation" that is a person. */
  organisations: 144,
  phaseDefinitions: 8,
  byCurrentPhase: {
    'abandon-investigation': 202,
    abandon: 124,
    construction: 108,
    transfere: 92,
    acceleration: 75,
    investigation: 25,
    consolidation: 22,
    opere: 14,
  },
  /** Startups per incubator as the source counts them: co-incubated ones under each of their incubators. */
  byIncubator: {
    dinum: 124,
    anct: 111,
    mtes: 93,
    sgmas: 34,
    dinum_produits_interministeriels: 33,
    culture: 32,
    agriculture: 27,
    francetravail: 27,
    justice: 25,
    kube: 25,
    'FabNum-MI': 25,
    ademe: 21,
    'fab-geocommuns': 15,
    'gip-inclusion': 13,
    alliance: 10,
    'latelier.numerique.du.ministere.de.leurope.et.des.affaires.etrangeres': 10,
    'mission-apprentissage': 9,
    'lab-innov-anssi': 8,
    accelerema: 7,
    'fabrique-dgfip': 7,
    MEN: 4,
    bercy: 4,
  },
} as const;

const countBy = <T>(items: readonly T[], keys: (item: T) => readonly string[]) => {
  const counts: Record<string, number> = {};
  for (const item of items) for (const key of keys(item)) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
};

/** The source's rule for the current phase: the latest start; on a tie, the later in the lifecycle. */
function currentPhase(startup: SeedStartup): Phase | null {
  let best: { phase: Phase; start: string } | null = null;
  for (const { name, start } of startup.phases) {
    const phase = phaseFromSource(name);
    if (!phase) return null;
    if (!best || start > best.start || (start === best.start && phaseRank(phase) > phaseRank(best.phase))) best = { phase, start };
  }
  return best?.phase ?? null;
}

describe('seed data', () => {
  it('holds every incubator and every startup, each owned by one incubator of the data', () => {
    expect(data.incubators).toHaveLength(SNAPSHOT.incubators);
    expect(data.startups).toHaveLength(SNAPSHOT.startups);
    const ids = new Set(data.incubators.map((i) => i.id));
    for (const startup of data.startups) expect(ids.has(startup.incubator), startup.id).toBe(true);
    const partners = data.incubators.map((i) => partnerSeed(data, i.id));
    expect(partners.reduce((n, p) => n + p.startups.length, 0)).toBe(SNAPSHOT.startups);
    expect(partners.filter((p) => p.startups.length > 0)).toHaveLength(22);
  });

  it("is the snapshot the source's statistics describe, phase by phase and incubator by incubator", () => {
    expect(data.organisations).toHaveLength(SNAPSHOT.organisations);
    expect(data.phases).toHaveLength(SNAPSHOT.phaseDefinitions);
    expect(data.startups.filter((s) => s.is_active)).toHaveLength(SNAPSHOT.active);
    expect(countBy(data.startups, (s) => [s.current_phase])).toEqual(SNAPSHOT.byCurrentPhase);
    expect(countBy(data.startups, (s) => s.incubator_ids)).toEqual(SNAPSHOT.byIncubator);
    expect(new Set(data.startups.map((s) => s.id)).size).toBe(SNAPSHOT.startups);
    expect(new Set(data.incubators.map((i) => i.id)).size).toBe(SNAPSHOT.incubators);
  });

  it('lists co-incubated startups under each incubator, owned by one: ademe counts 21, owns 19', () => {
    for (const startup of data.startups) expect(startup.incubator_ids, startup.id).toContain(startup.incubator);
    const coIncubated = data.startups.filter((s) => s.incubator_ids.length > 1);
    expect(coIncubated.map((s) => [s.id, s.incubator, [...s.incubator_ids].sort()])).toEqual([
      ['ecobalyse', 'mtes', ['ademe', 'mtes']],
      ['ecopass', 'mtes', ['ademe', 'mtes']],
    ]);
    expect(partnerSeed(data, 'ademe').startups).toHaveLength(19);
  });

  it('maps every phase name of the data, current and legacy', () => {
    for (const startup of data.startups) {
      for (const phase of startup.phases) expect(phaseFromSource(phase.name), `${startup.id}: ${phase.name}`).not.toBeNull();
    }
  });

  it("agrees with the source's own reading of each startup's current phase and activity", () => {
    for (const startup of data.startups) {
      expect(phaseFromSource(startup.current_phase), startup.id).toBe(currentPhase(startup));
      expect(startup.is_active, startup.id).toBe(ACTIVE_PHASES.has(currentPhase(startup) as Phase));
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
});
