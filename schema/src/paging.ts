/** Page sizes of every connection of the contract (`first`), shared by partners and the gateway. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The message for a `first` out of range, identical wherever it is checked. */
export function pageSizeProblem(first: unknown): string | null {
  if (first === undefined || first === null) return null;
  return typeof first === 'number' && Number.isInteger(first) && first >= 0 && first <= MAX_PAGE_SIZE
    ? null
    : `\`first\` must be between 0 and ${MAX_PAGE_SIZE}; got ${JSON.stringify(first)}`;
}
