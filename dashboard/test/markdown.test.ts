// @vitest-environment jsdom
/**
 * The catalogues' texts as the pages show them: hostile Markdown and HTML run nothing and link
 * nowhere unsafe, the catalogue's components become links and buttons, headings fit under the
 * section, and every real description of the seed (cut at 600 characters by its source) ends
 * cleanly with no raw Markdown left in what a reader sees.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { endCleanly, markdown, plainText, wasCut } from '../src/markdown.js';

const API = { headingLevel: 3, base: 'https://api.gouv.fr', source: { href: 'https://api.gouv.fr/les-api/x', site: 'api.gouv.fr' } };
const seed = <T>(path: string) => JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../data', path), 'utf8')) as T;

/** What a reader could not be shown or made to run. */
function unsafe(root: Element): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (
      !/^(?:p|br|hr|strong|b|em|i|s|del|code|pre|blockquote|abbr|sup|sub|span|ul|ol|li|dl|dt|dd|h[3-6]|details|summary|div|table|thead|tbody|tr|th|td|a)$/i.test(
        element.tagName,
      )
    )
      found.push(`<${element.tagName.toLowerCase()}>`);
    for (const attribute of element.attributes) {
      // Classes are the renderer's own, never the source's.
      const own =
        attribute.name === 'class' && /^(?:fr-btn fr-btn--secondary|fr-link|fr-table fr-table--no-caption)$/.test(attribute.value);
      if (!own && !['href', 'title', 'target', 'rel', 'colspan', 'rowspan', 'start'].includes(attribute.name))
        found.push(`${attribute.name}="${attribute.value}"`);
    }
    if (element.tagName === 'A' && !/^(?:https?|mailto):/.test(element.getAttribute('href') ?? ''))
      found.push(`href=${element.getAttribute('href')}`);
  }
  return found;
}

describe('markdown', () => {
  it('runs nothing and links nowhere unsafe, whatever the text holds', () => {
    const hostile = [
      '<script>window.pwned = 1</script>',
      '<img src=x onerror="window.pwned = 1">',
      '[x](javascript:window.pwned=1) [y](JAVASCRIPT:alert(1)) [z](data:text/html,<script>alert(1)</script>) [v](vbscript:x)',
      '<a href="javascript:alert(1)" onclick="alert(1)">lien</a> <a href="  javascript:alert(1)">espace</a>',
      '<iframe src="https://example.org"></iframe><object data="x"></object><embed src="x">',
      '<svg onload="alert(1)"><circle /></svg><math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<div style="background:url(javascript:alert(1))" onmouseover="alert(1)">survol</div>',
      '<form action="https://evil.example"><input name="q"><button>ok</button></form>',
      '<style>body { display: none }</style><link rel="stylesheet" href="https://evil.example/x.css">',
      '<External href="javascript:alert(1)">composant</External> <Button href="javascript:alert(1)">bouton</Button>',
      '<p id="contenu" class="fr-btn" data-x="1" aria-hidden="true">attributs</p>',
      '![image](https://evil.example/pixel.png) <img src="/local.png" alt="image">',
      '<a href="#/partenaires">ancre</a> [page](#top)',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    ];
    for (const text of hostile) {
      const root = markdown(text, API);
      expect(unsafe(root), text).toEqual([]);
      expect(root.innerHTML, text).not.toMatch(/javascript:|onerror|onload|onclick|<script|<img|<iframe|<svg|<style|<form|<input/i);
    }
    // The link that was dangerous is its text, not nothing.
    expect(markdown('[x](javascript:alert(1))', API).textContent?.trim()).toBe('x');
    expect(markdown('<a href="#/partenaires">ancre</a>', API).querySelector('a')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('makes links to outside DSFR external links, relative ones pointing at the source site', () => {
    const root = markdown('Voir [la doc](/les-api/api-entreprise), <https://example.org> et [écrire](mailto:support@api.gouv.fr).', API);
    const [relative, auto, mail] = [...root.querySelectorAll('a')];
    expect(relative?.getAttribute('href')).toBe('https://api.gouv.fr/les-api/api-entreprise');
    expect(relative?.target).toBe('_blank');
    expect(relative?.rel).toBe('noopener');
    expect(relative?.title).toBe('la doc (nouvelle fenêtre)');
    expect(auto?.getAttribute('href')).toBe('https://example.org/');
    expect(mail?.getAttribute('href')).toBe('mailto:support@api.gouv.fr');
    expect(mail?.target).toBe('');
  });

  it('turns the catalogue’s components into HTML and drops the ones that work only on api.gouv.fr', () => {
    const root = markdown(
      'Au sens des articles <External href="https://www.legifrance.gouv.fr/a">R133-43</External> du code.\n\n<NextSteps />\n<QuestionTree tree=\'x\' question=\'y\' />\n<Button href="https://datapass.api.gouv.fr/api-x" alt>Remplir une demande</Button>\n\n<Inconnu a="b">texte gardé</Inconnu>',
      API,
    );
    const external = root.querySelector('a[href="https://www.legifrance.gouv.fr/a"]');
    expect(external?.textContent).toBe('R133-43');
    expect(external?.getAttribute('target')).toBe('_blank');
    const button = root.querySelector('a.fr-btn');
    expect(button?.getAttribute('href')).toBe('https://datapass.api.gouv.fr/api-x');
    expect(button?.textContent).toBe('Remplir une demande');
    expect(root.textContent).toContain('texte gardé');
    expect(root.textContent).not.toMatch(/[<>]|NextSteps|QuestionTree/);
  });

  it('puts the text’s headings under the section’s, without gaps', () => {
    const root = markdown('# Un\n\ntexte\n\n## Deux\n\n##### Cinq\n\n<h2>HTML</h2>', { headingLevel: 3, base: 'https://beta.gouv.fr' });
    expect([...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((x) => `${x.tagName}:${x.textContent}`)).toEqual([
      'H3:Un',
      'H4:Deux',
      'H5:Cinq',
      'H4:HTML',
    ]);
    expect(root.querySelectorAll('div.fr-table table').length).toBe(0);
    expect(markdown('| a | b |\n|---|---|\n| 1 | 2 |', API).querySelectorAll('div.fr-table table th').length).toBe(2);
  });

  it('ends a cut text at a whole word or sentence, with no half construct', () => {
    const cuts: [string, string][] = [
      ['Une phrase entière. Une autre coup', 'Une phrase entière.'],
      ['Des mots sans point et un mot cou', 'Des mots sans point et un mot…'],
      ['Intro.\n\n### Titre cou', 'Intro.'],
      ['Intro.\n\n## Titre\n\n#### Sous-ti', 'Intro.'],
      ['Texte.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | ', 'Texte.\n\n| a | b |\n|---|---|\n| 1 | 2 |'],
      ['Il faut **lire la suite du te', 'Il faut…'],
      ['Voir [la documentation](https://exa', 'Voir…'],
      ['Voir [la documen', 'Voir…'],
      ['- un\n- deux\n- trois qu', '- un\n- deux\n- trois…'],
      ['Les articles <External href="https://legifrance.gouv.fr">R133', 'Les articles…'],
      ['Fin.\n\n<Button href="https://d', 'Fin.'],
      ['Code `npm inst', 'Code…'],
      ['Un ***mot fort*** puis *un autre', 'Un ***mot fort*** puis…'],
      ['Avant.\n\n```js\nconst x', 'Avant.'],
      ['Un mot&nbs', 'Un mot…'],
    ];
    for (const [text, ended] of cuts) expect(endCleanly(text), text).toBe(ended);
  });

  it('shows every real description of the seed with no raw Markdown or component, cut ones ending cleanly', () => {
    type Api = { slug: string; url: string; description?: string; access_page?: { description?: string }[] };
    const apis = seed<Api[]>('apigouv/apis.json');
    const startups = seed<{ id: string; description?: string }[]>('betagouv/startups.json');
    const incubators = seed<{ id: string; description?: string }[]>('betagouv/incubators.json');
    const texts = [
      ...apis.flatMap((a) => [a.description, ...(a.access_page ?? []).map((l) => l.description)].map((t) => [a.slug, t, a.url] as const)),
      ...startups.map((s) => [s.id, s.description, `https://beta.gouv.fr/startups/${s.id}.html`] as const),
      ...incubators.map((i) => [i.id, i.description, `https://beta.gouv.fr/incubateurs/${i.id}.html`] as const),
    ].filter((t): t is readonly [string, string, string] => Boolean(t[1]));
    expect(texts.length).toBeGreaterThan(1_000);
    let cut = 0;
    for (const [id, text, href] of texts) {
      const root = markdown(text, { headingLevel: 3, base: new URL(href).origin, source: { href, site: new URL(href).host } });
      const shown = root.textContent ?? '';
      expect(shown, `${id}: ${text}`).not.toMatch(/#{2,}|\*\*|__|<\/?[A-Za-z][^>]*>|\]\(|^\s*\|/m);
      expect(unsafe(root), id).toEqual([]);
      if (!wasCut(text)) continue;
      cut++;
      const more = root.lastElementChild?.querySelector('a');
      expect(more?.textContent, id).toBe(`Lire la suite sur ${new URL(href).host}`);
      expect(more?.getAttribute('href')).toBe(href);
      // What is kept is the start of the source, stopped between two words, with `…` when mid-sentence.
      const source = text.replace(/\r\n?/g, '\n');
      const kept = endCleanly(text).replace(/…$/, '');
      expect(source.startsWith(kept), id).toBe(true);
      expect(/[\p{L}\p{N}]$/u.test(kept) && /[\p{L}\p{N}]/u.test(source[kept.length] ?? ''), `${id}: …${kept.slice(-40)}`).toBe(false);
      expect(shown.trim().length, id).toBeGreaterThan(0);
    }
    expect(cut).toBeGreaterThan(700);
  });

  it('reads a short text’s HTML entities as text', () => {
    expect(plainText('méthode &quot;produit&quot; <img src=x onerror="window.pwned=1">')).toBe('méthode "produit"');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });
});
