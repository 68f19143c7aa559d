/** Per-request batch loaders: K entities of one kind cost one statement. */
import DataLoader from 'dataloader';
import type { ApiRecord, CatalogStore, LinkRecord, ProducerRecord } from './db/store.js';

export interface CatalogLoaders {
  api: DataLoader<string, ApiRecord | null>;
  producer: DataLoader<string, ProducerRecord | null>;
  links: DataLoader<string, LinkRecord[]>;
  /** Keyed by startup id; every produced API with its link's confidence level. */
  startupApis: DataLoader<string, (ApiRecord & { confidenceLevel: number })[]>;
  /** Keyed by organisation id. */
  organisationApis: DataLoader<string, ApiRecord[]>;
  /** Keyed by organisation id: the ids of the incubators it hosts. */
  hostedIncubators: DataLoader<string, string[]>;
}

export function createLoaders(store: CatalogStore): CatalogLoaders {
  return {
    api: new DataLoader(async (slugs) => {
      const bySlug = new Map((await store.apisBySlug(slugs)).map((r) => [r.slug, r]));
      return slugs.map((s) => bySlug.get(s) ?? null);
    }),
    producer: new DataLoader(async (slugs) => {
      const bySlug = new Map((await store.producersBySlug(slugs)).map((r) => [r.slug, r]));
      return slugs.map((s) => bySlug.get(s) ?? null);
    }),
    links: new DataLoader(async (slugs) => {
      const rows = await store.linksOfApis(slugs);
      return slugs.map((s) => rows.filter((r) => r.apiSlug === s));
    }),
    startupApis: new DataLoader(async (ids) => {
      const rows = await store.apisOfStartups(ids);
      return ids.map((id) => rows.filter((r) => r.startupId === id));
    }),
    hostedIncubators: new DataLoader(async (ids) => {
      const rows = await store.incubatorsHostedBy(ids);
      return ids.map((id) => rows.filter((r) => r.organisationId === id).map((r) => r.incubatorId));
    }),
    organisationApis: new DataLoader(async (ids) => {
      const rows = await store.apisOfOrganisations(ids);
      return ids.map((id) => rows.filter((r) => r.organisationId === id));
    }),
  };
}
