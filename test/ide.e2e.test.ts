/**
 * A person opens the gateway in a browser (Debian's Chromium, headless), runs the example
 * query in GraphiQL and reads the answer — with no request leaving the machine.
 */
import { startStack, type Stack } from '@gouvgraph/stack';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData } from '@gouvgraph/data';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const data = loadSeedData();
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

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')('the GraphQL IDE in a browser', () => {
  it('runs the example query and shows the real answer, loading nothing from outside', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.gateway.origin)) outside.push(request.url());
    });
    await page.goto(`${stack.gateway.origin}/graphiql`);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText('"totalCount"').first().waitFor({ timeout: 20_000 });
    // The editor renders the lines in view: the first incubator by id, with its real count.
    const text = await result.innerText();
    expect(text).toContain(data.incubators.find((i) => i.id === 'anct')?.title ?? 'missing');
    expect(text).toContain(`"totalCount": ${data.startups.filter((s) => s.incubator === 'anct').length}`);
    expect(outside).toEqual([]);
    await page.close();
  });
});
