/**
 * The programme at a glance: incubators, startups by phase and by incubator, cohorts and their
 * six-month review, APIs by producer. Each part asks the graph on its own and is drawn as soon as
 * its answer arrives: the counts do not wait for the six-month numbers, nor either for the
 * catalogue's walk through every API.
 */
import { barChart } from '../chart.js';
import { cohortReport, type ProgrammeImpact } from '../cohorts.js';
import { h, replace } from '../dom.js';
import { finder } from '../finder-address.js';
import { ACTIVE_PHASES, count, PHASES, percent } from '../format.js';
import { ask, type GraphAnswer } from '../graph.js';
import { sortableTable } from '../table.js';
import { failure, heading, partialNotice, withProgress } from '../ui.js';

interface Total {
  totalCount: number;
}
type PhaseKey = (typeof PHASES)[number][0];
interface Overview {
  incubators: {
    id: string;
    name: string;
    owner: { name: string } | null;
    /** Its startups counted by phase (contract 1.3); null from a partner on an earlier version. */
    startupTally: { phase: string; startups: number }[] | null;
    all: Total;
  }[];
}
/** One incubator's startups by phase, asked phase by phase of a partner that has no tally. */
interface IncubatorPhases {
  incubator: Record<PhaseKey, Total> | null;
}
/** An incubator as the overview shows it: its startups by phase. */
interface Counted {
  id: string;
  name: string;
  owner: { name: string } | null;
  all: number;
  active: number;
  byPhase: Map<string, number>;
}
interface Impact {
  programmeImpact: ProgrammeImpact | null;
}
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

/** A figure of the top row: shown as "…" (and busy) until its answer arrives; a link to what it counts. */
function figure(id: string, label: string, href: string) {
  const value = h('p', { class: 'gg-figure__value' }, '…');
  const box = h(
    'div',
    { class: 'gg-figure fr-enlarge-link', 'data-figure': id, 'aria-busy': 'true' },
    value,
    h('p', { class: 'gg-figure__label' }, h('a', { href }, label)),
  );
  return {
    element: h('div', { class: 'fr-col-6 fr-col-md-4 fr-col-lg-2' }, box),
    set(text: string) {
      value.textContent = text;
      box.setAttribute('aria-busy', 'false');
    },
  };
}

/** A section: its heading, then what its answer draws (a progress line until then). */
function section(id: string, title: string) {
  const content = h('div', { 'aria-live': 'polite' });
  return { element: [h('h2', { id }, title), content], content };
}

export async function overview(main: HTMLElement): Promise<void> {
  const notice = h('div');
  const figures = {
    incubators: figure('incubators', 'incubateurs', '#incubateurs'),
    startups: figure('startups', 'startups', finder()),
    active: figure('active', 'startups actives', finder({ actif: 'oui' })),
    ended: figure('ended', 'startups terminées', finder({ actif: 'non' })),
    apis: figure('apis', 'API publiées', '#/apis'),
    sixMonths: figure('six-months', 'passent la revue des six mois', '#cohortes'),
  };
  const phases = section('phases', 'Startups par phase');
  const incubators = section('incubateurs', 'Par incubateur');
  const cohorts = section('cohortes', 'Entrées par année et revue des six mois');
  const producers = section('api', 'API publiées par producteur');
  replace(
    main,
    heading('Le programme des startups d’État'),
    h('p', { class: 'fr-text--lead' }, 'Tous les incubateurs, leurs startups et les API qu’elles publient, lus dans le graphe unifié.'),
    notice,
    h(
      'div',
      { class: 'fr-grid-row fr-grid-row--gutters fr-mb-4w' },
      Object.values(figures).map((f) => f.element),
    ),
    phases.element,
    incubators.element,
    cohorts.element,
    producers.element,
  );

  const missing = new Set<string>();
  const answered = (ids: readonly string[]) => {
    for (const id of ids) missing.add(id);
    replace(notice, partialNotice([...missing].sort()));
  };

  // The counts first (the figures at the top, what a visitor reads first); the six-month numbers
  // and the catalogue's walk then, rather than competing with them for the partners.
  const apiCount = countApis(figures.apis);
  await drawCounts(figures, phases.content, incubators.content, answered);
  await Promise.all([apiCount, drawImpact(figures.sixMonths, cohorts.content, answered), drawProducers(producers.content, answered)]);
}

type Figure = ReturnType<typeof figure>;

/**
 * Each incubator's startups by phase: from its tally, one small question to every partner; a
 * partner still on an earlier contract is asked phase by phase. Null for one whose counts are
 * missing.
 */
async function countByPhase(incubator: Overview['incubators'][number]): Promise<Counted | null> {
  let rows = incubator.startupTally;
  if (!rows) {
    const answer = await ask<IncubatorPhases>('IncubatorPhases', { id: incubator.id });
    const phases = answer.data?.incubator;
    if (!phases || answer.missing.length) return null;
    rows = PHASES.map(([key, phase]) => ({ phase, startups: phases[key].totalCount }));
  }
  const byPhase = new Map<string, number>();
  for (const row of rows) byPhase.set(row.phase, (byPhase.get(row.phase) ?? 0) + row.startups);
  const active = [...byPhase].reduce((n, [phase, startups]) => n + (ACTIVE_PHASES.has(phase) ? startups : 0), 0);
  return { id: incubator.id, name: incubator.name, owner: incubator.owner, all: incubator.all.totalCount, active, byPhase };
}

/** Incubators and startups counted: four figures, the phases and the incubators. */
async function drawCounts(
  figures: Record<'incubators' | 'startups' | 'active' | 'ended', Figure>,
  phasesContent: HTMLElement,
  incubatorsContent: HTMLElement,
  answered: (missing: readonly string[]) => void,
): Promise<void> {
  let answer: GraphAnswer<Overview>;
  let counted: (Counted | null)[];
  try {
    answer = await withProgress(phasesContent, 'des startups par phase', ask<Overview>('ProgrammeOverview'));
    counted = await Promise.all((answer.data?.incubators ?? []).map(countByPhase));
  } catch (error) {
    for (const f of Object.values(figures)) f.set('—');
    replace(phasesContent, failure(error));
    replace(incubatorsContent);
    return;
  }
  if (!answer.data) {
    for (const f of Object.values(figures)) f.set('—');
    replace(phasesContent, failure(null, answer));
    return;
  }
  const incubators = counted.filter((i): i is Counted => i !== null);
  answered([...answer.missing, ...answer.data.incubators.filter((_, i) => counted[i] === null).map((i) => i.id)]);
  const startups = incubators.reduce((n, i) => n + i.all, 0);
  const active = incubators.reduce((n, i) => n + i.active, 0);
  figures.incubators.set(count(incubators.length));
  figures.startups.set(count(startups));
  figures.active.set(count(active));
  figures.ended.set(count(startups - active));
  const phases = PHASES.map(([, value, label]) => ({
    value,
    label,
    startups: incubators.reduce((n, i) => n + (i.byPhase.get(value) ?? 0), 0),
  }));

  replace(
    phasesContent,
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
        {
          label: 'Phase',
          value: (p) => PHASES.findIndex(([, , label]) => label === p.label),
          cell: (p) => h('a', { href: finder({ phase: p.value }) }, p.label),
        },
        { label: 'Startups', value: (p) => p.startups, cell: (p) => count(p.startups), numeric: true },
      ],
      rows: phases,
    }),
  );
  replace(
    incubatorsContent,
    barChart({
      caption: 'Startups actives et terminées de chaque incubateur',
      labels: incubators.map((i) => i.name),
      series: [
        { label: 'Actives', values: incubators.map((i) => i.active) },
        { label: 'Terminées', values: incubators.map((i) => i.all - i.active), tone: 'stopped' },
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
        {
          label: 'Startups',
          value: (i) => i.all,
          cell: (i) => h('a', { href: finder({ incubateur: i.id }), title: `Les startups de ${i.name}` }, count(i.all)),
          numeric: true,
        },
        { label: 'Actives', value: (i) => i.active, cell: (i) => count(i.active), numeric: true },
        { label: 'Terminées', value: (i) => i.all - i.active, cell: (i) => count(i.all - i.active), numeric: true },
        { label: 'Porté par', value: (i) => i.owner?.name ?? '—' },
      ],
      rows: incubators,
      sortBy: 1,
      descending: true,
    }),
  );
}

/** The six-month review: one figure and the cohorts. */
async function drawImpact(sixMonths: Figure, content: HTMLElement, answered: (missing: readonly string[]) => void): Promise<void> {
  let answer: GraphAnswer<Impact>;
  try {
    answer = await withProgress(content, 'de la revue des six mois', ask<Impact>('ProgrammeImpact'));
  } catch (error) {
    sixMonths.set('—');
    replace(content, failure(error));
    return;
  }
  const impact = answer.data?.programmeImpact;
  answered([...answer.missing, ...(impact?.missingPartners ?? [])]);
  sixMonths.set(percent(impact?.passedSixMonthShare ?? null));
  replace(content, impact ? cohortReport(impact) : h('p', {}, 'Les chiffres de la revue des six mois sont indisponibles pour le moment.'));
}

/** How many APIs the catalogue has: one small question. */
async function countApis(figure: Figure): Promise<void> {
  try {
    const answer = await ask<{ apis: Total }>('ApiCount');
    figure.set(answer.data ? count(answer.data.apis.totalCount) : '—');
  } catch {
    figure.set('—');
  }
}

/** Every API's producer: a walk through the catalogue. */
async function drawProducers(content: HTMLElement, answered: (missing: readonly string[]) => void): Promise<void> {
  let apis: Awaited<ReturnType<typeof apisByProducer>>;
  try {
    apis = await withProgress(content, 'des API par producteur', apisByProducer());
  } catch (error) {
    replace(content, failure(error));
    return;
  }
  answered(apis.missing);
  const top = [...apis.producers].sort((a, b) => b.apis - a.apis).slice(0, 15);
  replace(
    content,
    apis.producers.length
      ? [
          barChart({
            caption: 'Les quinze producteurs qui publient le plus d’API',
            labels: top.map((p) => p.name),
            series: [{ label: 'API', values: top.map((p) => p.apis) }],
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
