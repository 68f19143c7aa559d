import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { renderErrorsDoc } from '../src/error-docs.js';
import { codedError, codedFormattedError, ERROR_CODES, VIOLATIONS, isErrorCode } from '../src/index.js';

describe('coded errors', () => {
  it('carry their code and extras in extensions, and nothing else', () => {
    const error = codedError('PARTNER_TIMEOUT', 'Partner anct: no answer within 5000 ms', { partner: 'anct' });
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('Partner anct: no answer within 5000 ms');
    expect(error.extensions).toEqual({ code: 'PARTNER_TIMEOUT', partner: 'anct' });
    expect(codedError('NOT_FOUND', 'gone').extensions).toEqual({ code: 'NOT_FOUND' });
    expect(codedError('QUERY_TOO_COMPLEX', 'deep', { limit: 'depth', max: 8, found: 9, http: { status: 400 } }).extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'depth',
      max: 8,
      found: 9,
      http: { status: 400 },
    });
  });

  it('as plain objects, with the path they concern', () => {
    expect(codedFormattedError('FORBIDDEN', 'no', { partner: 'culture' }, ['createStartup'])).toEqual({
      message: 'no',
      path: ['createStartup'],
      extensions: { code: 'FORBIDDEN', partner: 'culture' },
    });
    expect(codedFormattedError('UNKNOWN_PARTNER', 'who?', {})).toEqual({ message: 'who?', extensions: { code: 'UNKNOWN_PARTNER' } });
  });

  it('cannot be built with a code outside the list, or without the extras their code carries', () => {
    // Each line below is a type error: `tsc -p tsconfig.json` fails if one of them type-checks
    // (an unused @ts-expect-error is an error), so the list is closed for the compiler too.
    // @ts-expect-error NOT_A_CODE is not in ERROR_CODES: GraphQLErrorExtensions is augmented.
    const unlisted = new GraphQLError('made up', { extensions: { code: 'NOT_A_CODE' } });
    const someString: string = 'PARTNER_TIMEOUT';
    // @ts-expect-error a plain string is not an ErrorCode either.
    const untyped = new GraphQLError('untyped', { extensions: { code: someString } });
    // @ts-expect-error the factory refuses it as well.
    const factory = codedError('NOT_A_CODE', 'made up');
    // @ts-expect-error PARTNER_TIMEOUT names its partner.
    const anonymous = codedError('PARTNER_TIMEOUT', 'no answer');
    // @ts-expect-error NOT_FOUND carries no `partner`.
    const extra = codedError('NOT_FOUND', 'gone', { partner: 'anct' });
    // At run time nothing stops them: the type-check is the guard, and the test client's check
    // (internal/testing) the one for what comes over the wire.
    expect([unlisted, untyped, factory, anonymous, extra].map((e) => e.extensions.code)).toEqual([
      'NOT_A_CODE',
      'PARTNER_TIMEOUT',
      'NOT_A_CODE',
      'PARTNER_TIMEOUT',
      'NOT_FOUND',
    ]);
    expect([isErrorCode('PARTNER_TIMEOUT'), isErrorCode('NOT_A_CODE'), isErrorCode('toString'), isErrorCode(42)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('docs/errors.md', () => {
  const committed = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

  it('is generated from the list (`pnpm generate` after changing a code)', () => {
    expect(committed).toBe(renderErrorsDoc());
  });

  it('has one row per code, with its description, and no other', () => {
    const rows = [...(committed.split('## Partner answers')[0] ?? '').matchAll(/^\| `([A-Z_]+)` \| (.*?) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(ERROR_CODES));
  });

  it('names every rule a partner answer is held to, with what breaking it means', () => {
    const rules = [...(committed.split('## Partner answers')[1] ?? '').matchAll(/^\| `([A-Z_]+)` \| (.*?) \|$/gm)].map((m) => m[1]);
    expect(rules).toEqual(Object.keys(VIOLATIONS));
  });
});
