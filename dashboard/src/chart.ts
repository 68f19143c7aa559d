/**
 * Bar charts (Chart.js, registered piece by piece so only bars are bundled). A chart is drawn
 * for the eye; its numbers are always in a table next to it, which the canvas points to as its
 * text alternative.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { h } from './dom.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = 'Marianne, arial, sans-serif';
Chart.defaults.locale = 'fr-FR';

/** The DSFR's blue-france and illustrative colours, readable on white. */
const COLOURS = ['#000091', '#18753c', '#b34000', '#6a6af4', '#a558a0', '#3a3a3a'];

export interface Series {
  label: string;
  values: readonly number[];
}

export function barChart(options: {
  caption: string;
  labels: readonly string[];
  series: readonly Series[];
  describedBy: string;
  horizontal?: boolean;
  stacked?: boolean;
}): HTMLElement {
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `${options.caption} (les valeurs sont dans le tableau qui suit)`,
    'aria-describedby': options.describedBy,
  });
  const height = options.horizontal ? Math.max(240, options.labels.length * 22) : 280;
  const figure = h(
    'figure',
    { class: 'gg-chart fr-my-3w', style: `height: ${height}px` },
    canvas,
    h('figcaption', { class: 'fr-sr-only' }, options.caption),
  );
  // Drawn once the canvas is in the page (it takes its size from its figure).
  requestAnimationFrame(
    () =>
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: [...options.labels],
          datasets: options.series.map((s, i) => ({ label: s.label, data: [...s.values], backgroundColor: COLOURS[i % COLOURS.length] })),
        },
        options: {
          indexAxis: options.horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: options.series.length > 1 } },
          scales: { x: { stacked: options.stacked ?? false }, y: { stacked: options.stacked ?? false, beginAtZero: true } },
        },
      }),
  );
  return figure;
}
