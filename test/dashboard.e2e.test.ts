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
    // Sorting by name, from the keyboard.
    await page.locator('#table-incubateurs th button').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#table-incubateurs th').first().getAttribute('aria-sort')).toBe('ascending');
    const names = [...d.incubators.map((i: { name: string }) => i.name)].sort((a: string, b: string) => a.localeCompare(b, 'fr'));
    expect(await page.locator('#table-incubateurs tbody tr td:first-child').first().innerText()).toBe(names[0]);
    // Charts are drawn, each with its table as text alternative.
    expect(await page.locator('figure.gg-chart canvas[role="img"]').count()).toBe(4);
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
    expect(await accessibilityViolations(page)).toEqual([]);

    // Nothing found: said plainly.
    await page.locator('#recherche').fill('zzzzqqq');
    await page.getByText('Aucune API trouvée').waitFor({ timeout: 10_000 });

    await page.goto(`${stack.gateway.origin}/#/apis/${encodeURIComponent(truth.edges[0].node.id)}`);
    await page.locator('h1', { hasText: truth.edges[0].node.title }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('link', { name: /Fiche sur api\.gouv\.fr/ }).count()).toBe(1);
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
    expect(about).toMatch(/Porté par : \S/);
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
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}api-acces.png`, fullPage: true });

    // An open API that the catalogue says nothing more about is open to all.
    const openToAll = catalogue.find((a) => a.access === 'OPEN' && a.eligibility.length === 0);
    await page.goto(`${stack.gateway.origin}/#/apis/${encodeURIComponent(openToAll?.id ?? '')}`);
    await page.locator('h1', { hasText: openToAll?.title ?? '' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#contenu').innerText()).toContain('Ouverte à tous');
    expect(await page.locator('#contenu').innerText()).not.toContain('Le catalogue ne le précise pas');
    expect(await page.locator('.fr-badge', { hasText: /accès : ouvert/i }).count()).toBe(1);
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
    expect(await notice.innerText()).toContain('« anct »');
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
