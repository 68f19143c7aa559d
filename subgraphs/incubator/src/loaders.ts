/**
 * Per-request batch loaders: whatever the shape of the query, each kind of row costs one
 * statement per request tick, so `_entities` for K startups is one SELECT, not K.
 */
import DataLoader from 'dataloader';
import { tallyOf, type StartupTally, type ThematicCount } from '@gouvgraph/schema';
import type { EventRecord, IncubatorRecord, IncubatorStore, OrganisationRecord, PhaseRecord, StartupRecord } from './db/store.js';

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export interface Loaders {
  startup: DataLoader<string, StartupRecord | null>;
  phases: DataLoader<string, PhaseRecord[]>;
  events: DataLoader<string, EventRecord[]>;
  sponsors: DataLoader<string, OrganisationRecord[]>;
  organisation: DataLoader<string, OrganisationRecord | null>;
  incubator: DataLoader<string, IncubatorRecord | null>;
  tally: DataLoader<string, StartupTally[]>;
  thematics: DataLoader<string, ThematicCount[]>;
}

export function createLoaders(store: IncubatorStore): Loaders {
  return {
    startup: new DataLoader(async (slugs) => {
      const bySlug = new Map((await store.startupsBySlug(slugs)).map((r) => [r.slug, r]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    }),
    phases: new DataLoader(async (slugs) => {
      const groups = groupBy(await store.phasesOf(slugs), (r) => r.startupSlug);
      return slugs.map((slug) => groups.get(slug) ?? []);
    }),
    events: new DataLoader(async (slugs) => {
      const groups = groupBy(await store.eventsOf(slugs), (r) => r.startupSlug);
      return slugs.map((slug) => groups.get(slug) ?? []);
    }),
    sponsors: new DataLoader(async (slugs) => {
      const groups = groupBy(await store.sponsorsOf(slugs), (r) => r.startupSlug);
      return slugs.map((slug) => (groups.get(slug) ?? []).map(({ startupSlug: _, ...organisation }) => organisation));
    }),
    organisation: new DataLoader(async (ids) => {
      const byId = new Map((await store.organisationsById(ids)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    incubator: new DataLoader(async (ids) => {
      const byId = new Map((await store.incubatorsById(ids)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    tally: new DataLoader(async (ids) => {
      const groups = groupBy(await store.startupFacts(ids), (r) => r.incubatorId);
      return ids.map((id) => tallyOf(groups.get(id) ?? []));
    }),
    thematics: new DataLoader(async (ids) => {
      const groups = groupBy(await store.thematicCounts(ids), (r) => r.incubatorId);
      return ids.map((id) => (groups.get(id) ?? []).map(({ name, startups }) => ({ name, startups })));
    }),
  };
}

/**
 * Forgets everything loaded in this request. Called after each write, so that a later field
 * of the same mutation (or the write's own result) reads what the write left, not a stale copy.
 */
export function forgetLoaded(loaders: Loaders): void {
  loaders.startup.clearAll();
  loaders.phases.clearAll();
  loaders.events.clearAll();
  loaders.sponsors.clearAll();
  loaders.organisation.clearAll();
  loaders.incubator.clearAll();
  loaders.tally.clearAll();
  loaders.thematics.clearAll();
}
