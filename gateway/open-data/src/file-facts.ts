/**
 * What the page of `/donnees/` says of each file: its rows, its size in each format and when it
 * was produced. They are measured by producing the files as a download does (`exportTable`, the
 * same code, into a sink that only counts bytes), so a size is the bytes a download of the same
 * data gets. All the files are produced at once, sharing the graph's answers (`sharedAsk`): three
 * walks of the graph (incubators, startups, APIs) instead of eighteen, and the tables made from
 * the startups (startups, phases, events) read from the same answers agree with each other.
 *
 * A measure takes seconds (every startup's history from every partner): the page never waits for
 * one. It shows the last measure with its date, and a measure that is too old, partial, or made
 * before a write went through the gateway is redone in the background (`FileFactsKeeper`).
 */
import type { Ask } from './graph-walk.js';
import { exportTable, type ExportFormat } from './export-stream.js';
import type { Table } from './tables.js';

const FORMATS: readonly ExportFormat[] = ['csv', 'excel', 'json'];

export interface FileFacts {
  rows: number;
  /** Bytes of each format (the Excel file's byte order mark included). */
  bytes: Record<ExportFormat, number>;
  /** When the measure that produced them began: the data is the graph's at that moment. */
  producedAt: Date;
  /** Partners that did not answer: their rows are not counted. */
  missingPartners: string[];
}

export interface Measure {
  facts: Map<string, FileFacts>;
  /** Tables that could not be produced (the graph refused them), with why; `ALL_TABLES` for every one. */
  failed: Map<string, string>;
}

/** The key of `failed` when the measure failed as a whole. */
export const ALL_TABLES = '*';

/**
 * An `ask` that sends each question once while several walks ask it together: a question in
 * flight is shared, and the last `keep` answers are kept for a walk a little behind the others.
 * A walk further behind asks again: memory stays a few pages whatever the size of the graph.
 */
export function sharedAsk(ask: Ask, keep = 16): Ask {
  const answers = new Map<string, ReturnType<Ask>>();
  return (query, variables) => {
    const key = `${query}\u0000${JSON.stringify(variables)}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = ask(query, variables);
      answers.set(key, answer);
      if (answers.size > keep) answers.delete(answers.keys().next().value as string);
      // A failed question is not kept: the next walk asks again.
      answer.catch(() => answers.delete(key));
    }
    return answer;
  };
}

/** Produces every file of `tables` without keeping any, and says what each was. */
export async function measureFiles(tables: readonly Table[], ask: Ask, now: () => Date = () => new Date()): Promise<Measure> {
  const producedAt = now();
  const shared = sharedAsk(ask);
  const facts = new Map<string, FileFacts>();
  const failed = new Map<string, string>();
  await Promise.all(
    tables.map(async (table) => {
      try {
        const produced = await Promise.all(
          FORMATS.map(async (format) => {
            let bytes = 0;
            const result = await exportTable(table, format, shared, {
              write: async (chunk) => {
                bytes += Buffer.byteLength(chunk, 'utf8');
              },
            });
            return { format, bytes, result };
          }),
        );
        const csv = produced[0]?.result;
        facts.set(table.name, {
          rows: csv?.rows ?? 0,
          bytes: Object.fromEntries(produced.map((p) => [p.format, p.bytes])) as Record<ExportFormat, number>,
          producedAt,
          missingPartners: [...new Set(produced.flatMap((p) => p.result.missingPartners))].sort(),
        });
      } catch (error) {
        failed.set(table.name, error instanceof Error ? error.message : String(error));
      }
    }),
  );
  return { facts, failed };
}

export interface KeeperOptions {
  /** A complete measure is redone once older than this. */
  maxAgeMs: number;
  /** A partial or failed one, once older than this. */
  retryMs: number;
  /** However often writes go through, measures begin at least this far apart (each costs seconds of the graph). Default 15 s. */
  minGapMs?: number;
  /** Changes whenever a write went through the gateway (the response cache's epoch), when known. */
  epoch?: (() => number) | undefined;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** What the page shows: the last facts of each table, and whether newer ones are being measured. */
export interface FactsNow {
  facts: ReadonlyMap<string, FileFacts>;
  failed: ReadonlyMap<string, string>;
  measuring: boolean;
}

/**
 * The last measure, kept and redone as the files would change: after a write through the gateway
 * (`epoch`), and after `maxAgeMs` for what partners change on their own. One measure at a time;
 * whoever reads meanwhile gets the previous one, with its date.
 */
export class FileFactsKeeper {
  private facts = new Map<string, FileFacts>();
  private failed = new Map<string, string>();
  /** When the last measure began, and the epoch then (a write during it makes it stale). */
  private measured: { at: number; epoch: number | undefined; complete: boolean } | null = null;
  private running: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly measure: () => Promise<Measure>,
    private readonly options: KeeperOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The facts known now, and whether a measure is running — or starts once `after` resolves,
   * when they are missing or stale (the page's answer is sent first: planning the walks' queries
   * holds the event loop a while).
   */
  read(after: Promise<unknown> = Promise.resolve()): FactsNow {
    if (!this.running && this.stale()) this.running = after.then(() => this.refresh());
    return { facts: this.facts, failed: this.failed, measuring: this.running !== null };
  }

  /** Resolves once no measure is running (tests, and whoever wants the figures fresh). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private stale(): boolean {
    const last = this.measured;
    if (!last) return true;
    const age = this.now() - last.at;
    if (age < (this.options.minGapMs ?? 15_000)) return false;
    if (this.options.epoch && this.options.epoch() !== last.epoch) return true;
    return age >= (last.complete ? this.options.maxAgeMs : this.options.retryMs);
  }

  private async refresh(): Promise<void> {
    const at = this.now();
    const epoch = this.options.epoch?.();
    try {
      const { facts, failed } = await this.measure();
      // A table that failed this time keeps its previous facts, with their older date.
      for (const [name, fact] of facts) this.facts.set(name, fact);
      this.failed = failed;
      const complete = failed.size === 0 && [...facts.values()].every((f) => f.missingPartners.length === 0);
      this.measured = { at, epoch, complete };
    } catch (error) {
      // Nothing measured (a failure outside any table's walk): said on the page, tried again after `retryMs`.
      this.failed = new Map([[ALL_TABLES, error instanceof Error ? error.message : String(error)]]);
      this.measured = { at, epoch, complete: false };
    } finally {
      this.running = null;
    }
  }
}
