/**
 * Sinks an export streams into: an HTTP answer or a file. Each write waits for the destination to
 * drain, which is what holds the walk of the graph back to the pace of the reader — but not
 * forever: a reader that stops reading for `stallMs` is cut off, and its walk stops.
 */
import type { WriteStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Sink } from './export-stream.js';

/** The reader went away, stalled, or the file could not be written (`cause` says which). */
export class ReaderGone extends Error {
  override name = 'ReaderGone';
}

const gone = (out: ServerResponse | WriteStream, why: string) => {
  const failure = (out as { errored?: Error | null }).errored;
  return failure ? new ReaderGone(`${why}: ${failure.message}`, { cause: failure }) : new ReaderGone(why);
};

/** Writes to a stream; rejects once it is closed or failed, or when it has not drained for `stallMs` (default 60 s). */
export function streamSink(out: ServerResponse | WriteStream, stallMs = 60_000): Sink {
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (out.destroyed) return reject(gone(out, 'the reader went away'));
        if (out.write(chunk)) return resolve();
        const settle = () => {
          clearTimeout(stalled);
          out.off('drain', settle);
          out.off('close', settle);
          out.off('error', settle);
          if (out.destroyed) reject(gone(out, 'the reader went away'));
          else resolve();
        };
        const stalled = setTimeout(() => {
          out.destroy();
          settle();
        }, stallMs);
        out.on('drain', settle);
        out.on('close', settle);
        out.on('error', settle);
      }),
  };
}
