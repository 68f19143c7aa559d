/**
 * The rules a partner answer is held to before it is merged (shape.ts, page-checks.ts): each
 * one caught and named on the smallest answer that breaks it, and a conforming answer passed.
 */
import { contractTypeDefs, encodeCursor, foldText, type ViolationFound } from '@gouvgraph/schema';
import { buildASTSchema, parse, type FieldNode, type GraphQLObjectType, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { entitiesViolation, ENTITY_KEYS, rootViolation } from '../src/partitioned/shape.js';

const schema = buildASTSchema(contractTypeDefs, { assumeValidSDL: true });
const root = schema.getQueryType() as GraphQLObjectType;
const fieldsOf = (query: string) => (parse(query).definitions[0] as OperationDefinitionNode).selectionSet.selections as FieldNode[];
const ctx = { schema, fragments: new Map(), variables: {}, partnerId: 'mtes' };
const check = (query: string, data: Record<string, unknown>): ViolationFound | null => rootViolation(data, root, fieldsOf(query), ctx);
const rule = (query: string, data: Record<string, unknown>) => check(query, data)?.rule ?? null;

type Row = { id: string; name: string; field?: 'NAME' | 'PHASE_START'; direction?: 'ASC' | 'DESC'; key?: string };
const cursorOf = ({ id, name, field = 'NAME', direction = 'ASC', key }: Row) =>
  encodeCursor({ field, direction, key: key ?? foldText(name), id });
const edges = (rows: Row[]) => rows.map((row) => ({ cursor: cursorOf(row), node: { id: row.id, name: row.name } }));
const PAGE = `{ startups(first: 3) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`;
const page = (rows: Row[], extra: { totalCount?: number; hasNextPage?: boolean; endCursor?: string | null } = {}) => ({
  startups: {
    totalCount: extra.totalCount ?? rows.length,
    edges: edges(rows),
    pageInfo: {
      hasNextPage: extra.hasNextPage ?? false,
      endCursor: extra.endCursor === undefined ? (rows.length ? cursorOf(rows[rows.length - 1] as Row) : null) : extra.endCursor,
    },
  },
});
const A = { id: 'mtes/a', name: 'Alpha' };
const B = { id: 'mtes/b', name: 'Beta' };
const C = { id: 'mtes/c', name: 'Gamma' };

describe('a page of startups', () => {
  it('passes when it holds every rule', () => {
    expect(check(PAGE, page([A, B, C], { totalCount: 10, hasNextPage: true }))).toBeNull();
  });

  it('is out of ORDER when a row sorts before the one above it, or its cursor is for another order', () => {
    expect(rule(PAGE, page([B, A]))).toBe('ORDER');
    expect(rule(PAGE, page([A, { ...B, direction: 'DESC' }]))).toBe('ORDER');
  });

  it('breaks AFTER_CURSOR when a row is not after the cursor asked', () => {
    const after = cursorOf(B);
    expect(rule(PAGE.replace('first: 3', `first: 3, after: "${after}"`), page([A, C], { totalCount: 3 }))).toBe('AFTER_CURSOR');
    expect(rule(PAGE.replace('first: 3', `first: 3, after: "${after}"`), page([C], { totalCount: 3 }))).toBeNull();
  });

  it('breaks PAGE_SIZE with more rows than asked', () => {
    expect(rule(PAGE.replace('first: 3', 'first: 2'), page([A, B, C]))).toBe('PAGE_SIZE');
  });

  it('breaks CURSOR when a cursor does not decode, names another row, holds another key, or endCursor is not the last', () => {
    const broken = page([A, B]);
    broken.startups.edges[1] = { cursor: 'not-a-cursor', node: B };
    expect(rule(PAGE, broken)).toBe('CURSOR');
    expect(rule(PAGE, { startups: { ...page([A]).startups, edges: [{ cursor: cursorOf(B), node: A }] } })).toBe('CURSOR');
    expect(rule(PAGE, page([A, { ...B, key: 'zzz' }]))).toBe('CURSOR');
    expect(rule(PAGE, page([A, B], { endCursor: cursorOf(A) }))).toBe('CURSOR');
  });

  it('breaks COUNT when totalCount, pageInfo and the rows disagree', () => {
    expect(rule(PAGE, page([A, B, C], { totalCount: 2 }))).toBe('COUNT');
    expect(rule(PAGE, page([A, B], { totalCount: 5, hasNextPage: false }))).toBe('COUNT');
    expect(rule(PAGE, page([A], { totalCount: 5, hasNextPage: true }))).toBe('COUNT');
  });

  it('breaks FOREIGN_ID with a row of another partner', () => {
    const foreign = { id: 'anct/fake', name: 'Delta' };
    expect(rule(PAGE, page([A, foreign]))).toBe('FOREIGN_ID');
    // A real slug the id pattern does not know yet is still the partner's own.
    expect(rule(PAGE, page([A, { id: 'mtes/données', name: 'Données' }]))).toBeNull();
  });
});

describe('an incubator’s tally (contract 1.3)', () => {
  const TALLY = `{ incubators { id startupTally { entryYear phase reachedConstruction startups daysToAcceleration } startups(first: 0) { totalCount } } }`;
  const row = (over: Record<string, unknown> = {}) => ({
    entryYear: 2021,
    phase: 'ACCELERATION',
    reachedConstruction: true,
    startups: 2,
    daysToAcceleration: [120, 400],
    ...over,
  });
  const answer = (rows: Record<string, unknown>[], totalCount: number) => ({
    incubators: [{ id: 'mtes', startupTally: rows, startups: { totalCount } }],
  });

  it('passes when its rows could be true and add up to the incubator’s startups', () => {
    expect(
      check(
        TALLY,
        answer([row(), row({ entryYear: 2022, phase: 'INVESTIGATION', reachedConstruction: false, daysToAcceleration: [] })], 4),
      ),
    ).toBeNull();
    // Null from a partner on an earlier version: nothing to add up.
    expect(check(TALLY, { incubators: [{ id: 'mtes', startupTally: null, startups: { totalCount: 9 } }] })).toBeNull();
  });

  it('breaks TALLY when its rows do not add up to totalCount — a filtered count is not compared', () => {
    expect(check(TALLY, answer([row()], 3))).toEqual({
      rule: 'TALLY',
      detail: 'incubators[0] startupTally counts 2 startups; startups { totalCount } says 3',
    });
    expect(rule(TALLY.replace('startups(first: 0)', 'startups(first: 0, filter: { active: true })'), answer([row()], 1))).toBeNull();
  });

  it('breaks TALLY with a row that cannot be: no startup, more days than startups, days out of order, a phase past investigation never reached', () => {
    expect(rule(TALLY, answer([row({ startups: 0, daysToAcceleration: [] })], 0))).toBe('TALLY');
    expect(rule(TALLY, answer([row({ startups: 1 })], 1))).toBe('TALLY');
    expect(rule(TALLY, answer([row({ daysToAcceleration: [400, 120] })], 2))).toBe('TALLY');
    expect(rule(TALLY, answer([row({ reachedConstruction: false })], 2))).toBe('TALLY');
  });
});

describe('values', () => {
  const STARTUP = '{ startup(id: "mtes/a") { id phaseStart website thematics events { date comment } } }';
  const startup = (extra: Record<string, unknown>) => ({
    startup: { id: 'mtes/a', phaseStart: '2024-02-29', website: 'https://a.beta.gouv.fr', thematics: [], events: [], ...extra },
  });

  it('passes valid dates, http(s) URLs and texts within bounds', () => {
    expect(check(STARTUP, startup({}))).toBeNull();
    expect(check(STARTUP, startup({ website: null }))).toBeNull();
  });

  it.each([
    ['a day that does not exist', { phaseStart: '2025-02-30' }],
    ['a French date', { phaseStart: '31/12/2020' }],
    ['a javascript: link', { website: 'javascript:alert(1)' }],
    ['a data: link', { website: 'data:text/html,<script>alert(1)</script>' }],
    ['a relative link', { website: '/startups/a' }],
    ['a text over its bound', { thematics: ['x'.repeat(101)] }],
    ['a list over its bound', { thematics: Array.from({ length: 51 }, () => 'Santé') }],
    ['an event comment over its bound', { events: [{ date: '2024-01-01', comment: 'x'.repeat(1_001) }] }],
  ])('breaks SCALAR with %s', (_, extra) => {
    expect(rule(STARTUP, startup(extra))).toBe('SCALAR');
  });

  it('names where the value is, down to the row', () => {
    expect(
      check(
        STARTUP,
        startup({
          events: [
            { date: '2024-01-01', comment: null },
            { date: '2024-13-01', comment: null },
          ],
        }),
      )?.detail,
    ).toBe('startup.events[1].date is not a Date (YYYY-MM-DD, a real day): "2024-13-01"');
    const foreign = page([A, { id: 'anct/fake', name: 'Delta' }]);
    expect(check(PAGE, foreign)?.detail).toBe('startups.edges[1].node.id is "anct/fake", not an id of mtes');
  });

  it('is a SHAPE problem when a field is missing or of another type', () => {
    expect(rule(STARTUP, { startup: { id: 'mtes/a', website: null, thematics: [], events: [] } })).toBe('SHAPE');
    expect(rule(STARTUP, startup({ thematics: 'Santé' }))).toBe('SHAPE');
  });

  it('breaks FOREIGN_ID with another partner’s incubator, or more than its one', () => {
    expect(rule('{ incubators { id } }', { incubators: [{ id: 'mtes' }] })).toBeNull();
    expect(rule('{ incubators { id } }', { incubators: [{ id: 'anct' }] })).toBe('FOREIGN_ID');
    expect(rule('{ incubators { name } }', { incubators: [{ name: 'a' }, { name: 'b' }] })).toBe('FOREIGN_ID');
  });
});

describe('entity answers', () => {
  const field = fieldsOf('query($r: [_Any!]!) { _entities(representations: $r) { ... on Startup { name } } }')[0] as FieldNode;
  const asked = [
    { __typename: 'Startup', id: 'mtes/a' },
    { __typename: 'Startup', id: 'mtes/b' },
  ];
  const answer = (id: string, name: string) => ({ [ENTITY_KEYS.id]: id, name });

  it('pass when each is for the representation at its position', () => {
    expect(entitiesViolation([answer('mtes/a', 'Alpha'), null], asked, field, ctx)).toBeNull();
  });

  it('break ENTITIES when swapped, for another id, or not one per representation', () => {
    expect(entitiesViolation([answer('mtes/b', 'Beta'), answer('mtes/a', 'Alpha')], asked, field, ctx)?.rule).toBe('ENTITIES');
    expect(entitiesViolation([answer('mtes/a', 'Alpha')], asked, field, ctx)?.rule).toBe('ENTITIES');
  });
});
