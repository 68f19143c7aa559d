/**
 * The rules every partner answer is held to before the gateway merges any of it, by name: the
 * `extensions.violation` of a `PARTNER_INVALID_RESPONSE` (and of a partner the re-check found
 * non-conforming). One closed list, read by the gateway's checks, the conformance checker, the
 * partners' page and docs/errors.md, so a rule is named the same wherever it is broken.
 */
export const VIOLATIONS = {
  SHAPE: 'The data does not answer what was asked: a field missing, of another type, or null where the contract says it cannot be.',
  SCALAR:
    'A value the contract types is not valid: a `Date` that is not a real `YYYY-MM-DD` day, a `URL` that is not an absolute http(s) URL, an enum value the contract lacks, a text or a list longer than the contract allows.',
  ORDER: 'The rows of a page are not in the global order asked (sort key, then id, byte-wise), or their cursors are for another order.',
  AFTER_CURSOR: 'A row of a page is not strictly after the `after` cursor asked (a partner ignoring `after` would make walks endless).',
  PAGE_SIZE: 'A page has more rows than `first` asked.',
  CURSOR: 'A cursor does not decode, or does not sit on its row (another id), or `pageInfo.endCursor` is not the last row’s cursor.',
  COUNT: '`totalCount`, `pageInfo` and the rows disagree (more rows than the total, a first and last page whose rows are not the total).',
  FOREIGN_ID: 'An id in the answer belongs to another partner: a startup id with another partner’s prefix, another incubator.',
  ENTITIES: 'An entity answer is not for the representation sent at its position (another id or type, or not as many answers).',
  TALLY:
    'An incubator’s `startupTally` (contract 1.3) cannot be right: a row counting no startup, more days to acceleration than startups, a phase past investigation that never reached construction, rows that do not add up to its `startups { totalCount }`, or (found by the re-check) rows that disagree with its startups’ histories.',
  SIZE: 'The answer is larger than `PARTNER_MAX_RESPONSE_BYTES`: it was cut off while streaming and refused.',
  SDL: 'The partner’s subgraph no longer publishes the contract’s SDL (found by the gateway’s re-check).',
  ARGUMENTS: 'The partner does not refuse an argument the contract refuses (a page larger than the maximum), found by the re-check.',
} as const;

/** A rule of the list. */
export type Violation = keyof typeof VIOLATIONS;

/** Whether a value read from elsewhere is a rule of the list. */
export function isViolation(value: unknown): value is Violation {
  return typeof value === 'string' && Object.hasOwn(VIOLATIONS, value);
}

/** A broken rule, with what was found (for logs and the agents' variant). */
export interface ViolationFound {
  rule: Violation;
  detail: string;
}
