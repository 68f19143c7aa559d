/**
 * The limits every operation is held to before any subgraph is called, and their defaults.
 * Over a limit, the answer is one error coded QUERY_TOO_COMPLEX that names the limit, its
 * maximum and what was found, with HTTP 400.
 */
import type { OperationLimits } from '@gouvgraph/http';

export interface QueryLimits extends OperationLimits {
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

export type { LimitName } from '@gouvgraph/http';
