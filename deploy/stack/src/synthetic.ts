/**
 * More partners than the real data has incubators, for scale tests and the fan-out benchmark:
 * the 662 real startups dealt round-robin (in id order) to `count` partners named
 * `partenaire-01`, `partenaire-02`…, each owned by a real organisation. The rows stay real;
 * only their split is made up.
 */
import type { PartnerSeed, SeedData } from '@gouvgraph/data';

export function syntheticPartners(data: SeedData, count: number): PartnerSeed[] {
  const width = String(count).length;
  const startups = [...data.startups].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const owners = data.incubators.map((i) => i.owner_id).filter((id): id is string => !!id && data.organisations.some((o) => o.id === id));
  return Array.from({ length: count }, (_, n) => {
    const id = `partenaire-${String(n + 1).padStart(width, '0')}`;
    const ownerId = owners[n % owners.length];
    const mine = startups
      .filter((_, i) => i % count === n)
      // Co-incubation names real incubators that are not partners here: keep each startup whole but alone.
      .map((s) => ({ ...s, incubator: id, incubator_ids: [id] }));
    return {
      incubator: { id, title: `Incubateur d'essai n° ${n + 1}`, ...(ownerId ? { owner_id: ownerId } : {}) },
      startups: mine,
      organisations: data.organisations,
    };
  });
}
