/**
 * The six-month review of a set of startups (`programmeImpact`, the whole programme's or one
 * incubator's): a sentence, the cohorts as a chart and as its table, each year a link to the
 * startups that entered then.
 */
import { barChart } from './chart.js';
import { h } from './dom.js';
import { type FinderState, finder } from './finder-address.js';
import { count } from './format.js';
import { sortableTable } from './table.js';

export interface ProgrammeImpact {
  startups: number;
  continued: number;
  abandoned: number;
  pending: number;
  passedSixMonthShare: number | null;
  cohorts: { year: number; startups: number; continued: number; abandoned: number; pending: number }[];
  missingPartners: string[];
}

/** What `impact` says, for the startups the finder lists with `filter` (an incubator's, or all). */
export function cohortReport(impact: ProgrammeImpact, filter: Partial<FinderState> = {}): Node[] {
  return [
    h(
      'p',
      {},
      `Sur ${count(impact.startups)} startups, ${count(impact.continued)} ont continué après leur revue des six mois, ${count(impact.abandoned)} se sont arrêtées et ${count(impact.pending)} n’y sont pas encore arrivées.`,
    ),
    barChart({
      caption: 'Startups entrées chaque année, selon l’issue de leur revue des six mois',
      labels: impact.cohorts.map((c) => String(c.year)),
      series: [
        { label: 'Ont continué', values: impact.cohorts.map((c) => c.continued), tone: 'positive' },
        { label: 'Se sont arrêtées', values: impact.cohorts.map((c) => c.abandoned), tone: 'stopped' },
        { label: 'En attente', values: impact.cohorts.map((c) => c.pending), tone: 'pending' },
      ],
      describedBy: 'table-cohortes',
      stacked: true,
    }),
    sortableTable({
      id: 'table-cohortes',
      caption: 'Startups entrées chaque année et issue de leur revue des six mois',
      columns: [
        {
          label: 'Année',
          value: (c) => c.year,
          cell: (c) => h('a', { href: finder({ ...filter, annee: String(c.year) }) }, String(c.year)),
          numeric: true,
        },
        { label: 'Entrées', value: (c) => c.startups, cell: (c) => count(c.startups), numeric: true },
        { label: 'Ont continué', value: (c) => c.continued, cell: (c) => count(c.continued), numeric: true },
        { label: 'Se sont arrêtées', value: (c) => c.abandoned, cell: (c) => count(c.abandoned), numeric: true },
        { label: 'En attente', value: (c) => c.pending, cell: (c) => count(c.pending), numeric: true },
      ],
      rows: impact.cohorts,
    }),
  ];
}
