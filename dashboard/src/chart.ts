/**
 * Bar charts, drawn as SVG. A chart is drawn for the eye; its numbers are always in a table next
 * to it, which the chart names as its text alternative, and a legend in words says what each
 * colour is (RGAA 3.1: colour never carries the meaning alone).
 *
 * Labels are text of the page, wrapped to the room they have, never cut: on a narrow screen a
 * horizontal chart puts each label above its bar, and a vertical chart whose labels do not fit
 * under their bars is drawn horizontally. The chart is drawn again when its width changes.
 */
import { h } from './dom.js';
import { colon, count } from './format.js';
import { layoutChart, type Mark } from './chart-layout.js';

/** What a series means, which sets its colour the same way on every chart. */
type Tone = 'positive' | 'stopped' | 'pending';

interface Series {
  label: string;
  values: readonly number[];
  tone?: Tone;
}

/**
 * DSFR colours, each at least 3:1 against the white page (RGAA 3.3, graphical objects), and
 * different enough in lightness from the ones stacked beside them to tell apart without hue:
 * success green for what went on, a neutral grey for what stopped (stopping is an outcome of
 * the programme, not an error, and grey never reads as green), info blue for what is pending.
 */
const TONES: Record<Tone, string> = { positive: '#18753c', stopped: '#929292', pending: '#0063cb' };
/** Series without a tone: blue-france first, then the DSFR's illustrative colours. */
const COLOURS = ['#000091', '#6a6af4', '#a558a0', '#3a3a3a'];

const colourOf = (series: Series, index: number) => (series.tone ? TONES[series.tone] : (COLOURS[index % COLOURS.length] ?? '#000091'));

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** How wide a text is drawn in the page's font, to wrap labels before drawing them. */
const context = document.createElement('canvas').getContext('2d');
function textWidth(text: string, size: number): number {
  if (!context) return text.length * size * 0.6;
  context.font = `${size}px Marianne, arial, sans-serif`;
  return context.measureText(text).width;
}

function draw(figure: HTMLElement, width: number, options: ChartOptions): void {
  const layout = layoutChart({
    width,
    labels: options.labels,
    values: options.series.map((s) => s.values),
    horizontal: options.horizontal ?? false,
    stacked: options.stacked ?? false,
    measure: textWidth,
  });
  const text = (mark: Extract<Mark, { kind: 'text' }>) =>
    svg(
      'text',
      { x: mark.x, y: mark.y, 'text-anchor': mark.anchor, class: mark.tick ? 'gg-chart__tick' : 'gg-chart__label' },
      ...mark.lines.map((line, i) => svg('tspan', { x: mark.x, dy: i === 0 ? 0 : mark.lineHeight }, line)),
    );
  const marks = layout.marks.map((mark) => {
    if (mark.kind === 'text') return text(mark);
    if (mark.kind === 'grid') return svg('line', { x1: mark.x1, y1: mark.y1, x2: mark.x2, y2: mark.y2, class: 'gg-chart__grid' });
    const series = options.series[mark.series];
    const label = options.labels[mark.category] ?? '';
    return svg(
      'rect',
      {
        x: mark.x,
        y: mark.y,
        width: mark.width,
        height: mark.height,
        fill: series ? colourOf(series, mark.series) : '#000091',
        class: 'gg-chart__bar',
        'data-series': series?.label ?? '',
      },
      // What a mouse pointer shows; the table beside says it to everyone.
      svg('title', {}, `${label} — ${colon(series?.label ?? '')}${count(series?.values[mark.category] ?? 0)}`),
    );
  });
  const drawing = svg(
    'svg',
    {
      width,
      height: layout.height,
      viewBox: `0 0 ${width} ${layout.height}`,
      role: 'img',
      'aria-label': `${options.caption} (les valeurs sont dans le tableau qui suit)`,
      'aria-describedby': options.describedBy,
      'data-layout': layout.horizontal ? 'horizontal' : 'vertical',
    },
    ...marks,
  );
  figure.querySelector('svg[role="img"]')?.replaceWith(drawing);
  if (!figure.querySelector('svg[role="img"]')) figure.querySelector('figcaption')?.before(drawing);
}

interface ChartOptions {
  caption: string;
  labels: readonly string[];
  series: readonly Series[];
  describedBy: string;
  horizontal?: boolean;
  stacked?: boolean;
}

export function barChart(options: ChartOptions): HTMLElement {
  const legend =
    options.series.length > 1
      ? h(
          'ul',
          { class: 'gg-legend' },
          options.series.map((s, i) =>
            h(
              'li',
              { class: 'gg-legend__item' },
              svg(
                'svg',
                { width: 16, height: 16, 'aria-hidden': 'true', class: 'gg-legend__swatch' },
                svg('rect', { width: 16, height: 16, fill: colourOf(s, i) }),
              ),
              s.label,
            ),
          ),
        )
      : null;
  const figure = h('figure', { class: 'gg-chart fr-my-3w' }, legend, h('figcaption', { class: 'fr-sr-only' }, options.caption));
  // Drawn at the width the page gives it, and again whenever that width changes.
  let drawn = 0;
  const redraw = () => {
    const width = Math.floor(figure.clientWidth);
    if (width > 0 && width !== drawn) {
      drawn = width;
      draw(figure, width, options);
    }
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(redraw).observe(figure);
  // Labels are measured in the page's font: whenever a font arrives, they are measured again.
  const remeasure = () => {
    drawn = 0;
    redraw();
  };
  void document.fonts?.ready.then(remeasure);
  document.fonts?.addEventListener('loadingdone', remeasure);
  return figure;
}
