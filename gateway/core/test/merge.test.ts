/** Merging partner answers: error paths follow rows to their merged position, and nothing private leaks. */
import { encodeCursor } from '@gouvgraph/schema';
import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { partnerError } from '../src/partitioned/errors.js';
import { BOOKKEEPING, mergeConnection, mergeList } from '../src/partitioned/merge.js';
import { appendPage, followUps, quota } from '../src/partitioned/paging.js';

const rootField = (query: string) => (parse(query).definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
const cursor = (key: string) => encodeCursor({ field: 'NAME', direction: 'ASC', key, id: `p/${key}` });
const page = (...keys: string[]) => ({
  edges: keys.map((k) => ({ node: { name: k } })),
  [BOOKKEEPING.edges]: keys.map((k) => ({ [BOOKKEEPING.cursor]: cursor(k) })),
  [BOOKKEEPING.pageInfo]: { [BOOKKEEPING.hasNextPage]: false },
});

describe('partner errors', () => {
  it('keep their message and code, name the partner, and drop everything else', () => {
    const error = partnerError(
      { message: 'boom', locations: [{ line: 1, column: 2 }], extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at x'], exception: {} } },
      'mtes',
      ['startups'],
    );
    expect(error).toEqual({ message: 'boom', path: ['startups'], extensions: { code: 'BAD_USER_INPUT', partner: 'mtes' } });
    expect(partnerError({ message: 'no code' }, 'anct').extensions).toEqual({ code: 'PARTNER_ERROR', partner: 'anct' });
  });
});

describe('connection merge', () => {
  it('interleaves pages on their cursors, re-indexes error paths and drops errors of rows cut off', () => {
    const field = rootField('{ startups(first: 3) { edges { node { name } } } }');
    const merged = mergeConnection(
      field,
      [
        {
          partnerId: 'a',
          response: {
            ok: true,
            data: { startups: page('b', 'd') },
            errors: [
              { message: 'on d', path: ['startups', 'edges', 1, 'node', 'name'] },
              { message: 'on b', path: ['startups', 'edges', 0, 'node', 'name'] },
            ],
          },
        },
        {
          partnerId: 'c',
          response: { ok: true, data: { startups: page('a', 'c') }, errors: [{ message: 'on a', path: ['startups', 'edges', 0, 'node'] }] },
        },
      ],
      {},
      new Map(),
      20,
    );
    expect(merged.value).toEqual({ edges: [{ node: { name: 'a' } }, { node: { name: 'b' } }, { node: { name: 'c' } }] });
    expect(merged.errors.map((e) => [e.message, e.path])).toEqual([
      ['on b', ['startups', 'edges', 1, 'node', 'name']],
      ['on a', ['startups', 'edges', 0, 'node']],
    ]);
  });
});

describe('list merge', () => {
  it('offsets error paths by the rows of the partners before', () => {
    const merged = mergeList(rootField('{ incubators { id } }'), [
      { partnerId: 'a', response: { ok: true, data: { incubators: [{ id: 'a' }] } } },
      {
        partnerId: 'b',
        response: { ok: true, data: { incubators: [{ id: 'b' }] }, errors: [{ message: 'x', path: ['incubators', 0, 'id'] }] },
      },
    ]);
    expect(merged.value).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(merged.errors[0]?.path).toEqual(['incubators', 1, 'id']);
  });
});

describe('page settling', () => {
  const sent = (...keys: string[]) => ({
    ok: true,
    data: { startups: { ...page(...keys), [BOOKKEEPING.pageInfo]: { [BOOKKEEPING.hasNextPage]: true } } },
  });

  it('asks again only a partner whose last row sent made it into the page', () => {
    const answers = new Map([
      ['a', sent('a1', 'a2')],
      ['b', sent('b1', 'b2')],
      ['c', { ok: true, data: { startups: { ...page('c1'), [BOOKKEEPING.pageInfo]: { [BOOKKEEPING.hasNextPage]: false } } } }],
    ]);
    // Page of 3 by key: a1, a2, b1 — a's last row is in it and a has more; b's is not; c has no more.
    const owed = followUps('startups', answers, 3);
    expect([...owed.keys()]).toEqual(['a']);
    expect(owed.get('a')).toEqual({ after: cursor('a2'), first: 1 });
  });

  it('appends a follow-up page with its error paths shifted, and drops a connection whose follow-up failed', () => {
    const base = sent('a1', 'a2');
    const more = {
      ok: true,
      data: { startups: { ...page('a3'), [BOOKKEEPING.pageInfo]: { [BOOKKEEPING.hasNextPage]: false } } },
      errors: [{ message: 'on a3', path: ['startups', 'edges', 0, 'node', 'name'] }],
    };
    const appended = appendPage(base, more, 'startups', new Set(['edges']));
    const connection = appended.data?.startups as Record<string, unknown>;
    expect((connection.edges as unknown[]).length).toBe(3);
    expect(connection[BOOKKEEPING.pageInfo]).toEqual({ [BOOKKEEPING.hasNextPage]: false });
    expect(appended.errors?.[0]?.path).toEqual(['startups', 'edges', 2, 'node', 'name']);

    const failed = appendPage(
      base,
      { ok: false, errors: [{ message: 'Partner a: the connection failed' }] },
      'startups',
      new Set(['edges']),
    );
    expect(failed.data?.startups).toBeNull();
  });

  it('asks each of many partners for about twice its share, never more than the page', () => {
    expect(quota(20, 1)).toBe(20);
    expect(quota(20, 3)).toBe(16);
    expect(quota(20, 64)).toBe(3);
    expect(quota(100, 23)).toBe(11);
    expect(quota(0, 64)).toBe(0);
  });
});
