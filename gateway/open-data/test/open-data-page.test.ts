/**
 * The page of `/donnees/` as text and as a cache: French numbers, sizes, dates and spacing; the
 * measure of the files kept and redone as the files change, never waited for; walks that ask the
 * same questions together sending each once.
 */
import { describe, expect, it } from 'vitest';
import { FileFactsKeeper, sharedAsk, type FileFacts, type Measure } from '../src/file-facts.js';
import { count, frenchSpacing, instant, size } from '../src/french.js';
import type { Ask } from '../src/graph-walk.js';
import { openDataPage } from '../src/page.js';
import { TABLES } from '../src/tables.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** The text a reader sees: tags dropped, the entities the page uses decoded. */
const textOf = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[^<]*<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&nbsp;', NBSP)
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

const facts = (rows: number, missingPartners: string[] = []): FileFacts => ({
  rows,
  bytes: { csv: 12_345, excel: 999_960, json: 1_234_567 },
  producedAt: new Date('2026-12-01T13:05:00Z'),
  missingPartners,
});

describe('the open data page', () => {
  it('writes numbers, sizes and instants as French does', () => {
    expect(count(1695)).toBe(`1${NNBSP}695`);
    expect(size(0)).toBe(`0${NBSP}octet`);
    expect(size(812)).toBe(`812${NBSP}octets`);
    expect(size(12_345)).toBe(`12,3${NBSP}ko`);
    expect(size(99_960)).toBe(`100${NBSP}ko`);
    expect(size(223_346)).toBe(`223${NBSP}ko`);
    expect(size(999_960)).toBe(`1${NBSP}Mo`);
    expect(size(1_234_567)).toBe(`1,2${NBSP}Mo`);
    // Paris is at UTC+1 in December; the first of the month is an ordinal.
    expect(instant(new Date('2026-12-01T13:05:00Z'))).toBe(`1er${NBSP}décembre 2026 à 14${NBSP}h${NBSP}05`);
    expect(instant(new Date('2026-07-14T22:30:00Z'))).toBe(`15${NBSP}juillet 2026 à 00${NBSP}h${NBSP}30`);
    expect(frenchSpacing('Licences : « ceci » ; vrai ? oui ! https://a.fr:443')).toBe(
      `Licences${NBSP}: «${NBSP}ceci${NBSP}»${NNBSP}; vrai${NNBSP}? oui${NNBSP}! https://a.fr:443`,
    );
  });

  it('shows each table’s rows, sizes and date, says what the date means, and never breaks a line before a colon', () => {
    const known = new Map(TABLES.map((t, i) => [t.name, facts(1000 * i + 7, t.name === 'phases' ? ['anct'] : [])]));
    const html = openDataPage(TABLES, {
      base: '/donnees',
      assets: { styles: ['/assets/dsfr-1.css'], scripts: ['/assets/server-pages-1.js'] },
      now: { facts: known, failed: new Map(), measuring: false },
      refresh: { maxAgeMs: 600_000, onWrite: true },
    });
    for (const t of TABLES) {
      const row = html.slice(
        html.indexOf(`<tr data-table="${t.name}">`),
        html.indexOf('</tr>', html.indexOf(`<tr data-table="${t.name}">`)),
      );
      expect(row, t.name).toContain(`<data class="gg-rows" value="${known.get(t.name)?.rows}">`);
      expect(row).toContain(`<data class="gg-size" value="12345">12,3${NBSP}ko</data>`);
      expect(row).toContain(`<a href="/donnees/${t.name}.excel.csv" download data-format="excel">`);
      expect(row).toContain(`<a href="/donnees/${t.name}.schema.json">`);
      expect(row).toContain('<time datetime="2026-12-01T13:05:00.000Z">');
    }
    expect(html).toContain('<link rel="stylesheet" href="/assets/dsfr-1.css">');
    expect(html).toContain('<script type="module" src="/assets/server-pages-1.js"></script>');
    // A partial measure is said, and its table marked.
    expect(textOf(html)).toContain(`l’incubateur «${NBSP}anct${NBSP}» n’a pas répondu`);
    expect(html.match(/fr-badge--warning">partiel/g)).toHaveLength(1);
    const text = textOf(html);
    expect(text).toContain('dès qu’une modification passe par GouvGraph, et au plus tard 10 minutes après la précédente');
    expect(text).not.toMatch(/ [:;!?»]|« /);
  });

  it('answers before the first measure, saying it is under way, without a DSFR build too', () => {
    const html = openDataPage(TABLES, {
      base: '/donnees',
      assets: null,
      now: { facts: new Map(), failed: new Map(), measuring: true },
      refresh: { maxAgeMs: 120_000, onWrite: false },
    });
    expect(textOf(html)).toContain(`en cours de mesure${NBSP}: rechargez la page`);
    expect(html).not.toContain('gg-rows');
    expect(html).toContain('<style>');
    expect(textOf(html)).toContain('au plus tard 2 minutes après la précédente');
  });
});

describe('the measure of the files', () => {
  /** A measure that counts its runs and finishes when told to. */
  function measures() {
    const runs: { finish: (m: Measure) => void }[] = [];
    const measure = () => new Promise<Measure>((resolve) => runs.push({ finish: resolve }));
    const done = (missing: string[] = []): Measure => ({ facts: new Map([['startups', facts(662, missing)]]), failed: new Map() });
    return { runs, measure, done };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('is never waited for, kept while fresh, and redone after a write, with age, and sooner when partial', async () => {
    let clock = 0;
    let epoch = 0;
    const { runs, measure, done } = measures();
    const keeper = new FileFactsKeeper(measure, { maxAgeMs: 600_000, retryMs: 60_000, epoch: () => epoch, now: () => clock });

    // The first reader gets the page at once; the measure starts once its answer is sent.
    let sent!: () => void;
    const answered = new Promise<void>((resolve) => (sent = resolve));
    expect(keeper.read(answered)).toMatchObject({ measuring: true, facts: new Map() });
    await tick();
    expect(runs).toHaveLength(0);
    sent();
    await tick();
    expect(runs).toHaveLength(1);
    // Readers meanwhile start nothing more.
    keeper.read();
    keeper.read();
    runs[0]?.finish(done());
    await keeper.settled();
    expect(keeper.read()).toMatchObject({ measuring: false });
    expect(keeper.read().facts.get('startups')?.rows).toBe(662);

    // A write through the gateway: redone, but measures begin at least 15 s apart, however many writes.
    clock = 14_999;
    epoch++;
    keeper.read();
    await tick();
    expect(runs).toHaveLength(1);
    clock = 15_000;
    // Meanwhile the previous figures are shown, with their date.
    expect(keeper.read()).toMatchObject({ measuring: true });
    expect(keeper.read().facts.get('startups')?.rows).toBe(662);
    await tick();
    expect(runs).toHaveLength(2);
    runs[1]?.finish(done(['anct']));
    await keeper.settled();

    // Partial: redone after a minute, not ten.
    clock += 59_999;
    keeper.read();
    await tick();
    expect(runs).toHaveLength(2);
    clock += 1;
    keeper.read();
    await tick();
    expect(runs).toHaveLength(3);
    runs[2]?.finish(done());
    await keeper.settled();

    // Complete again: kept ten minutes.
    clock += 599_999;
    keeper.read();
    await tick();
    expect(runs).toHaveLength(3);
    clock += 1;
    keeper.read();
    await tick();
    expect(runs).toHaveLength(4);
  });

  it('keeps a table’s last figures when the graph refuses it, and tries again sooner', async () => {
    let clock = 0;
    const fine: Measure = { facts: new Map([['apis', facts(170)]]), failed: new Map() };
    const refused: Measure = { facts: new Map(), failed: new Map([['apis', 'the graph did not give apis']]) };
    let runs = 0;
    const keeper = new FileFactsKeeper(async () => (runs++ === 1 ? refused : fine), {
      maxAgeMs: 600_000,
      retryMs: 60_000,
      now: () => clock,
    });
    keeper.read();
    await keeper.settled();
    clock += 600_000;
    keeper.read();
    await keeper.settled();
    expect(keeper.read().facts.get('apis')?.rows).toBe(170);
    expect(keeper.read().failed.get('apis')).toContain('apis');
    clock += 60_000;
    keeper.read();
    await keeper.settled();
    expect(runs).toBe(3);
  });

  it('sends each question once while walks ask it together, and again once it failed', async () => {
    const sent: string[] = [];
    let fail = true;
    const graph: Ask = async (_query, variables) => {
      sent.push(String(variables.after));
      if (variables.after === 'b' && fail) {
        fail = false;
        throw new Error('down');
      }
      return { data: { page: variables.after } };
    };
    const ask = sharedAsk(graph, 2);
    const walk = async () => {
      const seen: unknown[] = [];
      for (const after of ['a', 'b', 'c']) {
        try {
          seen.push((await ask('q', { after })).data?.page);
        } catch {
          seen.push('failed');
        }
      }
      return seen;
    };
    const [one, two, three] = await Promise.all([walk(), walk(), walk()]);
    expect(one).toEqual(['a', 'failed', 'c']);
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(sent).toEqual(['a', 'b', 'c']);
    // Forgotten once it failed; the oldest forgotten beyond `keep`.
    expect((await ask('q', { after: 'b' })).data?.page).toBe('b');
    await ask('q', { after: 'a' });
    expect(sent).toEqual(['a', 'b', 'c', 'b', 'a']);
  });
});
