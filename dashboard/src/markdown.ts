/**
 * The catalogues' texts as safe HTML. api.gouv.fr writes Markdown with its site's MDX components
 * (`<External href>`, `<Button href>`, `<NextSteps />`…), beta.gouv.fr Markdown with some raw
 * HTML, and both sources cut their texts at 600 characters. marked turns the Markdown into HTML,
 * DOMPurify keeps only text markup and links, then the text is fitted to the page: its headings
 * under the section's, its links to outside opening a new window as the DSFR says.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/** Where the sources cut their texts, in characters (not UTF-16 units: emoji count as one). */
const SOURCE_CUT = 600;

export const wasCut = (text: string) => [...text].length === SOURCE_CUT;

/** A line that means nothing cut in its middle: a heading, a table row, a fence, raw HTML. */
const STRUCTURAL = /^\s*(?:#{1,6}(?:\s|$)|\||```|~~~|<|>?\s*$)/;
const LIST_MARKER = /^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+/;
const LIST_MARKERS = new RegExp(LIST_MARKER.source, 'gm');
const blank = (match: string) => ' '.repeat(match.length);

/** The end of a line cut mid-sentence: its last complete sentence, or its last whole word and `…`. */
function endOfLine(line: string): string {
  if (/[.!?…:]["»)*_]*$/.test(line)) return line;
  const marker = LIST_MARKER.exec(line)?.[0] ?? '';
  const body = line.slice(marker.length);
  const sentence = [...body.matchAll(/[.!?…](?:["»)*_]*)(?=\s)/g)].at(-1);
  if (sentence) return marker + body.slice(0, sentence.index + sentence[0].length);
  // The last word is whole only when a space follows it.
  const words = /\s$/.test(body) ? body : body.slice(0, Math.max(0, body.search(/\S+$/)));
  const kept = words.replace(/[\s,;:–—(\-'’"«]+$/u, '');
  return kept.trim() ? `${marker}${kept}…` : '';
}

/** Where an inline construct opens and does not close in `block`, or -1. */
function unclosedAt(block: string): number {
  // Each mark is masked once counted (same length: indexes stay), so `***` is not read as `**` and `*`.
  let marks = block.replace(LIST_MARKERS, blank);
  for (const mark of ['`', '***', '**', '__']) {
    const parts = marks.split(mark);
    if (parts.length % 2 === 0) return marks.lastIndexOf(mark);
    marks = parts.join(blank(mark));
  }
  const lone = [...marks.matchAll(/\*/g)];
  if (lone.length % 2 === 1) return lone.at(-1)?.index ?? -1;
  // A link's text or address cut: `[text](https://exa`. Whole links are masked first.
  const masked = block.replace(/\[[^\]]*\]\([^)\s]*\)/g, blank);
  const bracket = masked.lastIndexOf('[');
  if (bracket >= 0 && (masked.indexOf(']', bracket) < 0 || /\]\([^)]*$/.test(masked.slice(bracket)))) return bracket;
  // A component opened and not closed: `<External href="…">the law`.
  const component = [...block.matchAll(/<([A-Z][A-Za-z]*)\b[^>]*(?<!\/)>/g)].at(-1);
  if (component && !block.slice(component.index).includes(`</${component[1]}>`)) return component.index;
  return -1;
}

/** Where the text's last paragraph starts. */
const lastBlock = (text: string) => text.search(/\n\s*\n(?![\s\S]*\n\s*\n)/) + 1;

/**
 * A text cut by its source, ended cleanly: no half word, no half Markdown construct (a heading, a
 * table row, an emphasis, a link, a component), `…` when it stops mid-sentence.
 */
export function endCleanly(text: string): string {
  let t = text.replace(/\r\n?/g, '\n');
  // A tag or an entity cut in its middle: `<Button href="https://d`, `&nbs`.
  if (t.lastIndexOf('<') > t.lastIndexOf('>')) t = t.slice(0, t.lastIndexOf('<'));
  t = t.replace(/&[#a-z0-9]*$/i, ' ');
  if ((t.match(/^(?:```|~~~)/gm)?.length ?? 0) % 2 === 1) t = t.slice(0, t.search(/^(?:```|~~~)(?![\s\S]*^(?:```|~~~))/m));
  // Constructs left open are cut before their start, then the last line at a sentence or a word;
  // a sentence's end may fall inside an emphasis, so until nothing is left open.
  for (let guard = 0; guard < 10; guard++) {
    const open = unclosedAt(t.slice(lastBlock(t)));
    // What stood before the construct is whole: the space says so to endOfLine.
    if (open >= 0) t = `${t.slice(0, lastBlock(t) + open).trimEnd()} `;
    const cut = t.lastIndexOf('\n') + 1;
    const line = t.slice(cut);
    t = t.slice(0, cut) + (STRUCTURAL.test(line) ? '' : endOfLine(line));
    if (open < 0 && unclosedAt(t.slice(lastBlock(t))) < 0) break;
  }
  t = t.trimEnd();
  // A table left without a row under its header, then a heading left with nothing under it.
  const table = /(?:^|\n)((?:\|[^\n]*(?:\n|$))+)$/.exec(t);
  if (table?.[1] && !/^\|[^\n]*\n\|[\s:|-]+\n\|/.test(table[1])) t = t.slice(0, table.index).trimEnd();
  // Then what opens something left empty: a heading, a rule, a `<details>` with only its summary.
  const empty = /(?:(?:^|\n)#{1,6}\s[^\n]*|\n\s*(?:[-*_]\s*){3,}|\s*<(?:details|summary|p|br|div)\b[^>]*>(?:[^<]*<\/summary>)?)$/;
  while (empty.test(t)) t = t.replace(empty, '').trimEnd();
  return t;
}

/**
 * The catalogue's components as HTML: `<External>` is a link, `<Button>` a button link; the others
 * (`<NextSteps />`, `<QuestionTree … />`) work only on api.gouv.fr and are dropped, keeping any text
 * they wrap. Components are the tags with a capital initial, HTML's are lower case.
 */
const components = (markdown: string) =>
  markdown
    // A link to an address the seed removed (`mailto:[adresse personnelle retirée]`) is its text.
    .replace(/\[([^\]]*)\]\((?:mailto:)?\[[^\]]*\]\)/g, '$1')
    .replace(/<(\/?)([A-Z][A-Za-z0-9]*)((?:\s[^<>]*?)?)\s*\/?>/g, (_, close: string, name: string, attributes: string) => {
      if (name === 'External') return close ? '</a>' : `<a${attributes}>`;
      if (name === 'Button') return close ? '</gg-button>' : `<gg-button${attributes}>`;
      return '';
    })
    // `<External href"…">` (once in the catalogue) is the link it means.
    .replace(/(<(?:a|gg-button) href)"/g, '$1="');

const marked = new Marked({ gfm: true, breaks: false });

/** Text markup and links only: no images (nothing is loaded from outside), frames, forms or styles. */
const ALLOWED_TAGS = [
  ...['p', 'br', 'hr', 'strong', 'b', 'em', 'i', 's', 'del', 'code', 'pre', 'blockquote', 'abbr', 'sup', 'sub', 'span'],
  ...['ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'details', 'summary'],
  ...['table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'gg-button'],
];
const ALLOWED_ATTR = ['href', 'title', 'colspan', 'rowspan', 'start'];

let purifier: ReturnType<typeof DOMPurify> | undefined;
// Made at first use, from the window there is then (the page's, or the test's).
const purify = () => (purifier ??= DOMPurify(window));

/** A link's address if it is one to follow from here: http(s) or mailto, relative ones read from `base`. */
function address(href: string | null, base: string): URL | null {
  if (!href || href.startsWith('#')) return null; // the page's own anchors are its router's
  try {
    const url = new URL(href, base);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/** A link to outside, as the DSFR marks one: a new window (its icon comes with `target`), said in its title. */
function markExternal(link: HTMLAnchorElement): HTMLAnchorElement {
  if (link.protocol === 'mailto:') return link;
  link.target = '_blank';
  link.rel = 'noopener';
  link.title = `${link.textContent?.trim() ?? ''} (nouvelle fenêtre)`;
  return link;
}

function fit(root: HTMLElement, headingLevel: number, base: string): void {
  for (const button of root.querySelectorAll('gg-button')) {
    const link = document.createElement('a');
    link.className = 'fr-btn fr-btn--secondary';
    link.setAttribute('href', button.getAttribute('href') ?? '');
    link.append(...button.childNodes);
    button.replaceWith(link);
  }
  for (const link of root.querySelectorAll('a')) {
    const url = address(link.getAttribute('href'), base);
    // A link nobody can follow, or that says nothing (its image removed), is its text.
    if (!url || !link.textContent?.trim()) {
      link.replaceWith(...link.childNodes);
      continue;
    }
    link.href = url.href;
    markExternal(link);
  }
  // The text's heading levels, in order, become the levels from `headingLevel` down: no gap, none above.
  const headings = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const levels = [...new Set(headings.map((x) => Number(x.tagName[1])))].sort((a, b) => a - b);
  for (const old of headings) {
    const heading = document.createElement(`h${Math.min(6, headingLevel + levels.indexOf(Number(old.tagName[1])))}`);
    heading.append(...old.childNodes);
    old.replaceWith(heading);
  }
  // What the source wrote wrong shows as text: a stray `**`, a tag the HTML parser could not read. No reader needs those.
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    if (!node.parentElement?.closest('code, pre'))
      node.textContent = (node.textContent ?? '').replace(/<\/?[A-Za-z][\w-]*(?:\s[^<>]*)?>|\*\*+/g, '');
  }
  for (const table of root.querySelectorAll('table')) {
    const frame = document.createElement('div');
    frame.className = 'fr-table fr-table--no-caption';
    table.replaceWith(frame);
    frame.append(table);
  }
}

export interface MarkdownOptions {
  /** The level of the text's first headings: one below the section it sits in. */
  headingLevel: number;
  /** What relative links are relative to: the source's site. */
  base: string;
  /** The source page, to read the rest of a cut text there. */
  source?: { href: string; site: string } | null;
}

/** A catalogue's text as a `div.gg-prose` of safe HTML; ended cleanly, with a link to the rest, when its source cut it. */
export function markdown(text: string, options: MarkdownOptions): HTMLElement {
  const cut = wasCut(text);
  const html = marked.parse(components(cut ? endCleanly(text) : text), { async: false });
  const root = document.createElement('div');
  root.className = 'gg-prose';
  root.append(
    purify().sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false, RETURN_DOM_FRAGMENT: true }),
  );
  fit(root, options.headingLevel, options.base);
  if (cut && options.source) {
    const more = document.createElement('a');
    more.href = options.source.href;
    more.className = 'fr-link';
    more.textContent = `Lire la suite sur ${options.source.site}`;
    const paragraph = document.createElement('p');
    paragraph.append(markExternal(more));
    root.append(paragraph);
  }
  return root;
}

/** A short text with HTML entities (`&quot;`), as text. Parsing it runs nothing: the document is inert. */
export const plainText = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.textContent?.trim() ?? '';
