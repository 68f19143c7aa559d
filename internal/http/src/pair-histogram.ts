/**
 * A histogram by two labels for a hot path: the gateway observes one for every call to every
 * partner (64 a request at 64 partners). prom-client's Histogram builds, validates and hashes a
 * labels object on each observation; this one finds its series by the two values in nested maps
 * and adds to it. The registry reads it as it reads prom-client's own (`get()`, the same values
 * in the same order), so `/metrics` shows it the same way.
 */
import type { Registry } from 'prom-client';

/** One line of the histogram as the registry prints it: `metricName{labels,sharedLabels} value`. */
interface Value {
  labels: Record<string, string | number>;
  sharedLabels: Record<string, string>;
  value: number;
  metricName: string;
}

/** One series: its labels, each bucket's own count (not yet cumulative), sum and count. */
interface Series {
  labels: Record<string, string>;
  counts: number[];
  sum: number;
  count: number;
}

export class PairHistogram {
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  private readonly series = new Map<string, Map<string, Series>>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly [string, string],
    private readonly buckets: readonly number[],
    registers: readonly Registry[],
  ) {
    // Duck-typed: the registry asks a metric for its name, type, get() and reset(), nothing else
    // (its declared Metric type is a union of prom-client's own classes).
    for (const registry of registers) registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  observe(first: string, second: string, value: number): void {
    let bySecond = this.series.get(first);
    if (!bySecond) this.series.set(first, (bySecond = new Map()));
    let series = bySecond.get(second);
    if (!series) {
      const [a, b] = this.labelNames;
      series = { labels: { [a]: first, [b]: second }, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      bySecond.set(second, series);
    }
    const bucket = this.buckets.findIndex((bound) => value <= bound);
    if (bucket >= 0) series.counts[bucket] = (series.counts[bucket] ?? 0) + 1;
    series.sum += value;
    series.count += 1;
  }

  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: Value[] }> {
    const values: Value[] = [];
    const bucket = `${this.name}_bucket`;
    for (const bySecond of this.series.values()) {
      for (const { labels, counts, sum, count } of bySecond.values()) {
        let cumulative = 0;
        this.buckets.forEach((le, i) => {
          cumulative += counts[i] ?? 0;
          values.push(pair({ le }, cumulative, bucket, labels));
        });
        values.push(pair({ le: '+Inf' }, count, bucket, labels));
        values.push(pair({}, sum, `${this.name}_sum`, labels));
        values.push(pair({}, count, `${this.name}_count`, labels));
      }
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.series.clear();
  }
}

/** A value as prom-client's histogram gives it: its own labels, and the series' as shared labels (printed after). */
function pair(labels: Record<string, string | number>, value: number, metricName: string, series: Record<string, string>): Value {
  return { labels, sharedLabels: series, value, metricName };
}
