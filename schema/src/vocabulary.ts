/**
 * The contract's reading of beta.gouv.fr's free vocabularies (organisation types, event names,
 * accessibility statuses) and the text folding every partner uses for sort keys and search.
 */
import type { AccessibilityStatus, OrganisationKind, StartupEventKind } from './generated/types.js';

const ORGANISATION_KINDS: Readonly<Record<string, OrganisationKind>> = {
  'administration-centrale': 'CENTRAL_ADMINISTRATION',
  operateur: 'OPERATOR',
  'service-deconcentre': 'DECENTRALISED_SERVICE',
  'collectivite-territoriale': 'LOCAL_AUTHORITY',
  'securite-sociale': 'SOCIAL_SECURITY',
  autre: 'OTHER',
};

/** beta.gouv.fr organisation `type` to the contract's kind (`OTHER` when absent or unknown). */
export function organisationKindFromSource(type: string | undefined): OrganisationKind {
  return (type && ORGANISATION_KINDS[type]) || 'OTHER';
}

const EVENT_KINDS: Readonly<Record<string, StartupEventKind>> = {
  committee: 'COMMITTEE',
  product_launch: 'PRODUCT_LAUNCH',
  national_impact: 'NATIONAL_IMPACT',
  fast: 'FAST',
  eig: 'EIG',
  end: 'END',
  other: 'OTHER',
};

/** beta.gouv.fr event name to the contract's kind (`OTHER` for names it does not know). */
export function eventKindFromSource(name: string): StartupEventKind {
  return EVENT_KINDS[name] ?? 'OTHER';
}

const ACCESSIBILITY: Readonly<Record<string, AccessibilityStatus>> = {
  'non conforme': 'NON_COMPLIANT',
  'partiellement conforme': 'PARTIALLY_COMPLIANT',
  'totalement conforme': 'FULLY_COMPLIANT',
};

/** beta.gouv.fr `accessibility_status` (RGAA wording) to the contract's status, or null. */
export function accessibilityFromSource(status: string | undefined): AccessibilityStatus | null {
  return (status && ACCESSIBILITY[status.trim().toLowerCase()]) || null;
}

/**
 * Folds text for comparison: no accents, no case, ligatures spelled out, spaces collapsed.
 * "Énergie  Œuvre" → "energie oeuvre". Partners store it as sort and search keys, so that
 * the order of names is the same on every partner and every database.
 */
export function foldText(text: string): string {
  return text
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
