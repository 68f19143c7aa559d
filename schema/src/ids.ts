/**
 * Global ids. Every id in the graph tells which partner owns the row, so the gateway routes
 * an entity or a mutation without any lookup:
 *
 *   Incubator.id  = `<partner>`          e.g. `mtes`
 *   Startup.id    = `<partner>/<slug>`   e.g. `mtes/ecobalyse`
 *
 * Partner ids are beta.gouv.fr incubator ids (letters, digits, `.`, `_`, `-`); startup slugs
 * are beta.gouv.fr startup ids, as they are (letters of any script, digits, `.`, `_`, `-`).
 * Neither contains `/`, so the first `/` splits the two.
 * A startup that moves to another incubator changes id: the price of lookup-free routing.
 */

const PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// Letters of any script: two real slugs carry accents (`données-et-territoires`, `e-inspé`), and a
// startup keeps the id the programme gave it. New slugs are stricter (the kit's createStartup).
const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,127}$/u;

/** True when `id` is a well-formed partner id. */
export function isPartnerId(id: string): boolean {
  return PARTNER_ID.test(id);
}

/** True when `slug` is a well-formed startup slug. */
function isStartupSlug(slug: string): boolean {
  return SLUG.test(slug);
}

/** Builds a startup's global id. */
export function startupGlobalId(partnerId: string, slug: string): string {
  return `${partnerId}/${slug}`;
}

/** Splits a startup global id, or returns null when it is malformed. */
export function parseStartupId(id: string): { partnerId: string; slug: string } | null {
  const slash = id.indexOf('/');
  if (slash < 0) return null;
  const partnerId = id.slice(0, slash);
  const slug = id.slice(slash + 1);
  return isPartnerId(partnerId) && isStartupSlug(slug) ? { partnerId, slug } : null;
}

/**
 * The partner that owns an entity of the contract, from its id alone; null when the id is
 * malformed (no partner owns it).
 */
export function ownerOf(typename: string, id: string): string | null {
  switch (typename) {
    case 'Incubator':
      return isPartnerId(id) ? id : null;
    case 'Startup':
      return parseStartupId(id)?.partnerId ?? null;
    default:
      return null;
  }
}

/**
 * Whether an id of an owned entity (`Startup`, `Incubator`) names `partnerId` as its owner: the
 * check the gateway holds every partner answer to. By prefix, so that a slug the id pattern does
 * not know yet (a real one with an accent) is the partner's own, not another's.
 */
export function namesOwner(typename: string, id: string, partnerId: string): boolean {
  return typename === 'Incubator' ? id === partnerId : id.startsWith(`${partnerId}/`) && id.length > partnerId.length + 1;
}
