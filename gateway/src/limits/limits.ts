/**
 * The limits every operation is held to before any subgraph is called, and their defaults.
 * Over a limit, the answer is one error coded QUERY_TOO_COMPLEX that names the limit, its
 * maximum and what was found, with HTTP 400.
 */
export interface QueryLimits {
  /** Nesting of selections, fragments counted where they are spread. */
  depth: number;
  /** Aliases in one operation (`__typename` aliases excepted). */
  aliases: number;
  /** Fields at the root of one operation. */
  rootFields: number;
  /** Directives in one operation. */
  directives: number;
  /** Lexical tokens in one document (checked while parsing, so a huge document costs little). */
  tokens: number;
  /** Estimated cost (see cost.ts): rows fetched plus partner calls, lists and fan-out multiplied in. */
  cost: number;
  /** Operations in one batched HTTP request. */
  batch: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  depth: 12,
  aliases: 50,
  rootFields: 30,
  directives: 50,
  tokens: 5_000,
  cost: 25_000,
  batch: 10,
};

/** Which limit an error is about: the extension read by the gateway's error formatting. */
export type LimitName = keyof QueryLimits;
