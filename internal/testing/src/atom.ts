/**
 * Checks a document against what RFC 4287 (The Atom Syndication Format) requires of a feed and
 * its entries — the rules a feed validator applies — and returns the entries for the test to read.
 * Throws with every violation found.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  links: { rel: string; href: string }[];
  summary: string | undefined;
  categories: string[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const array = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'object' && v !== null && '#text' in v
      ? String((v as { '#text': unknown })['#text'])
      : undefined;

type Node = Record<string, unknown>;

export function validateAtom(xml: string): {
  feed: { id: string; title: string; updated: string; links: { rel: string; href: string }[] };
  entries: AtomEntry[];
} {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) throw new Error(`not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['entry', 'link', 'category', 'author'].includes(name),
  }).parse(xml) as Node;
  const problems: string[] = [];
  const feed = doc.feed as Node | undefined;
  if (!feed) throw new Error('the root element is not <feed>');
  if (feed['@xmlns'] !== 'http://www.w3.org/2005/Atom') problems.push('the feed is not in the Atom namespace');
  const one = (node: Node, name: string, where: string) => {
    const values = array(node[name]);
    if (values.length !== 1) problems.push(`${where} must have exactly one <${name}> (has ${values.length})`);
    return text(values[0]) ?? '';
  };
  const linksOf = (node: Node) =>
    array(node.link as Node | Node[]).map((l) => ({ rel: String(l['@rel'] ?? 'alternate'), href: String(l['@href'] ?? '') }));
  const feedId = one(feed, 'id', 'the feed');
  const feedTitle = one(feed, 'title', 'the feed');
  const feedUpdated = one(feed, 'updated', 'the feed');
  if (!IRI.test(feedId)) problems.push(`the feed id "${feedId}" is not an IRI`);
  if (!RFC3339.test(feedUpdated)) problems.push(`the feed's updated "${feedUpdated}" is not an RFC 3339 date`);
  const feedLinks = linksOf(feed);
  if (!feedLinks.some((l) => l.rel === 'self')) problems.push('the feed should have a rel="self" link');
  for (const rel of ['alternate']) {
    const byType = feedLinks.filter((l) => l.rel === rel);
    if (byType.length > 1 && new Set(byType.map((l) => l.href)).size < byType.length) problems.push(`the feed repeats a rel="${rel}" link`);
  }
  const feedHasAuthor = array(feed.author).length > 0;
  const ids = new Set<string>();
  const entries: AtomEntry[] = array(feed.entry as Node | Node[]).map((entry, i) => {
    const where = `entry ${i + 1}`;
    const id = one(entry, 'id', where);
    const title = one(entry, 'title', where);
    const updated = one(entry, 'updated', where);
    if (!IRI.test(id)) problems.push(`${where}: id "${id}" is not an IRI`);
    if (ids.has(id)) problems.push(`${where}: id "${id}" is repeated`);
    ids.add(id);
    if (!RFC3339.test(updated)) problems.push(`${where}: updated "${updated}" is not an RFC 3339 date`);
    const links = linksOf(entry);
    if (!entry.content && !links.some((l) => l.rel === 'alternate'))
      problems.push(`${where}: without <content> it must have a rel="alternate" link`);
    if (!feedHasAuthor && array(entry.author).length === 0) problems.push(`${where}: no <author>, and the feed has none`);
    for (const l of links) if (!IRI.test(l.href)) problems.push(`${where}: link "${l.href}" is not absolute`);
    return {
      id,
      title,
      updated,
      links,
      summary: text(entry.summary),
      categories: array(entry.category as Node | Node[]).map((c) => String(c['@term'])),
    };
  });
  if (problems.length) throw new Error(`not valid Atom:\n${problems.join('\n')}`);
  return { feed: { id: feedId, title: feedTitle, updated: feedUpdated, links: feedLinks }, entries };
}
