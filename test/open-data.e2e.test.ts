/**
 * The programme's open data, read as a citizen or data.gouv.fr would: every partner of the real
 * data and the catalogue behind the gateway; each export parsed and validated against its own
 * Table Schema by the frictionless reference implementation (`tableschema`), its counts compared
 * with the graph's; the feeds checked as Atom; a phase change recorded through the gateway seen in
 * the feed and the next export; a partner down named, never silently left out.
 */
import { startStack, type Stack } from '@gouvgraph/stack';
import { graphql, validateAtom } from '@gouvgraph/testing';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tableschema from 'tableschema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalIn, runCli } from './src/index.js';

let stack: Stack;
let origin = '';
const dir = mkdtempSync(join(tmpdir(), 'gouvgraph-open-data-'));

beforeAll(async () => {
  // 23 partners on one embedded database, on a machine that may be loaded: a generous deadline.
  // Partners answer as they behave now (one is taken down): no answer kept, whole or per partner.
  stack = await startStack({
    database: { kind: 'pglite' },
    impact: false,
    responseCache: false,
    fetchCache: false,
    partnerTimeoutMs: 10_000,
  });
  origin = stack.gateway.origin;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${origin}${path}`, init);

const exportWithCli = (out: string, extra: string[] = []) => runCli(['export', '--gateway', origin, '--out', out, ...extra]);

interface Resource {
  name: string;
  format: string;
  path: string;
  schema: string;
  dialect: { delimiter: string };
  licenses: { name: string }[];
}

/** A CSV export read by the reference implementation against its schema: every row cast, or it throws. */
async function readValidated(resource: Resource): Promise<{ headers: string[]; rows: Record<string, unknown>[] }> {
  const schema = await tableschema.Schema.load((await (await get(`/donnees/${resource.schema}`)).json()) as Record<string, unknown>);
  expect(schema.errors).toEqual([]);
  expect(schema.valid).toBe(true);
  const response = await get(`/donnees/${resource.path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  const file = join(dir, resource.path);
  writeFileSync(file, await response.text());
  // The dialect the Data Package declares (no guessing the delimiter from the content).
  const table = await tableschema.Table.load(file, { schema: schema.descriptor, delimiter: resource.dialect.delimiter });
  let rows: Record<string, unknown>[];
  try {
    rows = (await table.read({ keyed: true })) as Record<string, unknown>[];
  } catch (error) {
    const details = (error as { errors?: Error[] }).errors?.map((e) => e.message) ?? [];
    throw new Error(`${resource.path} does not conform to its schema: ${(error as Error).message}\n${details.join('\n')}`);
  }
  return { headers: table.headers ?? [], rows };
}

/** The graph's own counts, walked with a query of the test's (pages of 50, another order). */
async function graphCounts() {
  let after: string | null = null;
  let phases = 0;
  let events = 0;
  let startups = 0;
  for (;;) {
    const page = await graphql(
      stack.gateway.url,
      'query($after: String) { startups(first: 50, after: $after, orderBy: { field: STARTED, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } edges { node { phases { start } events { date } } } } }',
      { after },
    );
    const connection = page.data?.startups as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: { phases: unknown[]; events: unknown[] } }[];
    };
    startups = connection.totalCount;
    for (const { node } of connection.edges) {
      phases += node.phases.length;
      events += node.events.length;
    }
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  let apis = 0;
  let links = 0;
  for (after = null; ; ) {
    const page = await graphql(
      stack.gateway.url,
      'query($after: String) { apis(first: 60, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { startupLinks { relation } } } } }',
      { after },
    );
    const connection = page.data?.apis as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: { startupLinks: unknown[] } }[];
    };
    apis = connection.totalCount;
    links += connection.edges.reduce((n, e) => n + e.node.startupLinks.length, 0);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  const incubators = (await graphql(stack.gateway.url, '{ incubators { id } }')).data?.incubators as unknown[];
  return { incubateurs: incubators.length, startups, phases, evenements: events, apis, liens_startups_apis: links };
}

/** The day it is in Paris: the partners' dates are French calendar days. */
const parisToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

// In this order: a phase is recorded, then the command line exports, then a partner is stopped.
describe.sequential('the open data of the programme', () => {
  it('publishes every table as CSV its Table Schema validates, with the counts of the graph', { timeout: 180_000 }, async () => {
    const datapackage = (await (await get('/donnees/datapackage.json')).json()) as {
      resources: Resource[];
      licenses: { name: string }[];
      complet: boolean;
      partenaires_indisponibles: string[];
      created: string;
    };
    // What partners publish, and what was imported from beta.gouv.fr under its own licence.
    expect(datapackage.licenses.map((l) => l.name)).toEqual(['etalab-2.0', 'CC-BY-NC-SA-4.0']);
    expect(datapackage.complet).toBe(true);
    expect(Date.now() - Date.parse(datapackage.created)).toBeLessThan(60_000);
    const counts = await graphCounts();
    const csvs = datapackage.resources.filter((r) => r.format === 'csv');
    expect(csvs.map((r) => r.name).sort()).toEqual(Object.keys(counts).sort());
    expect(
      datapackage.resources
        .filter((r) => r.format === 'json')
        .map((r) => r.path)
        .sort(),
    ).toEqual(csvs.map((r) => r.path.replace(/csv$/, 'json')).sort());
    for (const resource of csvs) {
      const { headers, rows } = await readValidated(resource);
      const schema = (await (await get(`/donnees/${resource.schema}`)).json()) as {
        fields: { name: string; description: string }[];
        primaryKey: string | string[];
      };
      expect(headers, resource.name).toEqual(schema.fields.map((f) => f.name));
      for (const field of schema.fields) expect(field.description.length, `${resource.name}.${field.name}`).toBeGreaterThan(5);
      expect(rows.length, resource.name).toBe(counts[resource.name as keyof typeof counts]);
      // The primary key identifies each row.
      const key = [schema.primaryKey].flat();
      expect(new Set(rows.map((r) => key.map((k) => String(r[k])).join('\u0000'))).size, resource.name).toBe(rows.length);
    }
  });

  it('lists every file on a page in the design system, with its rows and sizes as served, and the way back to the dashboard', {
    timeout: 180_000,
  }, async () => {
    // The figures are measured in the background: the page answers at once, saying so meanwhile.
    const started = Date.now();
    let page = await get('/donnees/');
    let html = await page.text();
    expect(Date.now() - started).toBeLessThan(2_000);
    if (/en cours de mesure/.test(html)) expect(page.headers.get('cache-control')).toBe('no-store');
    while (/en cours de mesure/.test(html) && Date.now() - started < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      page = await get('/donnees/');
      html = await page.text();
    }
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, max-age=60');
    // Its own scripts and styles only, none inline.
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toContain("frame-ancestors 'none'");

    // The dashboard's header, menu, breadcrumb and footer, and its built DSFR, served here.
    expect(html).toContain('<html lang="fr" data-fr-scheme="light">');
    expect(html).toContain('<p class="fr-logo">République<br>française</p>');
    expect(html).toContain('<p class="fr-header__service-title">GouvGraph</p>');
    const menu = [...html.matchAll(/<a class="fr-nav__link"(?: data-page="\w+")? href="([^"]+)"( aria-current="page")?>([^<]+)</g)].map(
      (m) => [m[1], m[3], Boolean(m[2])],
    );
    expect(menu).toEqual([
      ['/', 'Vue d’ensemble', false],
      ['/#/startups', 'Startups', false],
      ['/#/apis', 'Explorer les API', false],
      ['/#/partenaires', 'État des partenaires', false],
      ['/donnees/', 'Données ouvertes', true],
    ]);
    expect(html).toMatch(
      /<a class="fr-breadcrumb__link" href="\/">Accueil<\/a><\/li>\s*<li><a class="fr-breadcrumb__link" aria-current="page">Données ouvertes<\/a>/,
    );
    const footer = html.slice(html.indexOf('<footer'));
    for (const href of [
      '/',
      '/#/accessibilite',
      '/#/mentions-legales',
      '/#/donnees-personnelles',
      '/#/plan-du-site',
      '/donnees/journal-du-graphe',
    ])
      expect(footer, href).toContain(`href="${href}"`);
    for (const site of ['info.gouv.fr', 'service-public.gouv.fr', 'legifrance.gouv.fr', 'data.gouv.fr'])
      expect(footer, site).toContain(`href="https://www.${site}"`);
    const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1] as string);
    const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1] as string);
    expect(styles.length).toBeGreaterThan(0);
    expect(scripts).toHaveLength(1);
    const css = await Promise.all(styles.map(async (href) => ({ href, response: await get(href) })));
    for (const { href, response } of css) expect(response.headers.get('content-type'), href).toBe('text/css; charset=utf-8');
    expect((await Promise.all(css.map((c) => c.response.text()))).join('')).toContain('.fr-header__service-title');
    expect((await get(scripts[0] as string)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(html).not.toMatch(/<script(?! type="module" src=)/);

    // Each table: its rows are the CSV's, its sizes the bytes a download gets, its date recent.
    const tables = [...html.matchAll(/<tr data-table="([a-z_]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
      name: m[1] as string,
      row: m[2] as string,
    }));
    expect(tables.map((t) => t.name)).toEqual(['incubateurs', 'startups', 'phases', 'evenements', 'apis', 'liens_startups_apis']);
    const units: Record<string, number> = { octet: 1, octets: 1, ko: 1e3, Mo: 1e6 };
    for (const { name, row } of tables) {
      const csv = await (await get(`/donnees/${name}.csv`)).text();
      const rows = Number(/<data class="gg-rows" value="(\d+)">/.exec(row)?.[1]);
      expect(rows, name).toBe((parse(csv, { columns: true }) as unknown[]).length);
      const files = [
        ...row.matchAll(/<a href="([^"]+)"[^>]*data-format="([a-z]+)">[\s\S]*?<data class="gg-size" value="(\d+)">([^<]+)<\/data>/g),
      ];
      expect(files.map((f) => f[2])).toEqual(['csv', 'excel', 'json']);
      for (const [, href, format, value, shown] of files) {
        const bytes = (await (await get(href as string)).arrayBuffer()).byteLength;
        expect(Number(value), `${name} ${format}`).toBe(bytes);
        // As shown: `12,3 ko` is 12,250 to 12,350 bytes.
        const [, figure = '', unit = ''] = /^([\d\u202f,]+)\u00a0(\S+)$/.exec(shown as string) ?? [];
        const decimals = figure.split(',')[1]?.length ?? 0;
        const scale = units[unit] ?? Number.NaN;
        expect(
          Math.abs(Number(figure.replaceAll('\u202f', '').replace(',', '.')) * scale - bytes),
          `${name} ${format} ${shown}`,
        ).toBeLessThanOrEqual((scale * 10 ** -decimals) / 2);
      }
      expect(row).toContain(`href="/donnees/${name}.schema.json"`);
      expect(row).toContain('rel="license"');
      const produced = Date.parse(/<time datetime="([^"]+)">/.exec(row)?.[1] ?? '');
      expect(produced, name).toBeGreaterThanOrEqual(started - 1_000);
      expect(produced).toBeLessThanOrEqual(Date.now());
    }
    expect(html).toContain('<strong>Produit le</strong>');
  });

  it('serves the same rows as JSON, saying its licence, when and how complete', async () => {
    for (const name of ['startups', 'phases']) {
      const json = (await (await get(`/donnees/${name}.json`)).json()) as {
        licences: { name: string }[];
        attribution: string;
        genere_le: string;
        donnees: Record<string, unknown>[];
        complet: boolean;
        partenaires_indisponibles: string[];
      };
      const csv = parse(await (await get(`/donnees/${name}.csv`)).text(), { columns: true }) as Record<string, string>[];
      expect(json.licences.map((l) => l.name)).toEqual(['etalab-2.0', 'CC-BY-NC-SA-4.0']);
      expect(json.attribution).toContain('beta.gouv.fr / DINUM');
      expect(Date.now() - Date.parse(json.genere_le)).toBeLessThan(60_000);
      expect(json.complet).toBe(true);
      expect(json.partenaires_indisponibles).toEqual([]);
      expect(json.donnees).toHaveLength(csv.length);
      // The CSV spells every value as text (empty for none); the JSON keeps its type.
      const asCsv = (row: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '' : String(v)]));
      expect(json.donnees.map(asCsv)).toEqual(csv);
    }
  });

  it('serves each table ready for French Excel: byte order mark, semicolons, French titles and labels, the incubator’s name', async () => {
    const response = await get('/donnees/startups.excel.csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="startups-excel.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The byte order mark is what makes Excel read UTF-8 (fetch's text() would hide it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const excel = parse(text, { columns: true, delimiter: ';' }) as Record<string, string>[];
    const csv = parse(await (await get('/donnees/startups.csv')).text(), { columns: true }) as Record<string, string>[];
    expect(excel).toHaveLength(csv.length);
    const incubatorNames = new Map(
      (parse(await (await get('/donnees/incubateurs.csv')).text(), { columns: true }) as { id: string; nom: string }[]).map((i) => [
        i.id,
        i.nom,
      ]),
    );
    const labels: Record<string, string> = { ACCELERATION: 'Accélération', TRANSFERRED: 'Transférée', ABANDONED: 'Arrêtée' };
    excel.forEach((row, i) => {
      const same = csv[i] as Record<string, string>;
      expect(row.Identifiant).toBe(same.id);
      expect(row.Nom).toBe(same.nom);
      expect(row['Phase actuelle']).toBe(same.phase);
      if (labels[same.phase as string]) expect(row['Phase actuelle (libellé)']).toBe(labels[same.phase as string]);
      expect(row['Phase actuelle (libellé)']).not.toMatch(/^[A-Z_]+$/);
      expect(row.Active).toBe(same.active === 'true' ? 'oui' : 'non');
      expect(row['Incubateur (nom)']).toBe(incubatorNames.get(same.incubateur_id as string));
      expect(same.incubateur).toBe(row['Incubateur (nom)']);
    });
    expect(excel.some((row) => row['Phase actuelle (libellé)'] === 'Accélération')).toBe(true);
    // A field holding the separator or a quote is quoted, as Excel reads it back.
    expect(excel.some((row) => row.Pitch?.includes(';') || row.Pitch?.includes('"'))).toBe(
      csv.some((row) => row.pitch?.includes(';') || row.pitch?.includes('"')),
    );
  });

  it('publishes no personal data: no export, feed or page holds a member’s name or e-mail address', { timeout: 180_000 }, async () => {
    const incubators = (parse(await (await get('/donnees/incubateurs.csv')).text(), { columns: true }) as { id: string }[]).map(
      (i) => i.id,
    );
    const paths = [
      '/donnees/',
      '/donnees/datapackage.json',
      '/donnees/journal-du-graphe',
      '/donnees/flux/programme.atom',
      '/donnees/flux/programme.json',
      ...incubators.map((id) => `/donnees/flux/incubateurs/${id}.atom`),
      ...['incubateurs', 'startups', 'phases', 'evenements', 'apis', 'liens_startups_apis'].flatMap((t) => [
        `/donnees/${t}.csv`,
        `/donnees/${t}.json`,
      ]),
    ];
    // The detector finds what it must (the sponsor record that is a person, left out by the import).
    expect(personalIn('Sponsor : Bruno Chiocchia, direction')).toHaveLength(1);
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(personalIn(await response.text()), path).toEqual([]);
    }
  });

  it('gives the programme’s events as Atom and JSON Feed, with ids that do not change', async () => {
    const atom = await get('/donnees/flux/programme.atom');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const { feed, entries } = validateAtom(await atom.text());
    expect(feed.links).toContainEqual({ rel: 'self', href: `${origin}/donnees/flux/programme.atom` });
    expect(entries).toHaveLength(100);
    expect([...entries].sort((a, b) => b.updated.localeCompare(a.updated))).toEqual(entries);
    expect(new Set(entries.flatMap((e) => e.categories))).toContain('phase-change');

    const json = (await (await get('/donnees/flux/programme.json')).json()) as { version: string; items: { id: string }[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.map((i) => i.id)).toEqual(entries.map((e) => e.id));
    // Asked again, the same events under the same ids: a reader shows nothing twice.
    expect(validateAtom(await (await get('/donnees/flux/programme.atom')).text()).entries.map((e) => e.id)).toEqual(
      entries.map((e) => e.id),
    );

    const mtes = validateAtom(await (await get('/donnees/flux/incubateurs/mtes.atom')).text());
    expect(mtes.entries.length).toBeGreaterThan(0);
    for (const e of mtes.entries) expect(e.links[0]?.href).toMatch(/#\/(startups\/mtes\/|apis\/)/);
    const unknown = await get('/donnees/flux/incubateurs/nulle-part.atom');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('answers HEAD without walking the graph, readable from any origin, and every incubator has its feed', async () => {
    const calls = stack.gateway.partnerCalls.total();
    const head = await get('/donnees/startups.csv', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(head.headers.get('link')).toContain('rel="describedby"');
    expect(stack.gateway.partnerCalls.total()).toBe(calls);
    const csv = await get('/donnees/incubateurs.csv', { headers: { origin: 'https://www.data.gouv.fr' } });
    expect(csv.headers.get('access-control-allow-origin')).toBe('*');
    expect(csv.headers.get('access-control-expose-headers')).toContain('gouvgraph-missing-partners');
    expect(csv.headers.get('cache-control')).toBe('public, max-age=60');
    const preflight = await get('/donnees/startups.csv', {
      method: 'OPTIONS',
      headers: { origin: 'https://www.data.gouv.fr', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    expect((await get('/donnees/flux/incubateurs/nulle-part.atom', { method: 'HEAD' })).status).toBe(404);
    // Ids as the partners have them: capitals, dots.
    const ids = (parse(await csv.text(), { columns: true }) as { id: string }[]).map((i) => i.id);
    for (const id of ids.filter((i) => /[A-Z.]/.test(i))) {
      const feed = await get(`/donnees/flux/incubateurs/${id}.atom`);
      expect(feed.status, id).toBe(200);
      validateAtom(await feed.text());
    }
    expect(ids.filter((i) => /[A-Z.]/.test(i)).length).toBeGreaterThan(0);
  });

  it('leaves out of the feeds what the data dates after today, until its day', async () => {
    const today = parisToday();
    const phases = parse(await (await get('/donnees/phases.csv')).text(), { columns: true }) as Record<string, string>[];
    const planned = phases
      .filter((p) => (p.debut ?? '') > today && p.rang !== '1')
      .map((p) => `tag:gouvgraph.beta.gouv.fr,2026:startup/${p.startup_id}/phase/${p.phase}/${p.debut}`);
    const feed = validateAtom(await (await get('/donnees/flux/programme.atom')).text()).entries;
    expect(feed.every((e) => e.updated.slice(0, 10) <= today)).toBe(true);
    for (const id of planned) expect(feed.map((e) => e.id)).not.toContain(id);
  });

  it('shows a phase change recorded through the gateway in the feed and in the next export', async () => {
    const found = await graphql(
      stack.gateway.url,
      '{ startups(first: 1, filter: { incubator: "mtes", phase: CONSTRUCTION }) { edges { node { id phases { phase } } } } }',
    );
    const startup = (found.data?.startups as { edges: { node: { id: string; phases: unknown[] } }[] }).edges[0]?.node;
    expect(startup).toBeDefined();
    const id = startup?.id ?? '';
    const before = validateAtom(await (await get('/donnees/flux/incubateurs/mtes.atom')).text()).entries.map((e) => e.id);

    const today = parisToday();
    const recorded = await graphql(
      stack.gateway.url,
      'mutation($id: ID!, $today: Date!) { recordPhaseChange(startupId: $id, phase: ACCELERATION, start: $today) { phase } }',
      { id, today },
    );
    expect(recorded.errors).toBeUndefined();

    // Today's news, at the top of the feed (events planned for later wait for their day).
    const after = validateAtom(await (await get('/donnees/flux/programme.atom')).text()).entries;
    const expectedId = `tag:gouvgraph.beta.gouv.fr,2026:startup/${id}/phase/ACCELERATION/${today}`;
    // The day starts at midnight in Paris: the instant carries its offset.
    expect(after.find((e) => e.id === expectedId)).toMatchObject({
      updated: expect.stringMatching(new RegExp(`^${today}T00:00:00\\+0[12]:00$`)),
      categories: ['phase-change'],
    });
    expect(after[0]?.updated.slice(0, 10)).toBe(today);
    // The events seen before keep their ids in the incubator's feed: a reader gets one new entry.
    const mtesAfter = validateAtom(await (await get('/donnees/flux/incubateurs/mtes.atom')).text()).entries.map((e) => e.id);
    expect(mtesAfter).toContain(expectedId);
    expect(mtesAfter.filter((e) => e !== expectedId)).toEqual(before.slice(0, mtesAfter.length - 1));

    const startups = parse(await (await get('/donnees/startups.csv')).text(), { columns: true }) as Record<string, string>[];
    expect(startups.find((s) => s.id === id)).toMatchObject({ phase: 'ACCELERATION', debut_phase: today });
    const phases = parse(await (await get('/donnees/phases.csv')).text(), { columns: true }) as Record<string, string>[];
    expect(phases.filter((p) => p.startup_id === id).at(-1)).toEqual({
      startup_id: id,
      incubateur_id: 'mtes',
      rang: String((startup?.phases.length ?? 0) + 1),
      phase: 'ACCELERATION',
      debut: today,
      fin: '',
    });
  });

  it('publishes the changelog of the graph as a page and an Atom feed', async () => {
    const page = await get('/donnees/journal-du-graphe');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toMatch(/Première version publiée\u00a0: \d+ types/);
    // Within the open data site, in the design system: the way back to it and to the dashboard.
    expect(html).toContain('<a class="fr-nav__link" href="/donnees/" aria-current="true">Données ouvertes</a>');
    expect(html).toMatch(
      /href="\/">Accueil<\/a><\/li>\s*<li><a class="fr-breadcrumb__link" href="\/donnees\/">Données ouvertes<\/a><\/li>\s*<li><a class="fr-breadcrumb__link" aria-current="page">Journal des versions du graphe</,
    );
    const { entries } = validateAtom(await (await get('/donnees/journal-du-graphe.atom')).text());
    expect(entries).toHaveLength(1);
  });

  it('writes the same files for data.gouv.fr from the command line', { timeout: 180_000 }, async () => {
    const out = join(dir, 'cli');
    const run = await exportWithCli(out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`complete export in ${out}`);
    const datapackage = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as {
      resources: Resource[];
      complet: boolean;
      partenaires_indisponibles: string[];
    };
    expect(datapackage).toMatchObject({ complet: true, partenaires_indisponibles: [] });
    for (const resource of datapackage.resources.filter((r) => r.format === 'csv')) {
      const served = await (await get(`/donnees/${resource.path}`)).text();
      expect(readFileSync(join(out, resource.path), 'utf8'), resource.path).toBe(served);
      expect(JSON.parse(readFileSync(join(out, resource.schema), 'utf8'))).toEqual(await (await get(`/donnees/${resource.schema}`)).json());
      const json = JSON.parse(readFileSync(join(out, `${resource.name}.json`), 'utf8')) as { donnees: unknown[] };
      expect(json.donnees.length + 1, resource.name).toBe(served.split('\r\n').length - 1);
    }
    expect(readdirSync(out).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('names a partner that did not answer in every export and feed, and leaves out only its rows', { timeout: 180_000 }, async () => {
    const anct = stack.partners.find((p) => p.partnerId === 'anct');
    const all = parse(await (await get('/donnees/startups.csv')).text(), { columns: true }) as Record<string, string>[];
    await anct?.stop();

    const csv = await get('/donnees/startups.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('gouvgraph-complete')).toBe('false');
    expect(csv.headers.get('gouvgraph-missing-partners')).toBe('anct');
    // Not kept by shared caches: the next reader may get the whole file.
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(all.filter((s) => s.incubateur_id !== 'anct'));

    const json = (await (await get('/donnees/evenements.json')).json()) as { complet: boolean; partenaires_indisponibles: string[] };
    expect(json).toMatchObject({ complet: false, partenaires_indisponibles: ['anct'] });
    const datapackage = (await (await get('/donnees/datapackage.json')).json()) as {
      complet: boolean;
      partenaires_indisponibles: string[];
      description: string;
    };
    expect(datapackage).toMatchObject({ complet: false, partenaires_indisponibles: ['anct'] });
    expect(datapackage.description).toContain('EXPORT PARTIEL');
    const feed = await get('/donnees/flux/programme.atom');
    expect(feed.headers.get('gouvgraph-missing-partners')).toBe('anct');
    expect(validateAtom(await feed.text()).entries.some((e) => e.id.includes('/startup/anct/'))).toBe(false);
    // Its own feed: empty, and saying why.
    const own = await get('/donnees/flux/incubateurs/anct.atom');
    expect(own.status).toBe(200);
    expect(own.headers.get('gouvgraph-complete')).toBe('false');
    expect(validateAtom(await own.text()).entries).toEqual([]);

    // The command line refuses to call a partial export done: it leaves the files aside, the
    // previous export in place, unless told to publish it as partial.
    const out = join(dir, 'cli');
    const previous = readFileSync(join(out, 'datapackage.json'), 'utf8');
    const run = await exportWithCli(out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PARTIAL export: anct did not answer');
    expect(readFileSync(join(out, 'datapackage.json'), 'utf8')).toBe(previous);
    expect(JSON.parse(readFileSync(join(out, 'datapackage.json.part'), 'utf8'))).toMatchObject({
      complet: false,
      partenaires_indisponibles: ['anct'],
    });
    const allowed = await exportWithCli(out, ['--allow-partial']);
    expect(allowed.status).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'))).toMatchObject({
      complet: false,
      partenaires_indisponibles: ['anct'],
    });
  });
});
