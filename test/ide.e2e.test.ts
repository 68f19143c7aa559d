/**
 * A person opens the gateway in a browser (Debian's Chromium, headless), runs the example
 * query in GraphiQL and reads the answer, then builds a query by ticking fields in the explorer —
 * with no request leaving the machine.
 */
import { startStack, type Stack } from '@gouvgraph/stack';
import { graphql } from '@gouvgraph/testing';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData } from '@gouvgraph/data';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const data = loadSeedData();
const SCREENSHOT = fileURLToPath(new URL('./screenshots/graphiql-explorateur.png', import.meta.url));
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ database: { kind: 'pglite' }, partners: ['mtes', 'francetravail', 'anct'] });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium tries to reach Google's hosts at start.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** An editor's text, whole (CodeMirror only renders the lines in view). */
const editorText = (page: Page, editor: string) =>
  page.evaluate(`document.querySelector('${editor} .CodeMirror')?.CodeMirror.getValue() ?? ''`) as Promise<string>;
const queryText = (page: Page) => editorText(page, '.graphiql-query-editor');

interface Answer {
  data?: { incubators: { id: string; name: string; city?: string | null; startups: { totalCount: number } }[] };
  errors?: unknown[];
}
/** The answer GraphiQL shows, once there is one. */
async function shownAnswer(page: Page): Promise<Answer> {
  await expect.poll(() => editorText(page, '.result-window'), { timeout: 20_000 }).toMatch(/^\{/);
  return JSON.parse(await editorText(page, '.result-window')) as Answer;
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')('the GraphQL IDE in a browser', () => {
  it('runs the French example query and shows the real answer, loading nothing from outside', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.gateway.origin)) outside.push(request.url());
    });
    await page.goto(`${stack.gateway.origin}/graphiql`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    const example = await queryText(page);
    expect(example).toMatch(/^# GouvGraph : les startups d’État de tous les incubateurs/);
    expect(example).toContain('# Lancez la requête');
    expect(example).toContain('query IncubateursEtStartupsEnAcceleration');
    // Every comment is French: none of the English words the example used to have.
    for (const comment of example.split('\n').filter((l) => l.trim().startsWith('#')))
      expect(comment).not.toMatch(/\b(the|press|every|one graph|run)\b/i);
    await page.locator('.graphiql-execute-button').click();
    const answer = await shownAnswer(page);
    expect(answer.errors).toBeUndefined();
    // Each incubator with its real name and its real number of startups in acceleration.
    const truth = (
      await graphql(stack.gateway.url, '{ incubators { id name startups(first: 0, filter: { phase: ACCELERATION }) { totalCount } } }')
    ).data.incubators as { id: string; name: string; startups: { totalCount: number } }[];
    expect(answer.data?.incubators.map((i) => [i.id, i.name, i.startups.totalCount])).toEqual(
      truth.map((i) => [i.id, i.name, i.startups.totalCount]),
    );
    expect(truth.find((i) => i.id === 'anct')?.name).toBe(data.incubators.find((i) => i.id === 'anct')?.title);
    // The answer is shown to the reader, not only held by the editor.
    await page.locator('.result-window').getByText('"totalCount"').first().waitFor();
    expect(outside).toEqual([]);
    await page.close();
  });

  it('builds a query from the explorer: ticking a field writes it into the query, which runs', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.gateway.origin)) outside.push(request.url());
    });
    await page.goto(`${stack.gateway.origin}/graphiql`);
    await page.getByRole('button', { name: 'Show Explorateur' }).click();
    const explorer = page.locator('.graphiql-explorer-root');
    await explorer.waitFor();
    expect(await page.locator('.graphiql-plugin .doc-explorer-title').innerText()).toBe('Explorateur');
    // The example's fields are ticked; the incubators' city is not, until it is clicked.
    const city = explorer.locator('.graphiql-explorer-incubators [data-field-name="city"]');
    expect(await queryText(page)).not.toContain('city');
    await city.click();
    await expect.poll(() => queryText(page)).toMatch(/incubators \{[\s\S]*\bcity\b/);
    await page.screenshot({ path: SCREENSHOT });
    await page.locator('.graphiql-execute-button').click();
    const answer = await shownAnswer(page);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.incubators.map((i) => [i.id, i.city])).toEqual(
      ['anct', 'francetravail', 'mtes'].map((id) => [id, data.incubators.find((i) => i.id === id)?.city_derived ?? null]),
    );
    expect(outside).toEqual([]);
    await page.close();
  });
});
