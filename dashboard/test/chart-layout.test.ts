/**
 * Where the charts put their texts: wrapped, never cut, never outside the chart, with every
 * incubator's real name at a phone's width and at a desktop's (the browser test checks the same
 * on the drawn page, with the real font).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutChart, ticks, wrap, type LayoutInput, type Mark } from '../src/chart-layout.js';

/** A stand-in for the font: 0.6 em per character, wide enough for Marianne's capitals. */
const measure = (text: string, size: number) => [...text].length * size * 0.6;
const incubators = (
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../data/betagouv/incubators.json'), 'utf8')) as {
    title: string;
  }[]
).map((i) => i.title);

const texts = (marks: Mark[]) => marks.filter((m): m is Extract<Mark, { kind: 'text' }> => m.kind === 'text');

/** The horizontal extent of a text mark, from its anchor. */
function extent(mark: Extract<Mark, { kind: 'text' }>, size: number): [number, number] {
  const width = Math.max(...mark.lines.map((l) => measure(l, size)));
  if (mark.anchor === 'start') return [mark.x, mark.x + width];
  if (mark.anchor === 'end') return [mark.x - width, mark.x];
  return [mark.x - width / 2, mark.x + width / 2];
}

describe('chart layout', () => {
  it('wraps a label at word boundaries, and breaks only a word wider than the room', () => {
    const width = (t: string) => t.length;
    expect(wrap('La Fabrique Numérique de l’Écologie', 12, width)).toEqual(['La Fabrique', 'Numérique de', 'l’Écologie']);
    expect(wrap('Anticonstitutionnellement', 10, width)).toEqual(['Anticonsti', 'tutionnell', 'ement']);
    expect(wrap('', 10, width)).toEqual(['']);
  });

  it('counts in round steps from zero past the largest value', () => {
    expect(ticks(124)).toEqual([0, 50, 100, 150]);
    expect(ticks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(ticks(0)).toEqual([0, 1]);
  });

  for (const width of [390, 1280]) {
    it(`keeps every incubator's full name inside the chart at ${width} px`, () => {
      const input: LayoutInput = {
        width,
        labels: incubators,
        values: [incubators.map((_, i) => i * 3), incubators.map((_, i) => 40 - i)],
        horizontal: true,
        stacked: true,
        measure,
      };
      const layout = layoutChart(input);
      const labels = texts(layout.marks).filter((m) => !m.tick);
      expect(labels.map((m) => m.lines.join(' '))).toEqual(incubators);
      for (const mark of texts(layout.marks)) {
        const [from, to] = extent(mark, mark.tick ? 12 : 14);
        expect(from, mark.lines.join(' ')).toBeGreaterThanOrEqual(0);
        expect(to, mark.lines.join(' ')).toBeLessThanOrEqual(width);
        expect(mark.y).toBeLessThanOrEqual(layout.height);
      }
      for (const bar of layout.marks.filter((m) => m.kind === 'bar')) expect(bar.x + bar.width).toBeLessThanOrEqual(width);
    });
  }

  it('draws a vertical chart horizontally when its labels do not fit under their bars', () => {
    const input: LayoutInput = {
      width: 390,
      labels: ['Investigation', 'Construction', 'Accélération', 'Arrêtée en investigation'],
      values: [[25, 108, 75, 202]],
      horizontal: false,
      stacked: false,
      measure,
    };
    expect(layoutChart(input).horizontal).toBe(true);
    expect(layoutChart({ ...input, width: 1280 }).horizontal).toBe(false);
  });
});
