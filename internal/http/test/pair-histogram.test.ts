/**
 * The lean histogram reads on /metrics exactly as prom-client's own would for the same
 * observations: operators' dashboards and alerts do not see the change.
 */
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS, PairHistogram } from '../src/index.js';

describe('PairHistogram', () => {
  it('prints what prom-client’s Histogram prints for the same observations, and resets', async () => {
    const [ours, theirs] = [new Registry(), new Registry()];
    const lean = new PairHistogram('calls_seconds', 'Calls, by partner and outcome.', ['partner', 'outcome'], LATENCY_BUCKETS, [ours]);
    const stock = new Histogram({
      name: 'calls_seconds',
      help: 'Calls, by partner and outcome.',
      labelNames: ['partner', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [theirs],
    });
    const observations: [string, string, number][] = [
      ['mtes', 'ok', 0.004],
      ['mtes', 'ok', 0.005],
      ['mtes', 'PARTNER_TIMEOUT', 10],
      ['anct', 'ok', 0.3],
      ['anct', 'ok', 42],
      ['mtes', 'ok', 1.2],
      ['a"b\\c', 'ok', 0.02],
    ];
    for (const [partner, outcome, seconds] of observations) {
      lean.observe(partner, outcome, seconds);
      stock.observe({ partner, outcome }, seconds);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('calls_seconds_count{partner="mtes",outcome="ok"} 3');
    lean.reset();
    stock.reset();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
