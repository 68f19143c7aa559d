/** The parts of a hand-written document a script owns: between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */

/** `text` with section `name`'s content replaced by `content`; throws when the markers are missing. */
export function replaceGeneratedSection(text: string, name: string, content: string): string {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`no "${open}" … "${close}" section to fill`);
  return `${text.slice(0, start + open.length)}\n${content.trim()}\n${text.slice(end)}`;
}

/** A markdown table; pipes inside cells are escaped so that a description cannot break a row. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
