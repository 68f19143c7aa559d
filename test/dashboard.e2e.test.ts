/**
 * The government dashboard in a real browser (Debian's Chromium, headless) over the real graph:
 * its numbers are the graph's, the API explorer searches as you type, the pages pass an automated
 * accessibility check, nothing is loaded from outside, only registered operations are sent, and a
 * partner that stops answering is named on the page. Screenshots of each page go to
 * test/screenshots/.
 */
import { startGateway } from '@gouvgraph/gateway';
import { startStack, type Stack } from '@gouvgraph/stack';
import { graphql, startIndependentPartner } from '@gouvgraph/testing';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const number = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ database: { kind: 'pglite' } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Watched {
  page: Page;
  /** Requests to anything but the gateway. */
  outside: string[];
  /** What the page sent to the graph. */
  sent: Record<string, unknown>[];
}

async function open(path: string): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watched: Watched = { page, outside: [], sent: [] };
  page.on('request', (request) => {
    if (!request.url().startsWith(stack.gateway.origin)) watched.outside.push(request.url());
    if (new URL(request.url()).pathname === '/graphql')
      watched.sent.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
  });
  await page.goto(`${stack.gateway.origin}${path}`);
  return watched;
}

/** Serious or critical WCAG 2 A/AA violations axe-core finds on the page as it is. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // Run in the page, as text: this test's own code knows nothing of the DOM's types.
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };
  const violations = (await page.evaluate(
    `axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`,
  )) as { id: string; impact: string; nodes: number }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes} elements)`);
}

const figure = (page: Page, id: string) => page.locator(`[data-figure="${id}"] .gg-figure__value`).innerText();

/** The page's breadcrumb: « Accueil » first, the current page last (its h1), marked as such. */
async function expectBreadcrumb(page: Page): Promise<void> {
  const crumbs = page.locator('nav.fr-breadcrumb li a');
  expect(await crumbs.first().innerText()).toBe('Accueil');
  expect(await crumbs.first().getAttribute('href')).toBe('#/');
  const current = page.locator('nav.fr-breadcrumb [aria-current="page"]');
  expect(await current.count()).toBe(1);
  expect(await current.innerText()).toBe(await page.locator('h1').innerText());
  expect(await crumbs.last().getAttribute('aria-current')).toBe('page');
}

/** `rgb(r, g, b)` → its relative luminance (WCAG 2). */
function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return ((x ?? 0) + 0.05) / ((y ?? 0) + 0.05);
};
/** Whether an `rgb(…)` colour reads as green: a hue between yellow-green and cyan, and not grey. */
function isGreen(rgb: string): boolean {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number).map((v) => v / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === 0 || (max - min) / max < 0.2) return false; // grey: no hue to speak of
  const hue =
    max === g ? 60 * ((b - r) / (max - min) + 2) : max === r ? 60 * (((g - b) / (max - min) + 6) % 6) : 60 * ((r - g) / (max - min) + 4);
  return hue >= 70 && hue <= 170;
}

/**
 * Every text of every chart, as drawn: inside its chart, the chart inside the window, and each
 * label whole (its lines put back together).
 */
function chartTexts(page: Page) {
  return page.locator('figure.gg-chart svg[role="img"]').evaluateAll((charts) =>
    charts.map((chart) => {
      const box = chart.getBoundingClientRect();
      const texts = [...chart.querySelectorAll('text')].map((text) => {
        const r = text.getBoundingClientRect();
        return {
          text: [...text.querySelectorAll('tspan')].map((t) => t.textContent).join(' '),
          tick: text.classList.contains('gg-chart__tick'),
          inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5,
          where: [r.left, r.top, r.right, r.bottom, box.left, box.top, box.right, box.bottom].map(Math.round).join(' '),
        };
      });
      return {
        id: chart.getAttribute('aria-describedby'),
        left: box.left,
        right: box.right,
        window: chart.ownerDocument.documentElement.clientWidth,
        texts,
      };
    }),
  );
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')('the dashboard in a browser', () => {
  it('shows the programme with the graph’s own numbers, loading nothing from outside and sending only registered ids', async () => {
    const { page, outside, sent } = await open('/');
    await page.locator('[data-figure="startups"]').waitFor({ timeout: 20_000 });
    const truth = await graphql(
      stack.gateway.url,
      `{ incubators { name all: startups(first: 0) { totalCount } active: startups(first: 0, filter: { active: true }) { totalCount } }
         startups(first: 0) { totalCount } active: startups(first: 0, filter: { active: true }) { totalCount }
         acceleration: startups(first: 0, filter: { phase: ACCELERATION }) { totalCount }
         apis(first: 0) { totalCount } }`,
    );
    const d = truth.data;
    expect(await figure(page, 'incubators')).toBe(number(d.incubators.length));
    expect(await figure(page, 'startups')).toBe(number(d.startups.totalCount));
    expect(await figure(page, 'active')).toBe(number(d.active.totalCount));
    expect(await figure(page, 'ended')).toBe(number(d.startups.totalCount - d.active.totalCount));
    expect(await figure(page, 'apis')).toBe(number(d.apis.totalCount));
    const acceleration = page.locator('#table-phases tr', { hasText: 'Accélération' }).locator('td').nth(1);
    expect(await acceleration.innerText()).toBe(number(d.acceleration.totalCount));
    // The incubator table, sorted by number of startups: its first row is the graph's largest incubator.
    const largest = [...d.incubators].sort(
      (a: { all: { totalCount: number } }, b: { all: { totalCount: number } }) => b.all.totalCount - a.all.totalCount,
    )[0];
    const firstRow = page.locator('#table-incubateurs tbody tr').first().locator('td');
    expect(await firstRow.nth(0).innerText()).toBe(largest.name);
    expect(await firstRow.nth(1).innerText()).toBe(number(largest.all.totalCount));
    expect(await firstRow.nth(2).innerText()).toBe(number(largest.active.totalCount));
    await page.screenshot({ path: `${SCREENSHOTS}vue-d-ensemble.png` });
    // Sorting by name, from the keyboard: the focus stays on the button pressed, the order is said.
    const byName = page.locator('#table-incubateurs th button').first();
    const focused = () => byName.evaluate((button) => button.ownerDocument.activeElement === button);
    await byName.focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toBe(true);
    expect(await page.locator('#table-incubateurs th').first().getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('#table-incubateurs [role="status"]').innerText()).toBe('Tableau trié par Incubateur, ordre croissant.');
    const names = [...d.incubators.map((i: { name: string }) => i.name)].sort((a: string, b: string) => a.localeCompare(b, 'fr'));
    expect(await page.locator('#table-incubateurs tbody tr td:first-child').first().innerText()).toBe(names[0]);
    await page.keyboard.press('Enter');
    expect(await focused()).toBe(true);
    expect(await page.locator('#table-incubateurs th').first().getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('#table-incubateurs tbody tr td:first-child').first().innerText()).toBe(names.at(-1));
    // The home page has no breadcrumb.
    expect(await page.locator('.fr-breadcrumb').count()).toBe(0);
    // Charts are drawn, each with its table as text alternative.
    expect(await page.locator('figure.gg-chart svg[role="img"]').count()).toBe(4);
    for (const chart of await page.locator('figure.gg-chart svg[role="img"]').all())
      expect(await page.locator(`#${await chart.getAttribute('aria-describedby')} table`).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) {
      expect(body).not.toHaveProperty('query');
      expect(body).toHaveProperty('extensions.persistedQuery.sha256Hash');
    }
    await page.close();
  });

  it('searches the API catalogue as you type, filters it, and opens an API', async () => {
    const { page } = await open('/#/apis');
    await page.locator('#recherche').pressSequentially('adresse', { delay: 30 });
    const truth = (await graphql(stack.gateway.url, '{ apis(search: "adresse", first: 20) { totalCount edges { node { id title } } } }'))
      .data.apis;
    await page.getByText(`${number(truth.totalCount)} API pour « adresse »`).waitFor({ timeout: 10_000 });
    const titles = await page.locator('#resultats .fr-card__title').allInnerTexts();
    expect(titles).toEqual(truth.edges.map((e: { node: { title: string } }) => e.node.title));
    expect(page.url()).toContain('#/apis?q=adresse');

    await page.locator('#acces').selectOption('OPEN');
    const openAccess = (await graphql(stack.gateway.url, '{ apis(search: "adresse", filter: { access: OPEN }, first: 0) { totalCount } }'))
      .data.apis.totalCount;
    await page.getByText(`${number(openAccess)} API pour « adresse »`).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${SCREENSHOTS}explorer-les-api.png` });
    await expectBreadcrumb(page);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Nothing found: said plainly.
    await page.locator('#recherche').fill('zzzzqqq');
    await page.getByText('Aucune API trouvée').waitFor({ timeout: 10_000 });

    await page.goto(`${stack.gateway.origin}/#/apis/${encodeURIComponent(truth.edges[0].node.id)}`);
    await page.locator('h1', { hasText: truth.edges[0].node.title }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('link', { name: /Fiche sur api\.gouv\.fr/ }).count()).toBe(1);
    await expectBreadcrumb(page);
    expect(await page.locator('nav.fr-breadcrumb a[href="#/apis"]').innerText()).toBe('Explorer les API');
    await page.screenshot({ path: `${SCREENSHOTS}api.png` });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('opens an incubator from the overview, then a startup: its phases, committees, sponsors and APIs as the graph has them', async () => {
    const { page } = await open('/');
    const truth = (
      await graphql(
        stack.gateway.url,
        '{ incubator(id: "mtes") { name startups(first: 0) { totalCount } active: startups(first: 0, filter: { active: true }) { totalCount } } }',
      )
    ).data.incubator;
    await page.locator('#table-incubateurs a', { hasText: truth.name }).click();
    await page.locator('h1', { hasText: truth.name }).waitFor({ timeout: 10_000 });
    expect(page.url()).toContain('#/incubateurs/mtes');
    expect(await figure(page, 'startups')).toBe(number(truth.startups.totalCount));
    expect(await figure(page, 'active')).toBe(number(truth.active.totalCount));
    expect(await page.locator('#table-startups tbody tr').count()).toBe(truth.startups.totalCount);
    const about = await page.locator('#contenu').innerText();
    expect(about).toMatch(/Porté par\u00a0: \S/);
    await expectBreadcrumb(page);
    expect(about).not.toMatch(/&quot;|\*\*|##|<\/?[A-Za-z][^>]*>/);
    await page.screenshot({ path: `${SCREENSHOTS}incubateur.png` });
    expect(await accessibilityViolations(page)).toEqual([]);

    // A startup that publishes an API, from the catalogue.
    const built = (
      await graphql(stack.gateway.url, '{ apis(first: 100) { edges { node { title builtBy { id } } } } }')
    ).data.apis.edges.find((e: { node: { builtBy: { id: string } | null } }) => e.node.builtBy).node;
    const startup = (
      await graphql(
        stack.gateway.url,
        'query($id: ID!) { startup(id: $id) { name incubator { name } phases { phase } events { kind } sponsors { name } } }',
        { id: built.builtBy.id },
      )
    ).data.startup;
    await page.goto(`${stack.gateway.origin}/#/startups/${built.builtBy.id}`);
    await page.locator('h1', { hasText: startup.name }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#phases li').count()).toBe(startup.phases.length);
    expect(await page.getByRole('link', { name: built.title }).count()).toBe(1);
    expect(await page.locator('.fr-breadcrumb').innerText()).toContain(startup.incubator.name);
    await expectBreadcrumb(page);
    for (const sponsor of startup.sponsors) expect(await page.getByText(sponsor.name, { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}startup.png` });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows an API’s texts rendered from the catalogue’s Markdown, its access request first, and who may use an open one', async () => {
    type Node = {
      id: string;
      title: string;
      description: string | null;
      access: string;
      accessRequest: string | null;
      page: string;
      eligibility: { description: string | null }[];
    };
    const catalogue: Node[] = [];
    for (let after: string | null = null; ; ) {
      const page: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (
        await graphql(
          stack.gateway.url,
          'query($after: String) { apis(first: 100, after: $after) { edges { node { id title description access accessRequest page eligibility { description } } } pageInfo { hasNextPage endCursor } } }',
          { after },
        )
      ).data.apis;
      catalogue.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // An API whose presentation has Markdown and an <External> link early enough to survive the source's cut.
    const EXTERNAL = /<External href="([^"]+)">([^<]+)<\/External>/;
    const rich = catalogue.find((a) => EXTERNAL.test(a.description?.slice(0, 400) ?? '') && /\*\*|^#/m.test(a.description ?? ''));
    const [, linkHref, linkText] = EXTERNAL.exec(rich?.description ?? '') ?? [];
    expect(rich && linkHref && linkText).toBeTruthy();
    if (!rich || !linkHref || !linkText) return;
    expect([...(rich.description ?? '')].length).toBe(600); // cut by the source: the page links to the rest

    const { page, outside } = await open(`/#/apis/${encodeURIComponent(rich.id)}`);
    await page.locator('h1', { hasText: rich.title }).waitFor({ timeout: 10_000 });
    const shown = await page.locator('#contenu').innerText();
    expect(shown).not.toMatch(/###|\*\*|<External|<Button|<NextSteps|<\/?[A-Z][a-z]+/);
    const link = page.getByRole('link', { name: linkText.trim(), exact: true });
    expect(await link.getAttribute('href')).toBe(new URL(linkHref).href);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    const more = page.getByRole('link', { name: 'Lire la suite sur api.gouv.fr' });
    expect(await more.getAttribute('href')).toBe(rich.page);
    // One h1; the text's headings under the section's h2, and no level skipped on the way down.
    expect(await page.locator('#contenu h1').count()).toBe(1);
    expect(await page.locator('.gg-prose h1, .gg-prose h2').count()).toBe(0);
    const levels = await page.locator('#contenu :is(h1, h2, h3, h4, h5, h6)').evaluateAll((hs) => hs.map((x) => Number(x.tagName[1])));
    for (let i = 1; i < levels.length; i++) expect(levels[i] ?? 0, levels.join(',')).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}api-markdown.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}api-markdown-390.png`, fullPage: true });

    // An API behind an access request: the request is the first action, the primary button; the
    // catalogue's <Button> and <External> in who may use it are a button and a link.
    const BUTTON = /<Button href="([^"]+)"[^>]*>([^<]+)<\/Button>/;
    const gated = catalogue.find(
      (a) => a.accessRequest && a.eligibility.some((e) => BUTTON.test(e.description ?? '') && EXTERNAL.test(e.description ?? '')),
    );
    const [, buttonHref, buttonText] = gated?.eligibility.map((e) => BUTTON.exec(e.description ?? '')).find(Boolean) ?? [];
    expect(gated && buttonHref && buttonText).toBeTruthy();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.gateway.origin}/#/apis/${encodeURIComponent(gated?.id ?? '')}`);
    await page.locator('h1', { hasText: gated?.title ?? '' }).waitFor({ timeout: 10_000 });
    const first = page.locator('#actions a').first();
    expect(await first.innerText()).toBe('Demander l’accès');
    expect(await first.getAttribute('href')).toBe(gated?.accessRequest);
    expect(await first.getAttribute('class')).toBe('fr-btn');
    expect(await page.locator('#actions a.fr-btn:not(.fr-btn--secondary):not(.fr-btn--tertiary)').count()).toBe(1);
    const button = page.locator('.gg-eligibility a.fr-btn', { hasText: buttonText?.trim() ?? '' }).first();
    expect(await button.getAttribute('href')).toBe(new URL(buttonHref ?? '', 'https://api.gouv.fr').href);
    expect(await page.locator('#contenu').innerText()).not.toMatch(/<External|<Button|<NextSteps|<QuestionTree|\*\*|###/);
    // The producer's contact, where api.gouv.fr publishes it (the graph gives it to signed-in agents only).
    expect(await page.getByRole('link', { name: /Contacter le producteur/ }).getAttribute('href')).toBe(gated?.page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}api-acces.png`, fullPage: true });

    // An open API that the catalogue says nothing more about is open to all.
    const openToAll = catalogue.find((a) => a.access === 'OPEN' && a.eligibility.length === 0);
    await page.goto(`${stack.gateway.origin}/#/apis/${encodeURIComponent(openToAll?.id ?? '')}`);
    await page.locator('h1', { hasText: openToAll?.title ?? '' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#contenu').innerText()).toContain('Ouverte à tous');
    expect(await page.locator('#contenu').innerText()).not.toContain('Le catalogue ne le précise pas');
    expect(await page.locator('.fr-badge', { hasText: /accès\s:\souvert/i }).count()).toBe(1);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shows a startup’s presentation rendered from its Markdown, its funding and its team’s links', async () => {
    type Node = {
      id: string;
      slug: string;
      name: string;
      description: string | null;
      website: string | null;
      repository: string | null;
      fastFunding: { round: number | null; amountEuros: number | null } | null;
    };
    let found: Node | undefined;
    for (let after: string | null = null; !found; ) {
      const page: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (
        await graphql(
          stack.gateway.url,
          'query($after: String) { startups(first: 100, after: $after) { edges { node { id slug name description website repository fastFunding { round amountEuros } } } pageInfo { hasNextPage endCursor } } }',
          { after },
        )
      ).data.startups;
      // Markdown, a text the source cut, FAST funding with its amount, a website and a repository.
      found = page.edges
        .map((e) => e.node)
        .find(
          (s) =>
            /\*\*|^#/m.test(s.description ?? '') &&
            [...(s.description ?? '')].length === 600 &&
            s.fastFunding?.amountEuros &&
            s.website &&
            s.repository,
        );
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(found).toBeDefined();
    if (!found) return;
    const { page, outside } = await open(`/#/startups/${found.id}`);
    await page.locator('h1', { hasText: found.name }).waitFor({ timeout: 10_000 });
    const shown = await page.locator('#contenu').innerText();
    expect(shown).not.toMatch(/##|\*\*|<\/?[A-Za-z][^>]*>|\]\(/);
    expect(await page.getByRole('link', { name: 'Lire la suite sur beta.gouv.fr' }).getAttribute('href')).toBe(
      `https://beta.gouv.fr/startups/${found.slug}.html`,
    );
    const amount = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
      found.fastFunding?.amountEuros ?? 0,
    );
    const funding = (await page.locator('h2:has-text("Financement") + p').innerText()).replace(/\s/g, ' ');
    expect(funding).toContain(amount.replace(/\s/g, ' '));
    if (found.fastFunding?.round) expect(funding).toContain(`promotion ${found.fastFunding.round}`);
    expect(await page.getByRole('link', { name: 'Le service', exact: true }).getAttribute('href')).toBe(found.website);
    expect(await page.getByRole('link', { name: 'Code source', exact: true }).getAttribute('href')).toBe(found.repository);
    expect(await page.locator('#contenu h1').count()).toBe(1);
    expect(await page.locator('.gg-prose h1, .gg-prose h2').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}startup-markdown.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}startup-markdown-390.png`, fullPage: true });
    expect(outside).toEqual([]);
    await page.close();
  });

  // The startup finder (#/startups): its numbers and rows are the graph's for the same arguments.
  const FINDER_PAGE = `query($filter: StartupFilter, $orderBy: StartupOrder, $after: String) {
    startups(filter: $filter, orderBy: $orderBy, first: 20, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
  type FinderTruth = { totalCount: number; edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  const finderTruth = async (variables: Record<string, unknown>): Promise<FinderTruth> =>
    (await graphql(stack.gateway.url, FINDER_PAGE, variables)).data.startups;
  const names = (truth: FinderTruth) => truth.edges.map((e) => e.node.name);
  /** Waits until the finder's live region says exactly `text`. */
  const finderSays = (page: Page, text: string) =>
    page
      .locator('#resultats-nombre')
      .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .waitFor({ timeout: 15_000 });
  const startupsCount = (n: number) => `${number(n)} startup${n > 1 ? 's' : ''}`;
  const cardTitles = (page: Page) => page.locator('#resultats .fr-card__title').allInnerTexts();

  it('finds startups as the graph does: phase, search without accents or case, year, incubator and thematic, all kept in the address', async () => {
    const { page, outside, sent } = await open('/#/startups?phase=ACCELERATION');
    const acceleration = await finderTruth({ filter: { phase: 'ACCELERATION' } });
    expect(acceleration.totalCount).toBeGreaterThan(0);
    await finderSays(page, startupsCount(acceleration.totalCount));
    expect(await cardTitles(page)).toEqual(names(acceleration));
    expect(await page.locator('#phase').inputValue()).toBe('ACCELERATION');
    expect(await page.locator('.fr-nav__link[aria-current="page"]').innerText()).toBe('Startups');

    // Typed without its accent and in capitals, a word finds what the graph finds for it written right.
    await page.locator('#phase').selectOption('');
    await page.locator('#recherche').pressSequentially('CONTROLE', { delay: 30 });
    const controle = await finderTruth({ filter: { search: 'contrôle' } });
    expect(controle.totalCount).toBeGreaterThan(1);
    await finderSays(page, `${startupsCount(controle.totalCount)} pour « CONTROLE »`);
    expect(await cardTitles(page)).toEqual(names(controle));
    expect(page.url()).toContain('#/startups?q=CONTROLE');

    // A year of entry, then an incubator beside it: each option says how many, and the list has that many.
    await page.locator('#recherche').fill('');
    const year = await finderTruth({ filter: { startedIn: 2021 } });
    await page.locator('#annee').selectOption('2021');
    await finderSays(page, startupsCount(year.totalCount));
    expect(await page.locator('#annee option[value="2021"]').innerText()).toBe(`2021 (${number(year.totalCount)})`);
    const mtes = await finderTruth({ filter: { startedIn: 2021, incubator: 'mtes' } });
    await page.locator('#incubateur').selectOption('mtes');
    await finderSays(page, startupsCount(mtes.totalCount));
    expect(await cardTitles(page)).toEqual(names(mtes));
    expect(page.url()).toMatch(/incubateur=mtes&annee=2021$/);

    // Reloaded, the address gives the same page.
    await page.reload();
    await finderSays(page, startupsCount(mtes.totalCount));
    expect(await cardTitles(page)).toEqual(names(mtes));
    expect(await page.locator('#incubateur').inputValue()).toBe('mtes');
    expect(await page.locator('#annee').inputValue()).toBe('2021');

    // A thematic spelt several ways (« Éducation », « Education ») is one choice counting them all, as the filter finds them.
    const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
    const spellings = new Map<string, Map<string, number>>();
    for (const incubator of (await graphql(stack.gateway.url, '{ incubators { thematics { name startups } } }')).data.incubators)
      for (const t of incubator.thematics as { name: string; startups: number }[]) {
        const group = spellings.get(fold(t.name)) ?? new Map<string, number>();
        group.set(t.name, (group.get(t.name) ?? 0) + t.startups);
        spellings.set(fold(t.name), group);
      }
    const [merged] = [...spellings.values()].filter((g) => g.size > 1 && [...g.keys()].some((n) => n !== n.normalize('NFD')));
    expect(merged).toBeDefined();
    const [name = ''] = [...(merged ?? [])].sort((a, b) => b[1] - a[1])[0] ?? [];
    const sum = [...(merged ?? new Map()).values()].reduce((n: number, s: number) => n + s, 0);
    const thematic = await finderTruth({ filter: { thematic: name } });
    expect(thematic.totalCount).toBe(sum);
    await page.locator('#annee').selectOption('');
    await page.locator('#incubateur').selectOption('');
    expect(await page.locator(`#thematique option[value="${name}"]`).innerText()).toBe(`${name} (${number(sum)})`);
    await page.locator('#thematique').selectOption(name);
    await finderSays(page, startupsCount(sum));
    expect(await cardTitles(page)).toEqual(names(thematic));

    // Nothing found: said, with a way back to every startup.
    const all = await finderTruth({});
    await page.locator('#recherche').fill('zzzzqqq');
    await finderSays(page, 'Aucune startup trouvée');
    await page.locator('#resultats a', { hasText: 'Effacer les filtres' }).click();
    await finderSays(page, startupsCount(all.totalCount));
    expect(await page.locator('#recherche').inputValue()).toBe('');
    expect(await page.locator('#thematique').inputValue()).toBe('');
    expect(await cardTitles(page)).toEqual(names(all));
    expect(await page.locator('form[role="search"] a', { hasText: 'Effacer les filtres' }).isVisible()).toBe(false);

    await page.goto(`${stack.gateway.origin}/#/startups?actif=oui`);
    const active = await finderTruth({ filter: { active: true } });
    await finderSays(page, startupsCount(active.totalCount));
    expect(await page.locator('form[role="search"] a', { hasText: 'Effacer les filtres' }).isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}startups.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}startups-390.png`, fullPage: true });
    expect(outside).toEqual([]);
    for (const body of sent) expect(body).not.toHaveProperty('query');
    await page.close();
  });

  it('pages through the startups with cursors: the next page and back, by its links and by the browser, the keyboard on the results', async () => {
    const { page } = await open('/#/startups');
    const first = await finderTruth({});
    const second = await finderTruth({ after: first.pageInfo.endCursor });
    const pages = Math.ceil(first.totalCount / 20);
    expect(pages).toBeGreaterThan(2);
    const heading = page.locator('#resultats-titre');
    const focused = () => page.evaluate('document.activeElement && document.activeElement.id');
    await finderSays(page, startupsCount(first.totalCount));
    expect(await heading.innerText()).toBe(`Résultats, page 1 sur ${pages}`);
    expect(await cardTitles(page)).toEqual(names(first));

    await page.getByRole('link', { name: 'Page suivante' }).click();
    await heading.filter({ hasText: `page 2 sur ${pages}` }).waitFor({ timeout: 15_000 });
    expect(await cardTitles(page)).toEqual(names(second));
    expect(await focused()).toBe('resultats-titre');
    expect(new URL(page.url()).hash).toBe(`#/startups?apres=${first.pageInfo.endCursor}`);
    // The same page after a reload.
    await page.reload();
    await heading.filter({ hasText: `page 2 sur ${pages}` }).waitFor({ timeout: 15_000 });
    expect(await cardTitles(page)).toEqual(names(second));

    // Back, with the browser: the first page again, where the keyboard was.
    await page.goBack();
    await heading.filter({ hasText: `page 1 sur ${pages}` }).waitFor({ timeout: 15_000 });
    expect(await cardTitles(page)).toEqual(names(first));
    expect(await focused()).toBe('resultats-titre');
    await page.goForward();
    await heading.filter({ hasText: `page 2 sur ${pages}` }).waitFor({ timeout: 15_000 });
    // Page 3, then back twice by its own link, from the keyboard.
    const third = await finderTruth({ after: second.pageInfo.endCursor });
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await heading.filter({ hasText: `page 3 sur ${pages}` }).waitFor({ timeout: 15_000 });
    expect(await cardTitles(page)).toEqual(names(third));
    await page.getByRole('link', { name: 'Page précédente' }).focus();
    await page.keyboard.press('Enter');
    await heading.filter({ hasText: `page 2 sur ${pages}` }).waitFor({ timeout: 15_000 });
    expect(await cardTitles(page)).toEqual(names(second));
    await page.getByRole('link', { name: 'Page précédente' }).click();
    await heading.filter({ hasText: `page 1 sur ${pages}` }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.fr-pagination__link--prev').getAttribute('aria-disabled')).toBe('true');

    // Another order starts again from its first page.
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await heading.filter({ hasText: 'page 2' }).waitFor({ timeout: 15_000 });
    const recent = await finderTruth({ orderBy: { field: 'STARTED', direction: 'DESC' } });
    await page.locator('#tri').selectOption('debut-desc');
    await heading.filter({ hasText: `page 1 sur ${pages}` }).waitFor({ timeout: 15_000 });
    expect(await cardTitles(page)).toEqual(names(recent));
    expect(new URL(page.url()).hash).toBe('#/startups?tri=debut-desc');
    await page.close();
  });

  it('leads from every count of the overview and of an incubator to the startups it counts, in the finder', async () => {
    const { page } = await open('/');
    await page.locator('[data-figure="active"][aria-busy="false"]').waitFor({ timeout: 20_000 });
    const shown = await figure(page, 'active');
    await page.locator('[data-figure="active"] a').click();
    expect(new URL(page.url()).hash).toBe('#/startups?actif=oui');
    await finderSays(page, `${shown} startups`);
    expect(await page.locator('#actif').inputValue()).toBe('oui');
    expect(await page.evaluate('document.activeElement && document.activeElement.tagName')).toBe('H1');

    // An incubator: its figures and phases link to its startups, and its own six-month review.
    const truth = (
      await graphql(
        stack.gateway.url,
        `{ incubator(id: "mtes") { name ended: startups(first: 0, filter: { active: false }) { totalCount }
             acceleration: startups(first: 0, filter: { phase: ACCELERATION }) { totalCount } }
           programmeImpact(incubator: "mtes") { passedSixMonthShare cohorts { year startups } } }`,
      )
    ).data;
    await page.goto(`${stack.gateway.origin}/#/incubateurs/mtes`);
    await page.locator('h1', { hasText: truth.incubator.name }).waitFor({ timeout: 10_000 });
    expect(await figure(page, 'ended')).toBe(number(truth.incubator.ended.totalCount));
    await page.locator('[data-figure="six-months"][aria-busy="false"]').waitFor({ timeout: 20_000 });
    const share = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(
      truth.programmeImpact.passedSixMonthShare,
    );
    expect(await figure(page, 'six-months')).toBe(share);
    expect(await page.locator('#table-cohortes tbody tr').count()).toBe(truth.programmeImpact.cohorts.length);
    const cohort = truth.programmeImpact.cohorts.at(-1);
    expect(await page.locator('#table-cohortes a', { hasText: String(cohort.year) }).getAttribute('href')).toBe(
      `#/startups?incubateur=mtes&annee=${cohort.year}`,
    );
    const accelerating = page.locator('#table-phases tbody tr', { hasText: 'Accélération' });
    expect(await accelerating.locator('td').nth(1).innerText()).toBe(number(truth.incubator.acceleration.totalCount));
    expect(await accelerating.locator('a').getAttribute('href')).toBe('#/startups?phase=ACCELERATION&incubateur=mtes');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}incubateur-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('[data-figure="ended"] a').click();
    await finderSays(page, startupsCount(truth.incubator.ended.totalCount));
    expect(new URL(page.url()).hash).toBe('#/startups?incubateur=mtes&actif=non');
    await page.goBack();
    await page.locator('#table-phases a').first().waitFor({ timeout: 10_000 });
    const row = page.locator('#table-phases tbody tr').first();
    const phaseCount = Number((await row.locator('td').nth(1).innerText()).replace(/\s/g, ''));
    await row.locator('a').click();
    await finderSays(page, startupsCount(phaseCount));
    expect(new URL(page.url()).hash).toMatch(/^#\/startups\?phase=[A-Z_]+&incubateur=mtes$/);
    await page.close();
  });

  it('leads from its footer to the open data and the graph’s changelog: accessible pages, nothing loaded from outside', async () => {
    const { page, outside } = await open('/');
    await page.getByRole('link', { name: 'Données ouvertes (CSV, JSON, flux)' }).click();
    await page.waitForURL(`${stack.gateway.origin}/donnees/`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Données ouvertes du programme beta.gouv.fr');
    // Its rows and sizes are measured in the background: they come within seconds.
    for (let attempt = 0; attempt < 60 && (await page.locator('.gg-rows').count()) === 0; attempt++) {
      await page.waitForTimeout(1_000);
      await page.reload();
    }
    const startups = page.locator('tr[data-table="startups"]');
    expect(await startups.locator('.gg-rows').innerText()).toMatch(/^\d{1,3}(\u202f\d{3})*$/);
    expect(await startups.locator('.gg-size').allInnerTexts()).toEqual([
      expect.stringMatching(/^[\d,]+\u00a0(ko|Mo)$/),
      expect.stringMatching(/^[\d,]+\u00a0(ko|Mo)$/),
      expect.stringMatching(/^[\d,]+\u00a0(ko|Mo)$/),
    ]);
    // Every file the page offers is there.
    const links = await page.locator('a[href^="/donnees/"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    expect(links).toContain('/donnees/startups.csv');
    for (const href of links.filter((l) => /\.(csv|json)$/.test(l)))
      expect((await fetch(`${stack.gateway.origin}${href}`, { method: 'HEAD' })).status, href).toBe(200);
    // In the design system: the menu marks where the reader is; the breadcrumb and the menu lead back.
    expect(await page.locator('.fr-header .fr-nav__link[aria-current="page"]').innerText()).toBe('Données ouvertes');
    expect(await page.locator('.fr-breadcrumb a[aria-current="page"]').innerText()).toBe('Données ouvertes');
    expect(await page.evaluate('getComputedStyle(document.querySelector(".fr-header__service-title")).fontFamily')).toContain('Marianne');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}donnees.png`, fullPage: true });
    // On a phone: no page wider than the screen (the table scrolls in its own box), and the menu opens.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(390);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}donnees-390.png`, fullPage: true });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Vue d’ensemble' }).waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Fermer' }).click();
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('link', { name: 'Journal des versions du graphe' }).first().click();
    await page.waitForURL(`${stack.gateway.origin}/donnees/journal-du-graphe`);
    expect(await page.locator('article').count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    // The way back: the breadcrumb to the open data, the service's name to the dashboard.
    await page.locator('.fr-breadcrumb').getByRole('link', { name: 'Données ouvertes' }).click();
    await page.waitForURL(`${stack.gateway.origin}/donnees/`);
    await page.locator('.fr-header__service').getByRole('link').click();
    await page.waitForURL(`${stack.gateway.origin}/`);
    await page.locator('[data-figure="startups"]').waitFor({ timeout: 20_000 });
    expect(outside).toEqual([]);
    await page.close();
  });

  it('has the DSFR footer’s mandatory links, each page with its title, its breadcrumb, accessible at 1280 and 390 px', async () => {
    const { page, outside } = await open('/');
    await page.locator('[data-figure="startups"]').waitFor({ timeout: 20_000 });
    // The four gouv.fr sites the DSFR footer links to, each in a new window, said so.
    const sites = page.locator('footer .fr-footer__content-list a');
    expect(await sites.evaluateAll((links) => links.map((a) => new URL(a.getAttribute('href') ?? '').hostname))).toEqual([
      'www.info.gouv.fr',
      'www.service-public.gouv.fr',
      'www.legifrance.gouv.fr',
      'www.data.gouv.fr',
    ]);
    for (const link of await sites.all()) {
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('title')).toMatch(/nouvelle fenêtre/);
    }
    const pages = [
      ['Plan du site', '#/plan-du-site', 'Plan du site'],
      ['Accessibilité\u00a0: non conforme', '#/accessibilite', 'Déclaration d’accessibilité'],
      ['Mentions légales', '#/mentions-legales', 'Mentions légales'],
      ['Données personnelles', '#/donnees-personnelles', 'Données personnelles'],
    ] as const;
    const bottom = page.locator('footer .fr-footer__bottom-list a');
    expect((await bottom.allInnerTexts()).slice(0, 4)).toEqual(pages.map(([label]) => label));
    for (const [label, href, title] of pages) {
      const link = page.locator('footer .fr-footer__bottom-list a', { hasText: label });
      expect(await link.getAttribute('href')).toBe(href);
      await link.click();
      await page.locator('h1', { hasText: title }).waitFor({ timeout: 10_000 });
      expect(page.url()).toBe(`${stack.gateway.origin}/${href}`);
      expect(await page.title()).toMatch(/ — GouvGraph$/);
      // Reached by a link: the focus is on the page's title; no menu item is the current one.
      expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
      expect(await page.locator('.fr-nav__link[aria-current]').count()).toBe(0);
      await expectBreadcrumb(page);
      expect(await accessibilityViolations(page), href).toEqual([]);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await accessibilityViolations(page), `${href} at 390 px`).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // The statement says the level the footer says, and why: no audit.
    await page.goto(`${stack.gateway.origin}/#/accessibilite`);
    await page.locator('#etat').waitFor();
    expect(await page.locator('#etat strong').innerText()).toBe('non conforme');
    expect(await page.locator('#etat').innerText()).toContain('Aucun audit de conformité n’a été réalisé');
    const statement = await page.locator('#contenu').innerText();
    for (const part of [
      'État de conformité',
      'Résultats des tests',
      'Contenus non accessibles',
      'Voies de recours',
      'Défenseur des droits',
    ])
      expect(statement).toContain(part);
    await page.screenshot({ path: `${SCREENSHOTS}accessibilite.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}accessibilite-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Without GOUVGRAPH_PUBLIC_* at build time, what the operator must write is said, not invented.
    await page.goto(`${stack.gateway.origin}/#/mentions-legales`);
    await page.locator('h2', { hasText: 'Hébergement' }).waitFor();
    expect(await page.locator('[data-to-complete]').count()).toBe(2);
    expect(await page.locator('#contenu').innerText()).toMatch(/licence MIT[\s\S]*CC BY-NC-SA 4\.0[\s\S]*Licence Ouverte \/ Etalab 2\.0/);

    // The site map has every page of the menu and of the footer.
    await page.goto(`${stack.gateway.origin}/#/plan-du-site`);
    await page.locator('#plan').waitFor();
    const mapped = await page.locator('#plan a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const everywhere = await page
      .locator('.fr-nav__link, .fr-header__tools-links a, footer .fr-footer__bottom-list a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const href of everywhere) expect(mapped, String(href)).toContain(href);
    for (const href of mapped.filter((h) => h?.startsWith('/')))
      expect((await fetch(`${stack.gateway.origin}${href}`)).status, String(href)).toBe(200);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('draws each outcome in its own colour: what stopped is never green, every series 3:1 against the page, named in a legend', async () => {
    const { page } = await open('/');
    await page.locator('figure.gg-chart svg[role="img"]').nth(3).waitFor({ timeout: 20_000 });
    const fills = await page.locator('figure.gg-chart rect[data-series]').evaluateAll((rects) =>
      rects.map((rect) => {
        // The colour behind the chart: the first ancestor that paints one.
        let behind = 'rgb(255, 255, 255)';
        for (let e = rect.closest('figure')?.parentElement; e; e = e.parentElement) {
          const colour = e.ownerDocument.defaultView?.getComputedStyle(e).backgroundColor ?? 'transparent';
          if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') {
            behind = colour;
            break;
          }
        }
        return {
          series: rect.getAttribute('data-series') ?? '',
          fill: rect.ownerDocument.defaultView?.getComputedStyle(rect).fill ?? '',
          behind,
        };
      }),
    );
    const bySeries = new Map(fills.map((f) => [f.series, f]));
    for (const stopped of ['Se sont arrêtées', 'Terminées']) {
      const drawn = bySeries.get(stopped);
      expect(drawn, stopped).toBeDefined();
      expect(isGreen(drawn?.fill ?? ''), `${stopped}: ${drawn?.fill}`).toBe(false);
    }
    expect(isGreen(bySeries.get('Ont continué')?.fill ?? '')).toBe(true);
    // One colour per series, whichever chart it is on; what stopped looks the same on both charts.
    for (const { series, fill } of fills) expect(fill, series).toBe(bySeries.get(series)?.fill);
    expect(bySeries.get('Terminées')?.fill).toBe(bySeries.get('Se sont arrêtées')?.fill);
    for (const { series, fill, behind } of bySeries.values())
      expect(contrast(fill, behind), `${series} ${fill} on ${behind}`).toBeGreaterThanOrEqual(3);
    // Colour is not the only carrier: each series is named in the chart's legend and its table.
    for (const [table, series] of [
      ['table-cohortes', ['Ont continué', 'Se sont arrêtées', 'En attente']],
      ['table-incubateurs', ['Actives', 'Terminées']],
    ] as const) {
      const legend = await page.locator(`figure:has(svg[aria-describedby="${table}"]) .gg-legend li`).allInnerTexts();
      expect(legend).toEqual([...series]);
      const headers = await page.locator(`#${table} th`).allInnerTexts();
      for (const name of series) expect(headers.some((h) => h.startsWith(name))).toBe(true);
    }
    await page.close();
  });

  it('shows every chart label whole at 390 and 1280 px: none clipped, none outside its chart', async () => {
    const { page } = await open('/');
    const incubators = (await graphql(stack.gateway.url, '{ incubators { name } }')).data.incubators.map((i: { name: string }) => i.name);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.locator('figure.gg-chart svg[role="img"]').nth(3).waitFor({ timeout: 20_000 });
      // Drawn again at the new width.
      await page.waitForFunction(
        `[...document.querySelectorAll('figure.gg-chart')].every((f) => f.querySelector('svg[role="img"]')?.getAttribute('width') === String(Math.floor(f.clientWidth)))`,
      );
      const charts = await chartTexts(page);
      expect(charts).toHaveLength(4);
      for (const chart of charts) {
        expect(chart.left, `${chart.id} at ${width}`).toBeGreaterThanOrEqual(0);
        expect(chart.right, `${chart.id} at ${width}`).toBeLessThanOrEqual(chart.window);
        for (const text of chart.texts) expect(text.inside, `« ${text.text} » in ${chart.id} at ${width} px (${text.where})`).toBe(true);
      }
      // The incubators' chart names every incubator in full.
      const labels = charts
        .find((c) => c.id === 'table-incubateurs')
        ?.texts.filter((t) => !t.tick)
        .map((t) => t.text);
      expect(labels?.sort()).toEqual([...incubators].sort());
      expect(await accessibilityViolations(page), `at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}vue-d-ensemble-390.png`, fullPage: true });
    await page.close();
  });

  it('says plainly which partner is missing when one stops answering', async () => {
    const anct = stack.partners.find((p) => p.partnerId === 'anct');
    await anct?.stop();
    const { page } = await open('/');
    // An answer kept from before the outage may be served for the cache's 5 s: reload until the page says it.
    const notice = page.locator('.fr-alert--warning', { hasText: 'Résultat partiel' });
    for (let attempt = 0; attempt < 10 && !(await notice.isVisible()); attempt++) {
      await page.waitForTimeout(1_000);
      await page.reload();
      await page.locator('[data-figure="startups"], .fr-alert').first().waitFor({ timeout: 20_000 });
    }
    expect(await notice.innerText()).toContain('«\u00a0anct\u00a0»');
    const rest = (await graphql(stack.gateway.url, '{ startups(first: 0) { totalCount missingPartners } }')).data.startups;
    expect(rest.missingPartners).toEqual(['anct']);
    expect(await figure(page, 'startups')).toBe(number(rest.totalCount));
    await page.screenshot({ path: `${SCREENSHOTS}partenaire-absent.png` });

    // The partners' page names it too, with its error, among all the others.
    await page.goto(`${stack.gateway.origin}/#/partenaires`);
    const row = page.locator('#table-partenaires tbody tr', { hasText: 'PARTNER_UNAVAILABLE' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toMatch(/dégradé|injoignable/i);
    expect(await row.locator('a').getAttribute('href')).toBe('#/incubateurs/anct');
    expect(await page.locator('#table-partenaires tbody tr').count()).toBe(stack.partners.length);
    expect(await page.locator('#table-partenaires tbody tr', { hasText: 'Opérationnel' }).count()).toBe(stack.partners.length - 1);
    await page.screenshot({ path: `${SCREENSHOTS}partenaires.png` });
    await expectBreadcrumb(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    // It refreshes by itself, and keeps the order the reader chose.
    await page.locator('#table-partenaires th button', { hasText: 'Partenaire' }).click();
    await page.locator('h1').focus();
    const shown = await page.locator('[role="status"]', { hasText: 'mis à jour' }).innerText();
    await page.locator('[role="status"]', { hasText: 'mis à jour' }).filter({ hasNotText: shown }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#table-partenaires th').first().getAttribute('aria-sort')).toBe('ascending');
    await page.close();
  });
  it('marks a partner the gateway’s re-check found non-conforming, with the rule it broke', async () => {
    // A partner written without the kit, that returns its pages in reverse order, beside a real kit.
    const careless = await startIndependentPartner({ partnerId: 'dinum', behaviour: { kind: 'reverse-order' } });
    const mtes = stack.partners.find((p) => p.partnerId === 'mtes');
    const gateway = await startGateway({
      supergraph: { kind: 'compose', subgraphs: [] },
      partners: [
        { id: 'dinum', url: careless.url },
        { id: 'mtes', url: mtes?.url ?? '' },
      ],
      partnerRecheck: { intervalMs: 1, roundMs: 3_600_000 },
      ide: false,
    });
    try {
      await gateway.conformance?.runRound();
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${gateway.origin}/#/partenaires`);
      const row = page.locator('#table-partenaires tbody tr', { hasText: 'Non conforme' });
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator('a').getAttribute('href')).toBe('#/incubateurs/dinum');
      expect(await row.innerText()).toMatch(/ORDER|AFTER_CURSOR|CURSOR/);
      expect(await page.locator('#table-partenaires tbody tr', { hasText: 'Non conforme' }).count()).toBe(1);
      expect(await page.locator('[role="status"]', { hasText: '1 non conforme' }).count()).toBe(1);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}partenaires-non-conforme-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${SCREENSHOTS}partenaires-non-conforme.png` });
      await page.close();
    } finally {
      await gateway.stop();
      await careless.stop();
    }
  });
});
