/**
 * Text into HTML and XML. Feeds are parsed by strict XML readers: a character XML 1.0 forbids
 * (a control character in a partner's comment) would make a whole feed unreadable, so it is
 * dropped here, once, for every page and feed.
 */

// C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF; lone surrogates.
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an XML or HTML element or attribute value. */
export function escapeMarkup(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** Text whose `code` spans become <code> elements (the changelog's descriptions). */
export function withCode(text: string): string {
  return escapeMarkup(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}
