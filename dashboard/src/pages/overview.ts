/** The programme at a glance: incubators, startups by phase and by incubator, cohorts and their six-month review, APIs by producer. */
import { barChart } from '../chart.js';
import { h, replace } from '../dom.js';
import { count, PHASES, percent } from '../format.js';
import { ask, type GraphAnswer } from '../graph.js';
import { sortableTable } from '../table.js';
import { failure, heading, partialNotice, withProgress } from '../ui.js';

interface Total {
  totalCount: number;
}
type PhaseKey = (typeof PHASES)[number][0];
type Overview = Record<PhaseKey, Total> & {
  incubators: { id: string; name: string; owner: { name: string } | null; all: Total; active: Total }[];
  startups: Total & { missingPartners: string[] };
  active: Total;
  programmeImpact: {
    startups: number;
    continued: number;
    abandoned: number;
    pending: number;
    passedSixMonthShare: number | null;
    cohorts: { year: number; startups: number; continued: number; abandoned: number; pending: number }[];
    missingPartners: string[];
  } | null;
};
interface ProducersPage {
  apis: {
    totalCount: number;
    edges: { node: { producer: { id: string; name: string; acronym: string | null } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Every API's producer, page after page, counted by producer. */
async function apisByProducer(): Promise<{ total: number; producers: { name: string; apis: number }[]; missing: string[] }> {
  const byProducer = new Map<string, { name: string; apis: number }>();
  let after: string | null = null;
  let total = 0;
  for (let page = 0; page < 50; page++) {
    const answer: GraphAnswer<ProducersPage> = await ask<ProducersPage>('ApiProducers', { after });
    const apis = answer.data?.apis;
    if (!apis) return { total: 0, producers: [], missing: answer.missing.length ? answer.missing : ['catalog'] };
    total = apis.totalCount;
    for (const { node } of apis.edges) {
      const entry = byProducer.get(node.producer.id) ?? { name: node.producer.acronym ?? node.producer.name, apis: 0 };
      entry.apis++;
      byProducer.set(node.producer.id, entry);
    }
    if (!apis.pageInfo.hasNextPage) break;
    after = apis.pageInfo.endCursor;
  }
  return { total, producers: [...byProducer.values()], missing: [] };
}

const figure = (id: string, value: string, label: string) =>
  h(
    'div',
    { class: 'fr-col-6 fr-col-md-3' },
    h(
      'div',
      { class: 'gg-figure', 'data-figure': id },
      h('p', { class: 'gg-figure__value' }, value),
      h('p', { class: 'gg-figure__label' }, label),
    ),
  );

export async function overview(main: HTMLElement): Promise<void> {
  const content = h('div');
  replace(
    main,
    heading('Le programme des startups d’État'),
    h('p', { class: 'fr-text--lead' }, 'Tous les incubateurs, leurs startups et les API qu’elles publient, lus dans le graphe unifié.'),
    content,
  );
  let answer;
  let apis;
  try {
    [answer, apis] = await withProgress(
      content,
      'des chiffres du programme',
      Promise.all([ask<Overview>('ProgrammeOverview'), apisByProducer()]),
    );
  } catch (error) {
    replace(content, failure(error));
    return;
  }
  const data = answer.data;
  if (!data) {
    replace(content, failure(null, answer));
    return;
  }
  const missing = [...new Set([...answer.missing, ...data.startups.missingPartners, ...apis.missing])].sort();
  const ended = data.startups.totalCount - data.active.totalCount;
  const phases = PHASES.map(([key, , label]) => ({ label, startups: data[key].totalCount }));
  const impact = data.programmeImpact;

  replace(
    content,
    partialNotice(missing),
    h(
      'div',
      { class: 'fr-grid-row fr-grid-row--gutters fr-mb-4w' },
      figure('incubators', count(data.incubators.length), 'incubateurs'),
      figure('startups', count(data.startups.totalCount), 'startups'),
      figure('active', count(data.active.totalCount), 'startups actives'),
      figure('ended', count(ended), 'startups terminées'),
      figure('apis', count(apis.total), 'API publiées'),
      figure('six-months', percent(impact?.passedSixMonthShare ?? null), 'passent la revue des six mois'),
    ),

    h('h2', { id: 'phases' }, 'Startups par phase'),
    barChart({
      caption: 'Nombre de startups dans chaque phase',
      labels: phases.map((p) => p.label),
      series: [{ label: 'Startups', values: phases.map((p) => p.startups) }],
      describedBy: 'table-phases',
    }),
    sortableTable({
      id: 'table-phases',
      caption: 'Startups par phase actuelle',
      columns: [
        { label: 'Phase', value: (p) => PHASES.findIndex(([, , label]) => label === p.label), cell: (p) => p.label },
        { label: 'Startups', value: (p) => p.startups, cell: (p) => count(p.startups), numeric: true },
      ],
      rows: phases,
    }),

    h('h2', { id: 'incubateurs' }, 'Par incubateur'),
    barChart({
      caption: 'Startups actives et terminées de chaque incubateur',
      labels: data.incubators.map((i) => i.name),
      series: [
        { label: 'Actives', values: data.incubators.map((i) => i.active.totalCount) },
        { label: 'Terminées', values: data.incubators.map((i) => i.all.totalCount - i.active.totalCount), tone: 'stopped' },
      ],
      describedBy: 'table-incubateurs',
      horizontal: true,
      stacked: true,
    }),
    sortableTable({
      id: 'table-incubateurs',
      caption: 'Startups de chaque incubateur (triez en choisissant une colonne)',
      columns: [
        { label: 'Incubateur', value: (i) => i.name, cell: (i) => h('a', { href: `#/incubateurs/${encodeURIComponent(i.id)}` }, i.name) },
        { label: 'Startups', value: (i) => i.all.totalCount, cell: (i) => count(i.all.totalCount), numeric: true },
        { label: 'Actives', value: (i) => i.active.totalCount, cell: (i) => count(i.active.totalCount), numeric: true },
        {
          label: 'Terminées',
          value: (i) => i.all.totalCount - i.active.totalCount,
          cell: (i) => count(i.all.totalCount - i.active.totalCount),
          numeric: true,
        },
        { label: 'Porté par', value: (i) => i.owner?.name ?? '—' },
      ],
      rows: data.incubators,
      sortBy: 1,
      descending: true,
    }),

    h('h2', { id: 'cohortes' }, 'Entrées par année et revue des six mois'),
    impact
      ? [
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
              { label: 'Année', value: (c) => c.year, numeric: true },
              { label: 'Entrées', value: (c) => c.startups, cell: (c) => count(c.startups), numeric: true },
              { label: 'Ont continué', value: (c) => c.continued, cell: (c) => count(c.continued), numeric: true },
              { label: 'Se sont arrêtées', value: (c) => c.abandoned, cell: (c) => count(c.abandoned), numeric: true },
              { label: 'En attente', value: (c) => c.pending, cell: (c) => count(c.pending), numeric: true },
            ],
            rows: impact.cohorts,
          }),
        ]
      : h('p', {}, 'Les chiffres de la revue des six mois sont indisponibles pour le moment.'),

    h('h2', { id: 'api' }, 'API publiées par producteur'),
    apis.producers.length
      ? [
          barChart({
            caption: 'Les quinze producteurs qui publient le plus d’API',
            labels: [...apis.producers]
              .sort((a, b) => b.apis - a.apis)
              .slice(0, 15)
              .map((p) => p.name),
            series: [
              {
                label: 'API',
                values: [...apis.producers]
                  .sort((a, b) => b.apis - a.apis)
                  .slice(0, 15)
                  .map((p) => p.apis),
              },
            ],
            describedBy: 'table-producteurs',
            horizontal: true,
          }),
          sortableTable({
            id: 'table-producteurs',
            caption: 'API publiées par chaque producteur',
            columns: [
              { label: 'Producteur', value: (p) => p.name },
              { label: 'API', value: (p) => p.apis, cell: (p) => count(p.apis), numeric: true },
            ],
            rows: apis.producers,
            sortBy: 1,
            descending: true,
          }),
        ]
      : h('p', {}, 'Le catalogue des API ne répond pas pour le moment.'),
  );
}
