/**
 * The whole open data written to a directory, ready to upload to data.gouv.fr: each table as
 * CSV and JSON with its Table Schema, and the Data Package, which says when it was generated and
 * which partners were missing. Files are written beside their final names (`….part`) and renamed
 * into place only once every one of them is complete — and, unless asked, only when no partner
 * was missing: a failed or partial export leaves the previous one as it was.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataPackage, tableSchema } from './descriptors.js';
import { exportTable, type ExportFormat } from './export-stream.js';
import type { Ask } from './graph-walk.js';
import { ReaderGone, streamSink } from './sinks.js';
import { TABLES, type Table } from './tables.js';

export interface ExportSummary {
  generatedAt: string;
  tables: { name: string; rows: number; missingPartners: string[] }[];
  /** Partners missing from any file: the export is partial when there is one. */
  missingPartners: string[];
  /** Whether the files replaced the previous ones (false: a partial export, left as `….part`). */
  published: boolean;
}

const PART = '.part';

/** Streams into a new file; any failure to open or write it is a ReaderGone saying why. */
async function writeTo(path: string, write: (out: WriteStream) => Promise<unknown>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  await new Promise((resolve, reject) =>
    out
      .once('open', resolve)
      .once('error', (error: Error) => reject(new ReaderGone(`cannot write ${path}: ${error.message}`, { cause: error }))),
  );
  try {
    await write(out);
  } finally {
    // A stream that failed is closed already: ending it again would hide why.
    if (!out.destroyed)
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) =>
          error ? reject(new ReaderGone(`cannot write ${path}: ${error.message}`, { cause: error })) : resolve(),
        ),
      );
  }
}

export interface ExportOptions {
  tables?: readonly Table[];
  formats?: readonly ExportFormat[];
  /** Put a partial export in place too (its Data Package says what is missing). Default false. */
  allowPartial?: boolean;
}

/** Writes every table (CSV and JSON), its Table Schema and the Data Package into `dir`. */
export async function exportToDirectory(ask: Ask, dir: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const { tables = TABLES, formats = ['csv', 'json'], allowPartial = false } = options;
  await mkdir(dir, { recursive: true });
  const generatedAt = new Date().toISOString();
  const summary: ExportSummary['tables'] = [];
  const written: string[] = [];
  const file = (name: string) => {
    written.push(name);
    return join(dir, `${name}${PART}`);
  };
  try {
    for (const table of tables) {
      let rows = 0;
      const missing = new Set<string>();
      for (const format of formats) {
        // Each format is its own walk of the graph: a partner missing from either is missing.
        await writeTo(file(`${table.name}.${format}`), async (out) => {
          const result = await exportTable(table, format, ask, streamSink(out));
          rows = result.rows;
          result.missingPartners.forEach((p) => missing.add(p));
        });
      }
      await writeFile(file(`${table.name}.schema.json`), `${JSON.stringify(tableSchema(table), null, 2)}\n`);
      summary.push({ name: table.name, rows, missingPartners: [...missing].sort() });
    }
    const missingPartners = [...new Set(summary.flatMap((t) => t.missingPartners))].sort();
    await writeFile(file('datapackage.json'), `${JSON.stringify(dataPackage(tables, { generatedAt, missingPartners }), null, 2)}\n`);
    const published = missingPartners.length === 0 || allowPartial;
    if (published) for (const name of written) await rename(join(dir, `${name}${PART}`), join(dir, name));
    return { generatedAt, tables: summary, missingPartners, published };
  } catch (error) {
    await Promise.all(written.map((name) => rm(join(dir, `${name}${PART}`), { force: true })));
    throw error;
  }
}
