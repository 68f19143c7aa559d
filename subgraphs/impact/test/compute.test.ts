/** The six-month arithmetic on hand-made histories whose answers are known. */
import { factsOf, tallyOf } from '@gouvgraph/schema';
import { describe, expect, it } from 'vitest';
import { addMonths, programmeImpact, startupImpact } from '../src/index.js';

describe('six months later', () => {
  it('is the same day six months on, or the last day of a shorter month', () => {
    expect(addMonths('2024-01-15', 6)).toBe('2024-07-15');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-12-01', 6)).toBe('2026-06-01');
  });
});

describe('a startup history', () => {
  it('that reached construction continued; days are counted between phase starts, the current one to today', () => {
    const impact = startupImpact(
      {
        phases: [
          { phase: 'INVESTIGATION', start: '2024-01-01', end: null },
          { phase: 'CONSTRUCTION', start: '2024-04-01', end: null },
          { phase: 'ACCELERATION', start: '2025-01-01', end: null },
        ],
        events: [
          { kind: 'COMMITTEE', date: '2024-03-20' },
          { kind: 'PRODUCT_LAUNCH', date: '2024-09-01' },
          { kind: 'COMMITTEE', date: '2024-12-15' },
        ],
      },
      '2025-01-31',
    );
    expect(impact).toEqual({
      started: '2024-01-01',
      sixMonthReviewDue: '2024-07-01',
      outcome: 'CONTINUED',
      daysInPhase: [
        { phase: 'INVESTIGATION', days: 91 },
        { phase: 'CONSTRUCTION', days: 275 },
        { phase: 'ACCELERATION', days: 30 },
      ],
      daysToAcceleration: 366,
      committeeReviews: 2,
    });
  });

  it('that stopped in investigation was abandoned; one still in investigation is pending', () => {
    const stopped = startupImpact(
      {
        phases: [
          { phase: 'INVESTIGATION', start: '2023-02-01', end: '2023-06-01' },
          { phase: 'ABANDONED_IN_INVESTIGATION', start: '2023-06-01', end: null },
        ],
        events: [],
      },
      '2025-01-01',
    );
    expect(stopped.outcome).toBe('ABANDONED');
    expect(stopped.daysInPhase).toEqual([
      { phase: 'INVESTIGATION', days: 120 },
      { phase: 'ABANDONED_IN_INVESTIGATION', days: 0 },
    ]);
    expect(startupImpact({ phases: [{ phase: 'INVESTIGATION', start: '2025-11-01', end: null }], events: [] }, '2025-12-01').outcome).toBe(
      'PENDING',
    );
  });
});

describe('programme numbers', () => {
  it('count outcomes, cohorts and the median time to acceleration from the tally of the histories', () => {
    const at = (start: string, ...later: [string, string][]) => ({
      phases: [
        { phase: 'INVESTIGATION' as const, start, end: null },
        ...later.map(([phase, s]) => ({ phase: phase as 'ACCELERATION', start: s, end: null })),
      ],
      events: [],
    });
    const numbers = programmeImpact(
      tallyOf(
        [
          at('2023-01-01', ['CONSTRUCTION', '2023-03-01'], ['ACCELERATION', '2023-07-01']),
          at('2023-05-01', ['ABANDONED_IN_INVESTIGATION', '2023-09-01']),
          at('2024-02-01', ['CONSTRUCTION', '2024-03-01'], ['ACCELERATION', '2024-12-01']),
          at('2024-06-01'),
        ].map(factsOf),
      ),
    );
    expect(numbers).toMatchObject({
      startups: 4,
      continued: 2,
      abandoned: 1,
      pending: 1,
      passedSixMonthShare: 2 / 3,
      medianDaysToAcceleration: 243,
    });
    expect(numbers.cohorts).toEqual([
      { year: 2023, startups: 2, continued: 1, abandoned: 1, pending: 0, passedSixMonthShare: 0.5 },
      { year: 2024, startups: 2, continued: 1, abandoned: 0, pending: 1, passedSixMonthShare: 1 },
    ]);
  });
});

describe('impact schema', () => {
  it('serves its SDL (snapshot)', async () => {
    const { startImpactSubgraph } = await import('../src/index.js');
    const { graphql } = await import('@gouvgraph/testing');
    const impact = await startImpactSubgraph({ graphUrl: () => undefined });
    try {
      const result = await graphql(impact.url, '{ _service { sdl } }');
      await expect(result.data?._service.sdl).toMatchFileSnapshot('__snapshots__/impact.graphql');
      const unconfigured = await graphql(impact.url, '{ programmeImpact { startups } }');
      expect(unconfigured.errors?.[0]?.extensions?.code).toBe('GRAPH_UNAVAILABLE');
    } finally {
      await impact.stop();
    }
  });
});
