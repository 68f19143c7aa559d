/**
 * Idempotency keys (contract 1.2): a write sent with a key is applied at most once.
 *
 * The key is claimed first thing in the write's own transaction. A second call with the same
 * key — a client retrying after `PARTNER_WRITE_UNCERTAIN`, or two retries racing — waits on
 * Postgres's unique index until the first commits, then reads what it stored instead of
 * writing. A write that fails rolls its claim back with everything else: a refused write does
 * not use up its key. Keys are kept 24 hours, the window in which a client retries.
 */
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { badInput, codedError } from '../errors.js';
import type { Db, Transaction } from '@gouvgraph/db';
import type { StartupRecord } from './store.js';
import type { Tables } from './tables.js';

const KEY_LIFETIME_HOURS = 24;
const MAX_KEY_LENGTH = 255;
// A key is any text a client can send back unchanged; a control character in it is a mistake.
const CONTROL = /\p{Cc}/u;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** One keyed write: the incubator it writes to (keys are that incubator's), its key, and what it asks. */
export interface KeyedWrite {
  incubatorId: string;
  key: string;
  /** A digest of the mutation and its arguments (`requestDigest`). */
  request: string;
}

/** The key of a write's arguments, checked; undefined when the write carries none. */
export function idempotencyKey(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length === 0 || value.length > MAX_KEY_LENGTH || CONTROL.test(value)) {
    throw badInput(
      `\`idempotencyKey\` must be 1 to ${MAX_KEY_LENGTH} characters without control characters (a UUID is a good key)`,
      'idempotencyKey',
    );
  }
  return value;
}

/**
 * What a write asks, as a digest: the mutation's name and its arguments but the key, with object
 * keys sorted so the same write always gives the same digest. An argument left out and one sent
 * as null stay different (an update tells them apart).
 */
export function requestDigest(mutation: string, args: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = args;
  return createHash('sha256')
    .update(`${mutation}:${canonical(rest)}`)
    .digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The keys of one subgraph's incubators. */
export class IdempotencyKeys {
  private lastPurge = 0;

  constructor(
    private readonly db: Db,
    private readonly t: Tables,
  ) {}

  /**
   * Claims the key in the write's transaction. Returns the startup a first call with this key
   * left, when there was one (the caller then writes nothing), or null when this call is the
   * first (or the key's earlier use expired). Refuses the key used for another write.
   */
  async claim(tx: Transaction, write: KeyedWrite): Promise<StartupRecord | null> {
    const k = this.t.idempotencyKeys;
    const expired = sql`${k.createdAt} < now() - make_interval(hours => ${KEY_LIFETIME_HOURS})`;
    // Inserting waits for a concurrent claim of the same key to commit or roll back.
    const claimed = await tx
      .insert(k)
      .values({ incubatorId: write.incubatorId, key: write.key, request: write.request, result: null })
      .onConflictDoUpdate({
        target: [k.incubatorId, k.key],
        set: { request: write.request, result: null, createdAt: sql`now()` },
        setWhere: expired,
      })
      .returning({ key: k.key });
    if (claimed.length) return null;
    const [earlier] = await tx
      .select({ request: k.request, result: k.result })
      .from(k)
      .where(and(eq(k.incubatorId, write.incubatorId), eq(k.key, write.key)));
    if (!earlier?.result) {
      // Unreachable while claims and results are written in one transaction; said rather than guessed.
      throw codedError('CONFLICT', `The idempotencyKey ${JSON.stringify(write.key)} is held by a write that left no result`);
    }
    if (earlier.request !== write.request) {
      throw codedError(
        'IDEMPOTENCY_KEY_REUSED',
        `The idempotencyKey ${JSON.stringify(write.key)} was used for another write to ${write.incubatorId} in the last ${KEY_LIFETIME_HOURS} hours: nothing was written`,
        { field: 'idempotencyKey' },
      );
    }
    return revive(earlier.result as StoredStartup);
  }

  /** Stores the write's result with its claim, in the same transaction. */
  async settle(tx: Transaction, write: KeyedWrite, row: StartupRecord): Promise<void> {
    const k = this.t.idempotencyKeys;
    await tx
      .update(k)
      .set({ result: row })
      .where(and(eq(k.incubatorId, write.incubatorId), eq(k.key, write.key)));
  }

  /** Forgets expired keys, at most once an hour (before a keyed write, outside its transaction). */
  async purgeExpired(now = Date.now()): Promise<void> {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    const k = this.t.idempotencyKeys;
    await this.db.delete(k).where(lt(k.createdAt, sql`now() - make_interval(hours => ${KEY_LIFETIME_HOURS})`));
  }
}

/** A startup row as stored in JSON: its timestamps are strings there. */
type StoredStartup = Omit<StartupRecord, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

function revive(stored: StoredStartup): StartupRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), updatedAt: new Date(stored.updatedAt) };
}
