/**
 * The whole open data written to a directory, ready to upload to data.gouv.fr: each table as
 * CSV and JSON with its Table Schema, and the Data Package, written last, which says when it was
 * generated and which partners were missing from which table.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataPackage, tableSchema } from './descriptors.js';
import { exportTable, type ExportFormat } from './export-stream.js';
import type { Ask } from './graph-walk.js';
import { streamSink } from './sinks.js';
import { TABLES, type Table } from './tables.js';

export interface ExportSummary {
  generatedAt: string;
  tables: { name: string; rows: number; missingPartners: string[] }[];
  missingPartners: string[];
}

async function writeTo(path: string, write: (out: WriteStream) => Promise<unknown>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const opened = new Promise((resolve, reject) => out.once('open', resolve).once('error', reject));
  await opened;
  await write(out);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export async function exportToDirectory(ask: Ask, dir: string, tables: readonly Table[] = TABLES, formats: readonly ExportFormat[] = ['csv', 'json']): Promise<ExportSummary> {
  await mkdir(dir, { recursive: true });
  const generatedAt = new Date().toISOString();
  const summary: ExportSummary['tables'] = [];
  for (const table of tables) {
    let result: Awaited<ReturnType<typeof exportTable>> | undefined;
    for (const format of formats) {
      await writeTo(join(dir, `${table.name}.${format}`), async (out) => (result = await exportTable(table, format, ask, streamSink(out))));
    }
    await writeFile(join(dir, `${table.name}.schema.json`), `${JSON.stringify(tableSchema(table), null, 2)}\n`);
    summary.push({ name: table.name, rows: result?.rows ?? 0, missingPartners: result?.missingPartners ?? [] });
  }
  const missingPartners = [...new Set(summary.flatMap((t) => t.missingPartners))].sort();
  await writeFile(join(dir, 'datapackage.json'), `${JSON.stringify(dataPackage(tables, { generatedAt, missingPartners }), null, 2)}\n`);
  return { generatedAt, tables: summary, missingPartners };
}
