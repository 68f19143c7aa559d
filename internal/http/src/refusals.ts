/**
 * The code each refused response was refused with, so that the GraphQL handler writes one
 * `request refused` log line for it, whichever route refused (graphql-handler.ts, routes.ts).
 */
import type { ServerResponse } from 'node:http';

const refusals = new WeakMap<ServerResponse, string>();

/** Remembers that `res` is a refusal with `code`. */
export function noteRefusal(res: ServerResponse, code: string): void {
  refusals.set(res, code);
}

/** The code `res` was refused with, if it was. */
export function refusalOf(res: ServerResponse): string | undefined {
  return refusals.get(res);
}
