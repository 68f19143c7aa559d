/**
 * Seeds the catalogue from the real api.gouv.fr data, idempotently: what exists is kept,
 * what is missing is inserted. Links to startups use the startups' current global ids.
 */
import { REDACTED_EMAIL, type CatalogSeed, type SeedApi, type SeedData } from '@gouvgraph/data';
import type { Db, Transaction } from '@gouvgraph/db';
import { foldText, isHttpUrl, startupGlobalId } from '@gouvgraph/schema';
import { sql } from 'drizzle-orm';
import { searchDocument } from '../search/document.js';
import type { CatalogTables, EligibilityRecord } from './tables.js';

const SITE = 'https://api.gouv.fr';

/** A URL as the catalogue writes it: absolute, or relative to api.gouv.fr. Null when neither. */
function catalogUrl(value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const absolute = trimmed.startsWith('/') ? `${SITE}${trimmed}` : trimmed;
  return isHttpUrl(absolute) ? absolute : null;
}

/** A contact: a URL, or a functional e-mail address (`mailto:` and query stripped). */
function contactOf(value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed || trimmed.includes(REDACTED_EMAIL)) return null;
  if (isHttpUrl(trimmed)) return trimmed;
  const email =
    trimmed
      .replace(/^mailto:/, '')
      .split('?')[0]
      ?.split(',')[0]
      ?.trim() ?? '';
  return /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(email) ? email : null;
}

const ACCESS: Record<string, string> = { open: 'OPEN', account_required: 'ACCOUNT_REQUIRED', restricted: 'RESTRICTED' };
const ELIGIBLE: Record<number, EligibilityRecord['eligible']> = { 1: 'ELIGIBLE', 0: 'UNDER_CONDITIONS', [-1]: 'NOT_ELIGIBLE' };
export const CONFIDENCE_LEVEL: Record<string, number> = { low: 1, medium: 2, high: 3 };

function apiRow(api: SeedApi) {
  // The source has a few null keywords: a list of words has none.
  const words = (list: readonly (string | null)[] | undefined) =>
    (list ?? []).filter((w): w is string => typeof w === 'string' && w.trim() !== '');
  const themes = words(api.themes);
  const keywords = words(api.keywords);
  return {
    slug: api.slug,
    title: api.title,
    titleKey: foldText(api.title),
    tagline: api.tagline ?? null,
    description: api.description ?? null,
    producerSlug: api.producer,
    access: ACCESS[api.access] ?? 'RESTRICTED',
    eligibility: (api.access_page ?? []).map((line) => ({
      who: line.who,
      eligible: ELIGIBLE[line.is_eligible] ?? 'UNDER_CONDITIONS',
      // As written, components included (`<External href>` wraps words of the sentence), untrimmed:
      // its length tells readers whether the source cut it.
      description: line.description?.trim() ? line.description : null,
    })),
    themes,
    themeKeys: themes.map(foldText),
    keywords,
    website: catalogUrl(api.external_site),
    documentation: catalogUrl(api.doc_tech_external),
    openApi: catalogUrl(api.doc_tech_link),
    contact: contactOf(api.contact_link),
    accessRequest: catalogUrl(api.datapass_link) ?? catalogUrl(api.account_link),
    franceConnect: api.is_france_connected === undefined ? null : api.is_france_connected > 0,
    lastUpdate: api.last_update_iso ?? null,
    page: api.url,
    uptime: typeof api.uptime === 'number' ? api.uptime : null,
    // Written from the row's columns once inserted (refreshSearch).
    search: '',
  };
}

/**
 * Writes the search vector of every API whose vector is not what `searchDocument` makes of it now:
 * the new ones, and all of them when the indexed parts or their weights have changed since the
 * database was seeded. Derived data, so no migration.
 */
async function refreshSearch(tx: Transaction, t: CatalogTables, cfg: string): Promise<void> {
  const document = searchDocument(t.apis, cfg);
  await tx.update(t.apis).set({ search: document }).where(sql`${t.apis.search} is distinct from ${document}`);
}

/** How much a producer ↔ organisation match is worth: an identical id or name over a shared acronym. */
const BASIS_RANK = (basis: string) => (basis.startsWith('slug') ? 0 : basis.startsWith('name') ? 1 : 2);

/** Inserts what is missing of the catalogue. Returns how many APIs were new. */
export async function seedCatalog(
  db: Db,
  t: CatalogTables,
  cfg: string,
  catalog: CatalogSeed,
  beta: Pick<SeedData, 'startups' | 'incubators'>,
): Promise<number> {
  const organisationOf = new Map(
    catalog.producerOrganisations.map((m) => {
      // "DGT" is both the Trésor and the labour directorate: an acronym match loses to a name match.
      const best = [...(m.organisation_candidates ?? [])].sort((a, b) => BASIS_RANK(a.basis) - BASIS_RANK(b.basis))[0];
      return [m.producer_slug, best?.organisation_id ?? null] as const;
    }),
  );
  const incubatorOf = new Map(beta.startups.map((s) => [s.id, s.incubator] as const));
  return db.transaction(async (tx) => {
    await tx
      .insert(t.producers)
      .values(
        catalog.producers.map((p) => ({
          slug: p.slug,
          name: p.name,
          acronym: p.acronym ?? null,
          kind: p.type ?? null,
          website: catalogUrl(p.site),
          organisationId: organisationOf.get(p.slug) ?? null,
        })),
      )
      .onConflictDoNothing();
    const inserted = await tx.insert(t.apis).values(catalog.apis.map(apiRow)).onConflictDoNothing().returning({ slug: t.apis.slug });
    const links = catalog.links.flatMap((link) => {
      const incubator = incubatorOf.get(link.startup_id);
      if (!incubator) return []; // a startup the partners no longer hold
      return [
        {
          apiSlug: link.api_slug,
          startupId: startupGlobalId(incubator, link.startup_id),
          relation: link.relation === 'produces_candidate' ? 'PRODUCES' : 'CONSUMES',
          confidence: link.confidence.toUpperCase(),
          confidenceLevel: CONFIDENCE_LEVEL[link.confidence] ?? 1,
          evidence: link.evidence,
        },
      ];
    });
    if (links.length) await tx.insert(t.startupLinks).values(links).onConflictDoNothing();
    const hosts = beta.incubators.flatMap((i) => (i.owner_id ? [{ incubatorId: i.id, organisationId: i.owner_id }] : []));
    if (hosts.length) await tx.insert(t.incubatorHosts).values(hosts).onConflictDoNothing();
    await refreshSearch(tx, t, cfg);
    return inserted.length;
  });
}
