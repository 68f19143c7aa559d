/**
 * Sinks an export streams into: an HTTP answer or a file. Each write waits for the destination to
 * drain, which is what holds the walk of the graph back to the pace of the reader.
 */
import type { WriteStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Sink } from './export-stream.js';

export class ReaderGone extends Error {}

/** Writes to a stream; rejects once it is closed or failed (a client that went away stops the walk). */
export function streamSink(out: ServerResponse | WriteStream): Sink {
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (out.destroyed) return reject(new ReaderGone('the reader went away'));
        if (out.write(chunk)) return resolve();
        const settle = () => {
          out.off('drain', settle);
          out.off('close', settle);
          out.off('error', settle);
          if (out.destroyed && out.writableNeedDrain) reject(new ReaderGone('the reader went away'));
          else resolve();
        };
        out.on('drain', settle);
        out.on('close', settle);
        out.on('error', settle);
      }),
  };
}
