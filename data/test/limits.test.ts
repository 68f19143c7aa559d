/** The real data is well within the contract's bounds: they only ever stop a partner that misbehaves. */
import { LIST_LIMITS, TEXT_LIMITS } from '@gouvgraph/schema';
import { describe, expect, it } from 'vitest';
import { loadSeedData } from '../src/index.js';

describe('the real data and the contract bounds', () => {
  it('hold every text and list of the real data, with room to spare', () => {
    const data = loadSeedData();
    const longest = (texts: (string | undefined)[]) => Math.max(0, ...texts.map((t) => t?.length ?? 0));
    expect(longest(data.startups.map((s) => s.title))).toBeLessThan(TEXT_LIMITS['Startup.name'] ?? 0);
    expect(longest(data.startups.map((s) => s.mission))).toBeLessThan(TEXT_LIMITS['Startup.pitch'] ?? 0);
    expect(longest(data.startups.map((s) => s.description))).toBeLessThan(TEXT_LIMITS['Startup.description'] ?? 0);
    expect(longest(data.incubators.map((i) => i.description))).toBeLessThan(TEXT_LIMITS['Incubator.description'] ?? 0);
    expect(longest(data.startups.flatMap((s) => (s.events ?? []).map((e) => e.comment)))).toBeLessThan(
      TEXT_LIMITS['StartupEvent.comment'] ?? 0,
    );
    expect(Math.max(...data.startups.map((s) => (s.events ?? []).length))).toBeLessThan(LIST_LIMITS['Startup.events'] ?? 0);
  });
});
