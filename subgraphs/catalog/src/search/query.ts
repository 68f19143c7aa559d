/**
 * A search as Postgres full-text query, with the synonyms of `synonyms.ts`.
 *
 * Synonyms are applied to the query, not to the index: the list can change without rewriting any
 * search vector, and an API still ranks on the words it really says. The search is cut into the
 * terms of web search syntax (words, "quoted phrases", -exclusions, `or`); each term goes through
 * `websearch_to_tsquery` on its own, so that the configuration still folds accents and stems
 * words on PGlite and Postgres alike, and a word with synonyms becomes `(word | synonym | …)`.
 * Terms are joined as websearch_to_tsquery joins them: and, with `or` binding looser.
 */
import { foldText } from '@gouvgraph/schema';
import { type SQL, sql } from 'drizzle-orm';
import { SYNONYMS } from './synonyms.js';

interface Term {
  /** As typed, without its quotes or its minus. */
  text: string;
  phrase: boolean;
  excluded: boolean;
}

/**
 * How words are compared with the list: no accents or case, a hyphen as a space ("pole-emploi"),
 * no elided article ("l'énergie"), no edge punctuation, no final s ("impôts").
 */
const keyOf = (words: string) =>
  foldText(words)
    .split(/[\s-]+/)
    .map((word) =>
      word
        .replace(/^(?:qu|[cdjlmnst])['’]/, '')
        .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
        .replace(/s$/, ''),
    )
    .filter((word) => word !== '')
    .join(' ');

/** Each word of the list, by key, with everything else it is also searched as. */
const EXPANSIONS = new Map<string, Set<string>>();
for (const { words, alsoMeans } of SYNONYMS) {
  for (const word of words) {
    const also = EXPANSIONS.get(keyOf(word)) ?? new Set<string>();
    for (const other of [...words, ...alsoMeans]) if (keyOf(other) !== keyOf(word)) also.add(other);
    EXPANSIONS.set(keyOf(word), also);
  }
}
/** The most words a listed term has ("diagnostic de performance énergétique"). */
const LONGEST = Math.max(...[...EXPANSIONS.keys()].map((key) => key.split(' ').length));

/** The search's `or`-separated groups of terms (empty groups dropped). */
function parse(search: string): Term[][] {
  const groups: Term[][] = [[]];
  for (const [, minus, quoted, word = ''] of search.matchAll(/(-?)"([^"]*)"?|(-?[^\s"]+)/g)) {
    const group = groups[groups.length - 1] ?? [];
    if (quoted !== undefined) {
      group.push({ text: quoted, phrase: true, excluded: minus === '-' });
    } else if (word.toLowerCase() === 'or') {
      groups.push([]);
    } else {
      const excluded = word.length > 1 && word.startsWith('-');
      group.push({ text: excluded ? word.slice(1) : word, phrase: false, excluded });
    }
  }
  return groups.filter((g) => g.length > 0);
}

/** How many terms from the first are plain words that the list knows together (longest first), or 0. */
function listedRun(terms: Term[]): number {
  for (let n = Math.min(LONGEST, terms.length); n > 0; n--) {
    const run = terms.slice(0, n);
    // Quoted and excluded words are taken as typed.
    if (run.every((t) => !t.phrase && !t.excluded) && EXPANSIONS.has(keyOf(run.map((t) => t.text).join(' ')))) return n;
  }
  return 0;
}

export function searchQuery(search: string, cfg: string): SQL {
  const web = (text: string) => sql`websearch_to_tsquery(${cfg}::regconfig, ${text})`;
  const groups = parse(search).map((terms) => {
    const parts: SQL[] = [];
    for (let i = 0; i < terms.length; ) {
      const listed = listedRun(terms.slice(i));
      if (listed === 0) {
        const { text, phrase, excluded } = terms[i] as Term;
        parts.push(web(`${excluded ? '-' : ''}${phrase ? `"${text}"` : text}`));
        i++;
        continue;
      }
      const typed = terms
        .slice(i, i + listed)
        .map((t) => t.text)
        .join(' ');
      const also = [...(EXPANSIONS.get(keyOf(typed)) ?? [])].map((synonym) => web(`"${synonym}"`));
      parts.push(sql`(${sql.join([web(typed), ...also], sql` || `)})`);
      i += listed;
    }
    return sql`(${sql.join(parts, sql` && `)})`;
  });
  // Nothing but quotes and minus signs: what websearch_to_tsquery makes of it (no lexeme).
  return groups.length ? sql`(${sql.join(groups, sql` || `)})` : web(search);
}
