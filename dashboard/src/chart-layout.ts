/**
 * Where a bar chart's bars, grid lines and texts go for a given width, without a browser: every
 * label is wrapped to the room it has (words kept whole when they fit, a word wider than the
 * whole chart broken), so no text is ever cut or drawn outside the chart.
 */
import { count } from './format.js';

export type Mark =
  | { kind: 'bar'; series: number; category: number; x: number; y: number; width: number; height: number }
  | { kind: 'text'; x: number; y: number; anchor: 'start' | 'middle' | 'end'; lines: string[]; lineHeight: number; tick: boolean }
  | { kind: 'grid'; x1: number; y1: number; x2: number; y2: number };

export interface Layout {
  horizontal: boolean;
  height: number;
  marks: Mark[];
}

export interface LayoutInput {
  width: number;
  labels: readonly string[];
  /** One array per series, one value per label. */
  values: readonly (readonly number[])[];
  horizontal: boolean;
  stacked: boolean;
  /** The drawn width of `text` at font size `size` (px). */
  measure: (text: string, size: number) => number;
}

const LABEL = 14;
const LABEL_LINE = 18;
const TICK = 12;
const TICK_LINE = 16;
const BAR = 14;
const PLOT_HEIGHT = 240;
/** Room kept beside a wrapped line: the page may draw a text a little wider than it was measured. */
const SLACK = 12;
/** Under this width a horizontal chart puts each label above its bar (the DSFR's `md` breakpoint is 768, `sm` 576). */
const NARROW = 576;

/** `text` in lines no wider than `max`. */
export function wrap(text: string, max: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= max) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    // A word wider than the room: broken where it must be.
    for (const char of word) {
      if (line && measure(line + char) > max) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Round steps (1, 2, 5 × 10ⁿ, at least 1: these are counts) from 0 past `max`, about five of them. */
export function ticks(max: number): number[] {
  const rough = Math.max(1, max / 5);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

/** Each category's bars along the value axis: `[series, from, to]`. */
function bars(input: LayoutInput, category: number): [number, number, number][] {
  let base = 0;
  return input.values.map((values, series) => {
    const value = values[category] ?? 0;
    const from = input.stacked ? base : 0;
    base += value;
    return [series, from, from + value];
  });
}

export function layoutChart(input: LayoutInput): Layout {
  const totals = input.labels.map((_, c) => Math.max(0, ...bars(input, c).map(([, , to]) => to)));
  const scale = ticks(Math.max(0, ...totals));
  const top = scale.at(-1) ?? 1;
  const labelWidth = (text: string) => input.measure(text, LABEL);
  const tickWidth = (value: number) => input.measure(count(value), TICK);
  if (!input.horizontal) {
    const left = Math.ceil(Math.max(...scale.map(tickWidth))) + 8;
    const right = 8;
    const slot = (input.width - left - right) / Math.max(1, input.labels.length);
    // Labels that do not fit under their bars, whole words: the chart is drawn horizontally.
    const words = input.labels.flatMap((l) => l.split(/\s+/));
    if (words.some((w) => labelWidth(w) > slot - SLACK)) return layoutChart({ ...input, horizontal: true });
    return vertical(input, { left, right, slot, scale, top });
  }
  return horizontal(input, { scale, top, tickWidth, labelWidth });
}

function vertical(
  input: LayoutInput,
  { left, right, slot, scale, top }: { left: number; right: number; slot: number; scale: number[]; top: number },
): Layout {
  // Room above the top grid line for the upper half of its number.
  const padding = 12;
  const lines = input.labels.map((l) => wrap(l, slot - SLACK, (t) => input.measure(t, LABEL)));
  const height = padding + PLOT_HEIGHT + 8 + Math.max(...lines.map((l) => l.length)) * LABEL_LINE + 4;
  const y = (value: number) => padding + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
  const marks: Mark[] = scale.flatMap((t): Mark[] => [
    { kind: 'grid', x1: left, y1: y(t), x2: input.width - right, y2: y(t) },
    { kind: 'text', x: left - 6, y: y(t) + TICK / 3, anchor: 'end', lines: [count(t)], lineHeight: TICK_LINE, tick: true },
  ]);
  const series = input.values.length;
  const width = Math.min(slot * 0.7, 56);
  input.labels.forEach((_, category) => {
    const middle = left + slot * (category + 0.5);
    for (const [s, from, to] of bars(input, category)) {
      if (to <= from) continue;
      const x = input.stacked || series === 1 ? middle - width / 2 : middle - width / 2 + (s * width) / series;
      // A pixel of white between stacked parts, so that they tell apart without their colours.
      const gap = input.stacked && from > 0 ? 1 : 0;
      marks.push({
        kind: 'bar',
        series: s,
        category,
        x,
        y: y(to),
        width: input.stacked ? width : width / series,
        height: Math.max(0, y(from) - y(to) - gap),
      });
    }
    marks.push({
      kind: 'text',
      x: middle,
      y: padding + PLOT_HEIGHT + 8 + LABEL,
      anchor: 'middle',
      lines: lines[category] ?? [],
      lineHeight: LABEL_LINE,
      tick: false,
    });
  });
  return { horizontal: false, height, marks };
}

function horizontal(
  input: LayoutInput,
  {
    scale,
    top,
    tickWidth,
    labelWidth,
  }: { scale: number[]; top: number; tickWidth: (v: number) => number; labelWidth: (t: string) => number },
): Layout {
  // Long labels on a narrow screen go above their bars; short ones (years) keep their column.
  const widest = Math.max(...input.labels.map(labelWidth));
  const narrow = input.width < NARROW && widest > input.width * 0.3;
  // The value axis's first and last numbers are centred on their grid lines: room for their halves.
  const right = Math.ceil(tickWidth(top) / 2) + 4;
  let left: number;
  let lines: string[][];
  if (narrow) {
    left = Math.ceil(tickWidth(0) / 2) + 2;
    lines = input.labels.map((l) => wrap(l, input.width - left - SLACK, labelWidth));
  } else {
    const column = Math.min(widest, input.width * 0.35);
    lines = input.labels.map((l) => wrap(l, column, labelWidth));
    left = Math.ceil(Math.max(...lines.flat().map(labelWidth))) + 10;
  }
  const plot = input.width - left - right;
  const x = (value: number) => left + (value / top) * plot;
  const padding = 4;
  const marks: Mark[] = [];
  let row = padding;
  input.labels.forEach((_, category) => {
    const text = lines[category] ?? [];
    const textHeight = text.length * LABEL_LINE;
    const rowHeight = narrow ? textHeight + 2 + BAR + 12 : Math.max(textHeight, BAR) + 8;
    const barTop = narrow ? row + textHeight + 2 : row + (rowHeight - BAR) / 2;
    const textTop = narrow ? row : row + (rowHeight - textHeight) / 2;
    marks.push({
      kind: 'text',
      // Above its bar, the label starts where the bar does.
      x: narrow ? left : left - 10,
      // A line's baseline sits about three quarters down its line box.
      y: textTop + LABEL_LINE * 0.75,
      anchor: narrow ? 'start' : 'end',
      lines: text,
      lineHeight: LABEL_LINE,
      tick: false,
    });
    for (const [s, from, to] of bars(input, category)) {
      if (to <= from) continue;
      const series = input.values.length;
      const thickness = input.stacked || series === 1 ? BAR : BAR / series;
      const gap = input.stacked && from > 0 ? 1 : 0;
      marks.push({
        kind: 'bar',
        series: s,
        category,
        x: x(from) + gap,
        y: input.stacked || series === 1 ? barTop : barTop + s * thickness,
        width: Math.max(0, x(to) - x(from) - gap),
        height: thickness,
      });
    }
    row += rowHeight;
  });
  for (const t of scale) {
    marks.unshift({ kind: 'grid', x1: x(t), y1: padding, x2: x(t), y2: row });
    marks.push({ kind: 'text', x: x(t), y: row + TICK_LINE, anchor: 'middle', lines: [count(t)], lineHeight: TICK_LINE, tick: true });
  }
  return { horizontal: true, height: row + TICK_LINE + 8, marks };
}
