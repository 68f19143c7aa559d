/**
 * The partner registry: who the partners are, their tokens, what they published, and what
 * happened (audit). Joining needs no restart: every partner implements the same contract, so
 * the supergraph does not change when one joins — the gateway only routes to one more partner,
 * which it reads from `activePartners()` on every request.
 *
 * Over 400 lines for now: one class over one database, each method one registry operation and
 * its audit; its vocabulary is in model.ts. Each change is one transaction with its audit row and
 * its announcement (change()).
 */
import { migrateSchema, type Db, type DatabaseConnection, type Transaction } from '@gouvgraph/db';
import { checkSubgraph, CONTRACT_VERSION, contractVersion, isPartnerId, type ConformanceReport } from '@gouvgraph/schema';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Partner } from '@gouvgraph/gateway-core';
import { supergraphHash } from '@gouvgraph/gateway-core';
import { actorName, KINDS, newToken, RegistryError, sha256, TOKEN_PREFIX, type Actor, type NewPartner } from './model.js';
import { defineRegistryTables, type RegistryTables } from './tables.js';
import { WriteAnnouncements } from './write-announcements.js';

export { RegistryError, sameSecret, type Actor, type NewPartner } from './model.js';

/** A partner as the registry keeps it. */
export type PartnerRecord = RegistryTables['partners']['$inferSelect'];

const MIGRATIONS = new URL('../drizzle/', import.meta.url);

/** A transaction of the registry's database. */

/** What a change's audit row says: who did what, to what, with what. */
interface Audited {
  actor: Actor;
  action: string;
  target: string | null;
  detail?: unknown;
}

/** The Postgres channel every gateway on one registry database listens on. */
const REGISTRY_CHANNEL = 'gouvgraph_registry';

/** The channel on which gateways tell each other that a write went through (response caches forget). */

export interface RegistryOptions {
  connection: DatabaseConnection;
  /**
   * How often to reload the partners anyway, in case a notification was missed (a dropped
   * connection). Default 5 s; 0 turns it off.
   */
  pollMs?: number;
  /** Its Postgres schema. Default `registry`. */
  dbSchema?: string;
  /** Conformance checks' per-request deadline when a partner publishes. Default 10 s. */
  checkTimeoutMs?: number;
}

export class Registry {
  private active: Partner[] = [];
  private live: { hash: string; sdl: string } | null = null;
  /** When the partner list was last read whole from the database (the gateway's readiness says it). */
  refreshedAt: Date | null = null;
  private readonly supergraphListeners = new Set<(live: { hash: string; sdl: string }) => void>();
  private readonly listeners = new Set<(partners: readonly Partner[]) => void>();
  private stopListening: (() => Promise<void>) | undefined;
  /** Writes announced to every replica, and acknowledged (write-announcements.ts). */
  private writes: WriteAnnouncements | undefined;
  /**
   * Tokens recently checked, by hash: every write carries one, and a lookup per request would
   * cost the registry database a query each time. Emptied on every change, here or announced.
   */
  private readonly tokenCache = new Map<string, { result: { partnerId: string; scopes: string[] } | null; until: number }>();
  private poller: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Db,
    private readonly t: RegistryTables,
    private readonly checkTimeoutMs: number,
  ) {}

  /**
   * Opens the registry and keeps it in step with every other gateway on the same database:
   * a change made anywhere is announced with NOTIFY and reloaded here within moments, and a
   * slow poll covers a missed notification. This is how gateways scale out: stateless replicas
   * behind any load balancer, the registry in Postgres.
   */
  static async open(options: RegistryOptions): Promise<Registry> {
    const db = options.connection.drizzle();
    const schema = options.dbSchema ?? 'registry';
    await migrateSchema(db, schema, MIGRATIONS);
    const registry = new Registry(db, defineRegistryTables(schema), options.checkTimeoutMs ?? 10_000);
    await registry.refresh();
    registry.stopListening = await options.connection.listen(REGISTRY_CHANNEL, () => void registry.refresh().catch(() => {}));
    registry.writes = new WriteAnnouncements(db);
    await registry.writes.open(options.connection);
    const pollMs = options.pollMs ?? 5_000;
    if (pollMs > 0) {
      registry.poller = setInterval(() => void registry.refresh().catch(() => {}), pollMs);
      registry.poller.unref();
    }
    return registry;
  }

  /** Stops listening and polling (the connection stays open: it belongs to the caller). */
  async close(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    await this.stopListening?.();
    await this.writes?.close();
  }

  /** Whether the registry's database answers (the gateway's readiness). */
  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  /**
   * Tells every gateway on this database (this one too) that a write to the upstream `tag` went
   * through (`partner:mtes`, `subgraph:catalog`: gateway-core's caching/freshness.ts).
   */
  async announceWrite(tag: string): Promise<void> {
    await this.writes?.announce(tag);
  }

  /**
   * Calls `listener` whenever a write went through any gateway on this database, with the tag of
   * the upstream it went to (null: not said, forget everything).
   */
  onWrite(listener: (tag: string | null) => void): () => void {
    return this.writes?.onWrite(listener) ?? (() => {});
  }

  /** The partners the gateway routes to now (active ones, by id). Read on every request: keep it cheap. */
  activePartners(): readonly Partner[] {
    return this.active;
  }

  /** Calls `listener` with the new partner list after every change. */
  onChange(listener: (partners: readonly Partner[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After a change: reload here at once, and tell the other gateways. */
  /**
   * One change of the registry: what it writes, its audit row and its announcement to every
   * gateway on the database, in one transaction — all of it happens, or none (a NOTIFY is delivered
   * at commit). Then this replica reloads; should that reload fail, the change is made all the same,
   * and the next poll reads it.
   */
  private async change<T>(audit: Audited, write: (tx: Transaction) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async (tx) => {
      const value = await write(tx);
      await tx.insert(this.t.audit).values({
        actor: actorName(audit.actor),
        action: audit.action,
        target: audit.target,
        detail: audit.detail ?? null,
        remote: audit.actor.remote ?? null,
      });
      await tx.execute(sql`select pg_notify(${REGISTRY_CHANNEL}, 'changed')`);
      return value;
    });
    await this.refresh().catch(() => {});
    return result;
  }

  /** The live supergraph (hash and SDL), or null before any gateway recorded one. */
  liveSupergraph(): { hash: string; sdl: string } | null {
    return this.live;
  }

  /** Calls `listener` whenever another supergraph becomes live (a deployment, a rollback). */
  onSupergraphChange(listener: (live: { hash: string; sdl: string }) => void): () => void {
    this.supergraphListeners.add(listener);
    return () => this.supergraphListeners.delete(listener);
  }

  /**
   * Records a supergraph a gateway composed at start-up and makes it the live one (a new
   * deployment); the previous ones stay in the history, by hash, for a rollback.
   */
  async deploySupergraph(sdl: string, actor: Actor): Promise<string> {
    const hash = supergraphHash(sdl);
    if (this.live?.hash === hash) return hash;
    await this.change({ actor, action: 'supergraph.deploy', target: hash }, async (tx) => {
      await tx.insert(this.t.supergraphs).values({ hash, sdl }).onConflictDoNothing();
      await tx.update(this.t.supergraphs).set({ live: false }).where(eq(this.t.supergraphs.live, true));
      await tx.update(this.t.supergraphs).set({ live: true, liveSince: new Date() }).where(eq(this.t.supergraphs.hash, hash));
    });
    return hash;
  }

  /** Makes an earlier supergraph live again on every gateway: one command, by hash (or a unique prefix). */
  async rollback(hashOrPrefix: string, actor: Actor): Promise<string> {
    const all = await this.db.select({ hash: this.t.supergraphs.hash }).from(this.t.supergraphs);
    const matches = all.filter((r) => r.hash.startsWith(hashOrPrefix));
    if (hashOrPrefix.length < 6 || matches.length !== 1) {
      throw new RegistryError(
        'NOT_FOUND',
        404,
        `No single supergraph has a hash starting with "${hashOrPrefix}" (give at least 6 characters)`,
      );
    }
    const hash = (matches[0] as { hash: string }).hash;
    await this.change({ actor, action: 'supergraph.rollback', target: hash }, async (tx) => {
      await tx.update(this.t.supergraphs).set({ live: false }).where(eq(this.t.supergraphs.live, true));
      await tx.update(this.t.supergraphs).set({ live: true, liveSince: new Date() }).where(eq(this.t.supergraphs.hash, hash));
    });
    return hash;
  }

  /**
   * Each time a supergraph became live — deployed by a gateway, or rolled back to — oldest first,
   * with its SDL: the graph's public changelog.
   */
  async supergraphTimeline(): Promise<{ hash: string; sdl: string; at: Date; kind: 'deploy' | 'rollback' }[]> {
    const a = this.t.audit;
    const g = this.t.supergraphs;
    const events = await this.db
      .select({ hash: a.target, at: a.at, action: a.action })
      .from(a)
      .where(sql`${a.action} in ('supergraph.deploy', 'supergraph.rollback')`)
      .orderBy(asc(a.at), asc(a.id));
    // Each SDL once, however many times its supergraph became live.
    const hashes = [...new Set(events.map((e) => e.hash).filter((h): h is string => h !== null))];
    const sdls = new Map(
      hashes.length
        ? (await this.db.select({ hash: g.hash, sdl: g.sdl }).from(g).where(inArray(g.hash, hashes))).map((r) => [r.hash, r.sdl])
        : [],
    );
    return events.flatMap((e) => {
      const sdl = e.hash === null ? undefined : sdls.get(e.hash);
      return sdl === undefined || e.hash === null
        ? []
        : [{ hash: e.hash, sdl, at: e.at, kind: e.action === 'supergraph.rollback' ? ('rollback' as const) : ('deploy' as const) }];
    });
  }

  /** Every supergraph that was live, newest first (without their SDL). */
  async supergraphHistory(): Promise<{ hash: string; live: boolean; createdAt: Date; liveSince: Date | null }[]> {
    const g = this.t.supergraphs;
    return this.db
      .select({ hash: g.hash, live: g.live, createdAt: g.createdAt, liveSince: g.liveSince })
      .from(g)
      .orderBy(desc(g.createdAt));
  }

  /** Reloads the active partners from the database (after a change here, or made by another gateway). */
  async refresh(): Promise<void> {
    const [live] = await this.db
      .select({ hash: this.t.supergraphs.hash, sdl: this.t.supergraphs.sdl })
      .from(this.t.supergraphs)
      .where(eq(this.t.supergraphs.live, true));
    if (live && live.hash !== this.live?.hash) {
      this.live = live;
      for (const listener of this.supergraphListeners) listener(live);
    }
    const rows = await this.db
      .select({ id: this.t.partners.id, url: this.t.partners.url, contractVersion: this.t.partners.contractVersion })
      .from(this.t.partners)
      .where(eq(this.t.partners.status, 'active'))
      .orderBy(asc(this.t.partners.id));
    // A version this gateway does not know was recorded by a newer replica (a rolling upgrade):
    // versions only add, so such a partner answers everything this gateway asks.
    const older = (version: string | null) => version !== null && version !== CONTRACT_VERSION && contractVersion(version) !== undefined;
    const next: Partner[] = rows.flatMap(({ id, url, contractVersion: version }) =>
      url === null ? [] : [older(version) ? { id, url, contractVersion: version as string } : { id, url }],
    );
    // Read whole: a token revoked meanwhile must be looked up again. Until then (the database
    // away), the tokens already checked stay known, as the partner list stays what it was.
    this.tokenCache.clear();
    this.refreshedAt = new Date();
    // Polling reloads often: tell the listeners only when something changed.
    if (JSON.stringify(next) === JSON.stringify(this.active)) return;
    this.active = next;
    for (const listener of this.listeners) listener(this.active);
  }

  async partner(id: string): Promise<PartnerRecord | null> {
    const [row] = await this.db.select().from(this.t.partners).where(eq(this.t.partners.id, id));
    return row ?? null;
  }

  async partners(): Promise<PartnerRecord[]> {
    return this.db.select().from(this.t.partners).orderBy(asc(this.t.partners.id));
  }

  async auditLog(limit = 100): Promise<RegistryTables['audit']['$inferSelect'][]> {
    return this.db.select().from(this.t.audit).orderBy(desc(this.t.audit.id)).limit(limit);
  }

  /** Registers a partner and returns its first token, which is shown this once. */
  async createPartner(input: NewPartner, actor: Actor): Promise<{ partner: PartnerRecord; token: string }> {
    if (!isPartnerId(input.id)) {
      throw new RegistryError(
        'BAD_USER_INPUT',
        400,
        `"${input.id}" is not a valid partner id: letters, digits, ".", "_" and "-", starting with a letter or digit`,
      );
    }
    if (!input.name?.trim()) throw new RegistryError('BAD_USER_INPUT', 400, 'A partner needs a name');
    if (!(KINDS as readonly string[]).includes(input.kind)) {
      throw new RegistryError('BAD_USER_INPUT', 400, `kind must be one of ${KINDS.join(', ')}; got "${input.kind}"`);
    }
    const token = newToken();
    const audit = { actor, action: 'partner.create', target: input.id, detail: { name: input.name.trim(), kind: input.kind } };
    const partner = await this.change(audit, async (tx) => {
      const [row] = await tx
        .insert(this.t.partners)
        .values({
          id: input.id,
          name: input.name.trim(),
          kind: input.kind,
          ownerOrganisation: input.ownerOrganisation ?? null,
          contact: input.contact ?? null,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new RegistryError('CONFLICT', 409, `A partner "${input.id}" already exists`);
      await tx.insert(this.t.tokens).values({ partnerId: row.id, hash: sha256(token), scopes: ['publish', 'write'] });
      return row;
    });
    return { partner, token };
  }

  /** Adds a partner that is already running (the start command's real incubators), idempotently. */
  async ensureActive(partner: NewPartner & { url: string; contractVersion?: string }): Promise<void> {
    const version = partner.contractVersion ?? CONTRACT_VERSION;
    if (!contractVersion(version)) throw new RegistryError('BAD_USER_INPUT', 400, `The contract has no version "${version}"`);
    await this.db
      .insert(this.t.partners)
      .values({
        id: partner.id,
        name: partner.name,
        kind: partner.kind,
        ownerOrganisation: partner.ownerOrganisation ?? null,
        status: 'active',
        url: partner.url,
        contractVersion: version,
        publishedAt: new Date(),
      })
      .onConflictDoUpdate({
        target: this.t.partners.id,
        set: { url: partner.url, contractVersion: version, status: 'active', updatedAt: new Date() },
      });
  }

  /** The partner a token belongs to, or null (unknown, revoked, or its partner removed). */
  async authenticate(token: string): Promise<{ partnerId: string; scopes: string[] } | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const hash = sha256(token);
    const cached = this.tokenCache.get(hash);
    if (cached && cached.until > Date.now()) return cached.result;
    const result = await this.lookUpToken(hash);
    if (this.tokenCache.size > 10_000) this.tokenCache.clear();
    this.tokenCache.set(hash, { result, until: Date.now() + 5_000 });
    return result;
  }

  private async lookUpToken(hash: string): Promise<{ partnerId: string; scopes: string[] } | null> {
    const [row] = await this.db
      .select({ partnerId: this.t.tokens.partnerId, scopes: this.t.tokens.scopes, status: this.t.partners.status })
      .from(this.t.tokens)
      .innerJoin(this.t.partners, eq(this.t.partners.id, this.t.tokens.partnerId))
      .where(and(eq(this.t.tokens.hash, hash), isNull(this.t.tokens.revokedAt)));
    return row && row.status !== 'removed' ? { partnerId: row.partnerId, scopes: row.scopes } : null;
  }

  /** Revokes a partner's tokens and returns a new one. */
  async rotateToken(partnerId: string, actor: Actor): Promise<string> {
    await this.requirePartner(partnerId);
    const token = newToken();
    await this.change({ actor, action: 'token.rotate', target: partnerId }, async (tx) => {
      await tx
        .update(this.t.tokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(this.t.tokens.partnerId, partnerId), isNull(this.t.tokens.revokedAt)));
      await tx.insert(this.t.tokens).values({ partnerId, hash: sha256(token), scopes: ['publish', 'write'] });
    });
    return token;
  }

  private async requirePartner(id: string): Promise<PartnerRecord> {
    const partner = await this.partner(id);
    if (!partner || partner.status === 'removed') throw new RegistryError('UNKNOWN_PARTNER', 404, `No partner "${id}" in the registry`);
    return partner;
  }

  /**
   * Publishes a partner's subgraph: fetches its SDL, checks it against the contract and how it
   * behaves (the conformance check), and that it serves this partner's incubator. Only then does
   * the graph route to it. A refused publication changes nothing, and says why.
   */
  async publish(partnerId: string, url: string, actor: Actor): Promise<{ accepted: true; report: ConformanceReport }> {
    const partner = await this.requirePartner(partnerId);
    if (partner.status === 'suspended')
      throw new RegistryError('FORBIDDEN', 403, `Partner "${partnerId}" is suspended: an administrator must reinstate it first`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new RegistryError('BAD_USER_INPUT', 400, `"${url}" is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new RegistryError('BAD_USER_INPUT', 400, 'The subgraph URL must be http(s)');
    const started = performance.now();
    const report = await checkSubgraph(url, { timeoutMs: this.checkTimeoutMs });
    const problems = report.checks.filter((c) => !c.ok).flatMap((c) => c.details.map((d) => `${c.name}: ${d}`));
    const identity = await this.servedIncubator(url);
    if (report.ok && identity !== partnerId) {
      problems.push(
        `the subgraph serves incubator "${identity ?? 'none'}", not "${partnerId}": start the kit with PARTNER_ID=${partnerId}`,
      );
    }
    const accepted = problems.length === 0;
    const audit = { actor, action: accepted ? 'partner.publish' : 'partner.publish.refused', target: partnerId, detail: { url, problems } };
    await this.change(audit, async (tx) => {
      await tx
        .insert(this.t.publications)
        .values({ partnerId, url, accepted, report, durationMs: Math.round(performance.now() - started) });
      if (!accepted) return;
      await tx
        .update(this.t.partners)
        .set({ url, contractVersion: report.contractVersion, status: 'active', publishedAt: new Date(), updatedAt: new Date() })
        .where(eq(this.t.partners.id, partnerId));
    });
    if (!accepted) {
      const unreachable = report.checks[0]?.ok === false && report.checks[0].details.some((d) => d.includes('does not answer'));
      throw new RegistryError(
        unreachable ? 'PUBLISH_UNREACHABLE' : 'PUBLISH_REFUSED',
        422,
        unreachable
          ? `The subgraph at ${url} does not answer: nothing was changed`
          : `The subgraph at ${url} does not conform to the contract: nothing was changed`,
        problems,
      );
    }
    return { accepted: true, report };
  }

  private async servedIncubator(url: string): Promise<string | null> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ incubators { id } }' }),
        signal: AbortSignal.timeout(this.checkTimeoutMs),
      });
      const body = (await response.json()) as { data?: { incubators?: { id: string }[] } };
      return body.data?.incubators?.[0]?.id ?? null;
    } catch {
      return null;
    }
  }

  /** Stops routing to a partner at once; its data stays where it is. */
  async suspend(partnerId: string, actor: Actor): Promise<void> {
    await this.requirePartner(partnerId);
    await this.change({ actor, action: 'partner.suspend', target: partnerId }, async (tx) => {
      await tx.update(this.t.partners).set({ status: 'suspended', updatedAt: new Date() }).where(eq(this.t.partners.id, partnerId));
    });
  }

  /** Routes to a suspended partner again, at the URL it last published. */
  async reinstate(partnerId: string, actor: Actor): Promise<void> {
    const partner = await this.requirePartner(partnerId);
    if (partner.status !== 'suspended') throw new RegistryError('CONFLICT', 409, `Partner "${partnerId}" is not suspended`);
    await this.change({ actor, action: 'partner.reinstate', target: partnerId }, async (tx) => {
      await tx
        .update(this.t.partners)
        .set({ status: partner.url ? 'active' : 'registered', updatedAt: new Date() })
        .where(eq(this.t.partners.id, partnerId));
    });
  }

  /** Removes a partner from the graph and revokes its tokens (the registry keeps its history). */
  async remove(partnerId: string, actor: Actor): Promise<void> {
    await this.requirePartner(partnerId);
    await this.change({ actor, action: 'partner.remove', target: partnerId }, async (tx) => {
      await tx.update(this.t.partners).set({ status: 'removed', updatedAt: new Date() }).where(eq(this.t.partners.id, partnerId));
      await tx
        .update(this.t.tokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(this.t.tokens.partnerId, partnerId), isNull(this.t.tokens.revokedAt)));
    });
  }
}
