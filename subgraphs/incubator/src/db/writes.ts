/**
 * The partner's writes. Each is one transaction that locks the startup row it changes, so
 * concurrent writes to the same startup queue up instead of interleaving; a refused write
 * changes nothing. A write sent with an idempotency key claims it in that same transaction
 * (idempotency.ts): sent again, it returns the first result and writes nothing.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ACTIVE_PHASES, foldText, type CreateStartupInput, type Phase, type UpdateStartupInput } from '@gouvgraph/schema';
import { badInput, codedError } from '../errors.js';
import { IdempotencyKeys, type KeyedWrite } from './idempotency.js';
import { startupKeys } from './seed.js';
import type { Db, Transaction } from '@gouvgraph/db';
import type { StartupRecord } from './store.js';
import type { Tables } from './tables.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const LIMITS = { name: 200, pitch: 1_000, description: 5_000, comment: 2_000, listItem: 100, listLength: 50 };

/** A startup named by its global id's parts. */
export interface StartupRef {
  incubatorId: string;
  slug: string;
}

function requiredText(value: string, field: keyof typeof LIMITS): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(`\`${field}\` must not be empty`, field);
  if (text.length > LIMITS[field]) throw badInput(`\`${field}\` is longer than ${LIMITS[field]} characters`, field);
  return text;
}

function optionalText(value: string | null | undefined, field: keyof typeof LIMITS): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length > LIMITS[field]) throw badInput(`\`${field}\` is longer than ${LIMITS[field]} characters`, field);
  return text.length ? text : null;
}

function textList(values: readonly string[] | null | undefined, field: string): string[] {
  const list = (values ?? []).map((v) => v.trim()).filter(Boolean);
  if (list.length > LIMITS.listLength) throw badInput(`\`${field}\` has more than ${LIMITS.listLength} items`, field);
  if (list.some((v) => v.length > LIMITS.listItem)) {
    throw badInput(`an item of \`${field}\` is longer than ${LIMITS.listItem} characters`, field);
  }
  return [...new Set(list)];
}

export class IncubatorWrites {
  private readonly keys: IdempotencyKeys;

  constructor(
    readonly db: Db,
    readonly t: Tables,
    /** The incubators this subgraph holds. */
    readonly incubators: ReadonlySet<string>,
  ) {
    this.keys = new IdempotencyKeys(db, t);
  }

  /** Runs a write in one transaction; with a key, at most once (the first result comes back). */
  private async transaction(keyed: KeyedWrite | undefined, run: (tx: Transaction) => Promise<StartupRecord>): Promise<StartupRecord> {
    if (!keyed) return this.db.transaction(run);
    await this.keys.purgeExpired();
    return this.db.transaction(async (tx) => {
      const earlier = await this.keys.claim(tx, keyed);
      if (earlier) return earlier;
      const row = await run(tx);
      await this.keys.settle(tx, keyed, row);
      return row;
    });
  }

  /** Locks and returns a startup of that incubator, or fails with NOT_FOUND. */
  private async lockStartup(tx: Transaction, id: StartupRef): Promise<StartupRecord> {
    const [row] = await tx
      .select()
      .from(this.t.startups)
      .where(and(eq(this.t.startups.slug, id.slug), eq(this.t.startups.incubatorId, id.incubatorId)))
      .for('update');
    if (!row) throw codedError('NOT_FOUND', `No startup "${id.incubatorId}/${id.slug}" in incubator ${id.incubatorId}`);
    return row;
  }

  async createStartup(input: CreateStartupInput, keyed?: KeyedWrite): Promise<StartupRecord> {
    if (!this.incubators.has(input.incubatorId)) {
      throw badInput(`This subgraph does not hold incubator "${input.incubatorId}"`, 'incubatorId');
    }
    if (!SLUG.test(input.slug)) {
      throw badInput('`slug` must be 1 to 64 lower-case letters, digits and inner dashes, e.g. "mon-service"', 'slug');
    }
    const name = requiredText(input.name, 'name');
    const pitch = requiredText(input.pitch, 'pitch');
    const phase: Phase = input.phase ?? 'INVESTIGATION';
    const sponsorIds = textList(input.sponsorIds, 'sponsorIds');
    const thematics = textList(input.thematics, 'thematics');

    return this.transaction(keyed, async (tx) => {
      if (sponsorIds.length) {
        const known = await tx
          .select({ id: this.t.organisations.id })
          .from(this.t.organisations)
          .where(inArray(this.t.organisations.id, sponsorIds));
        const unknown = sponsorIds.filter((id) => !known.some((k) => k.id === id));
        if (unknown.length) throw badInput(`Unknown sponsor organisation(s): ${unknown.join(', ')}`, 'sponsorIds');
      }
      const [row] = await tx
        .insert(this.t.startups)
        .values({
          slug: input.slug,
          incubatorId: input.incubatorId,
          name,
          pitch,
          ...startupKeys(name, pitch),
          phase,
          phaseStart: input.phaseStart,
          firstPhaseStart: input.phaseStart,
          active: ACTIVE_PHASES.has(phase),
          thematics,
          thematicKeys: thematics.map(foldText),
          userTypes: textList(input.userTypes, 'userTypes'),
          website: input.website ?? null,
          repository: input.repository ?? null,
          statsUrl: input.statsUrl ?? null,
          budgetUrl: input.budgetUrl ?? null,
          impactUrl: input.impactUrl ?? null,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw codedError('CONFLICT', `The slug "${input.slug}" is already taken`);
      await tx.insert(this.t.startupPhases).values({ startupSlug: row.slug, position: 0, phase, start: input.phaseStart });
      if (sponsorIds.length) {
        await tx
          .insert(this.t.startupSponsors)
          .values(sponsorIds.map((organisationId, position) => ({ startupSlug: row.slug, organisationId, position })));
      }
      return row;
    });
  }

  async updateStartup(id: StartupRef, input: UpdateStartupInput, keyed?: KeyedWrite): Promise<StartupRecord> {
    const { slug } = id;
    return this.transaction(keyed, async (tx) => {
      const current = await this.lockStartup(tx, id);
      const name = input.name === undefined || input.name === null ? current.name : requiredText(input.name, 'name');
      const pitch = input.pitch === undefined || input.pitch === null ? current.pitch : requiredText(input.pitch, 'pitch');
      const changes: Partial<StartupRecord> = { name, pitch, ...startupKeys(name, pitch), updatedAt: new Date() };
      if (input.description !== undefined) changes.description = optionalText(input.description, 'description');
      if (input.thematics !== undefined) {
        changes.thematics = textList(input.thematics, 'thematics');
        changes.thematicKeys = changes.thematics.map(foldText);
      }
      if (input.userTypes !== undefined) changes.userTypes = textList(input.userTypes, 'userTypes');
      if (input.technologies !== undefined) changes.technologies = textList(input.technologies, 'technologies');
      if (input.website !== undefined) changes.website = input.website;
      if (input.repository !== undefined) changes.repository = input.repository;
      if (input.statsUrl !== undefined) changes.statsUrl = input.statsUrl;
      if (input.budgetUrl !== undefined) changes.budgetUrl = input.budgetUrl;
      if (input.impactUrl !== undefined) changes.impactUrl = input.impactUrl;
      if (input.accessibility !== undefined) changes.accessibility = input.accessibility;
      const [row] = await tx.update(this.t.startups).set(changes).where(eq(this.t.startups.slug, slug)).returning();
      return row ?? current;
    });
  }

  async recordPhaseChange(id: StartupRef, phase: Phase, start: string, keyed?: KeyedWrite): Promise<StartupRecord> {
    const { slug } = id;
    return this.transaction(keyed, async (tx) => {
      const current = await this.lockStartup(tx, id);
      if (phase === current.phase) {
        throw codedError('CONFLICT', `Startup ${id.incubatorId}/${slug} is already in phase ${phase}`);
      }
      if (start < current.phaseStart) {
        throw codedError(
          'CONFLICT',
          `A new phase cannot start (${start}) before the current one (${current.phase}, ${current.phaseStart})`,
        );
      }
      const p = this.t.startupPhases;
      const [last] = await tx
        .select({ position: sql<number>`max(${p.position})::int` })
        .from(p)
        .where(eq(p.startupSlug, slug));
      const position = (last?.position ?? -1) + 1;
      await tx
        .update(p)
        .set({ end: start })
        .where(and(eq(p.startupSlug, slug), eq(p.position, position - 1)));
      await tx.insert(p).values({ startupSlug: slug, position, phase, start });
      const [row] = await tx
        .update(this.t.startups)
        .set({ phase, phaseStart: start, active: ACTIVE_PHASES.has(phase), updatedAt: new Date() })
        .where(eq(this.t.startups.slug, slug))
        .returning();
      return row ?? current;
    });
  }

  async recordCommitteeReview(
    id: StartupRef,
    date: string,
    comment: string | null | undefined,
    keyed?: KeyedWrite,
  ): Promise<StartupRecord> {
    const { slug } = id;
    const text = optionalText(comment, 'comment');
    return this.transaction(keyed, async (tx) => {
      const current = await this.lockStartup(tx, id);
      const e = this.t.startupEvents;
      const [last] = await tx
        .select({ position: sql<number>`max(${e.position})::int` })
        .from(e)
        .where(eq(e.startupSlug, slug));
      await tx.insert(e).values({ startupSlug: slug, position: (last?.position ?? -1) + 1, kind: 'COMMITTEE', date, comment: text });
      const [row] = await tx.update(this.t.startups).set({ updatedAt: new Date() }).where(eq(this.t.startups.slug, slug)).returning();
      return row ?? current;
    });
  }
}
