/**
 * Writes announced to every gateway replica on the registry's database, and acknowledged: a write
 * through one replica is forgotten by every replica's caches before its writer gets the answer,
 * so the very next read anywhere sees it. NOTIFY alone does not promise that: each listening
 * connection is told at its own pace, and a busy replica may hear it after a client, who already
 * has the writer's answer, asks it again.
 *
 * On the `gouvgraph_writes` channel:
 * - `hello <replica>` when a replica starts listening, then every few seconds: who is there;
 * - `bye <replica>` when it stops;
 * - `write <tag> <nonce>`: a write to the upstream `tag` (gateway-core's caching/freshness.ts);
 *   every replica forgets, then answers `ack <nonce> <replica>`;
 * - `written`, from a gateway of an earlier release: a write, upstream not said (forget everything).
 *
 * The writer waits for the acknowledgement of every replica heard from in the last
 * PEER_SILENCE_MS (itself included), at most ACK_WAIT_MS: a replica that died without a word costs
 * writes that wait until it falls silent, never a lost write or an unbounded one.
 */
import type { Db, DatabaseConnection } from '@gouvgraph/db';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';

const CHANNEL = 'gouvgraph_writes';
const HELLO_EVERY_MS = 5_000;
/** A replica not heard from for this long is no longer waited for. */
const PEER_SILENCE_MS = 3 * HELLO_EVERY_MS;
/** The longest a writer waits for the other replicas' acknowledgements. */
const ACK_WAIT_MS = 1_000;

interface Waiting {
  expected: Set<string>;
  done: () => void;
}

export class WriteAnnouncements {
  readonly replica: string = randomUUID();
  private readonly peers = new Map<string, number>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly listeners = new Set<(tag: string | null) => void>();
  private stopListening: (() => Promise<void>) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {}

  async open(connection: DatabaseConnection): Promise<void> {
    this.stopListening = await connection.listen(CHANNEL, (payload) => this.heard(payload));
    await this.say(`hello ${this.replica}`);
    this.heartbeat = setInterval(() => void this.say(`hello ${this.replica}`).catch(() => {}), HELLO_EVERY_MS);
    this.heartbeat.unref();
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.say(`bye ${this.replica}`).catch(() => {});
    await this.stopListening?.();
    for (const waiting of this.waiting.values()) waiting.done();
  }

  /** Calls `listener` with the tag of each write announced (null: not said, forget everything). */
  onWrite(listener: (tag: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Announces a write to `tag`; back once every live replica forgot what rested on it (at most ACK_WAIT_MS). */
  async announce(tag: string): Promise<void> {
    const nonce = randomUUID();
    const now = Date.now();
    const expected = new Set([this.replica]);
    for (const [peer, seen] of this.peers) if (now - seen < PEER_SILENCE_MS) expected.add(peer);
    let timer: NodeJS.Timeout | undefined;
    const acknowledged = new Promise<void>((resolve) => {
      this.waiting.set(nonce, { expected, done: resolve });
      timer = setTimeout(resolve, ACK_WAIT_MS);
    });
    try {
      await this.say(`write ${tag} ${nonce}`);
      await acknowledged;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(nonce);
    }
  }

  private say(payload: string): Promise<unknown> {
    return this.db.execute(sql`select pg_notify(${CHANNEL}, ${payload})`);
  }

  private heard(payload: string): void {
    const [kind = '', first = '', second = ''] = payload.split(' ');
    switch (kind) {
      case 'hello':
        this.peers.set(first, Date.now());
        return;
      case 'bye':
        this.peers.delete(first);
        for (const waiting of this.waiting.values()) this.acknowledge(waiting, first);
        return;
      case 'write':
        this.listeners.forEach((l) => l(first));
        // Forgotten here: say so (an acknowledgement lost costs its writer ACK_WAIT_MS, nothing else).
        void this.say(`ack ${second} ${this.replica}`).catch(() => {});
        return;
      case 'ack': {
        this.peers.set(second, Date.now());
        const waiting = this.waiting.get(first);
        if (waiting) this.acknowledge(waiting, second);
        return;
      }
      default:
        // 'written' (an earlier release) or anything unknown: a write, upstream not said.
        this.listeners.forEach((l) => l(null));
    }
  }

  private acknowledge(waiting: Waiting, replica: string): void {
    waiting.expected.delete(replica);
    if (waiting.expected.size === 0) waiting.done();
  }
}
