/** The contract's bounds: stated in its descriptions, and the largest legal page they allow (data/test says the real data is within them). */
import { buildASTSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { contractTypeDefs, largestLegalPageBytes, LIST_LIMITS, TEXT_LIMITS, URL_LIMIT } from '../src/index.js';

const schema = buildASTSchema(contractTypeDefs, { assumeValidSDL: true });
const description = (coordinate: string) => {
  const [type, field] = coordinate.split('.') as [string, string];
  const named = schema.getType(type);
  return isObjectType(named) ? (named.getFields()[field]?.description ?? '') : '';
};
const french = (n: number) => n.toLocaleString('en-GB');

describe('the contract bounds', () => {
  it('are stated in the description of each field they bound', () => {
    for (const [coordinate, limit] of Object.entries(TEXT_LIMITS)) {
      expect(description(coordinate), coordinate).toContain(`${french(limit)} characters`);
    }
    for (const [coordinate, limit] of Object.entries(LIST_LIMITS)) {
      expect(description(coordinate), coordinate).toMatch(new RegExp(`at most ${french(limit)}\\b`, 'i'));
    }
    expect(schema.getType('URL')?.description).toContain(`${french(URL_LIMIT)} characters`);
  });

  it('make the largest legal page a bounded number of MiB', () => {
    const bytes = largestLegalPageBytes();
    expect(bytes % (1024 * 1024)).toBe(0);
    // Every field at its bound: far above a real page (tens of kB), far below what the issue saw (50 MB).
    expect(bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(bytes).toBeLessThan(32 * 1024 * 1024);
  });
});
