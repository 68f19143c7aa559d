/** Merging partner answers: error paths follow rows to their merged position, and nothing private leaks. */
import { encodeCursor } from '@gouvgraph/schema';
import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { partnerError } from '../src/partitioned/errors.js';
import { BOOKKEEPING, mergeConnection, mergeList } from '../src/partitioned/merge.js';

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
        { partnerId: 'c', response: { ok: true, data: { startups: page('a', 'c') }, errors: [{ message: 'on a', path: ['startups', 'edges', 0, 'node'] }] } },
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
      { partnerId: 'b', response: { ok: true, data: { incubators: [{ id: 'b' }] }, errors: [{ message: 'x', path: ['incubators', 0, 'id'] }] } },
    ]);
    expect(merged.value).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(merged.errors[0]?.path).toEqual(['incubators', 1, 'id']);
  });
});
