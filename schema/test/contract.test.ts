/** The contract's own rules: ids, phases, cursors, text folding, and the SDL comparison. */
import { describe, expect, it } from 'vitest';
import {
  compareCursorPositions,
  decodeCursor,
  encodeCursor,
  foldText,
  isHttpUrl,
  isIsoDate,
  ownerOf,
  parseStartupId,
  phaseFromSource,
  startupGlobalId,
  DateScalar,
  URLScalar,
} from '../src/index.js';

describe('global ids', () => {
  it('name their owning partner without any lookup', () => {
    const id = startupGlobalId('latelier.numerique.du.ministere.de.leurope.et.des.affaires.etrangeres', 'disinfo');
    expect(ownerOf('Startup', id)).toBe('latelier.numerique.du.ministere.de.leurope.et.des.affaires.etrangeres');
    expect(parseStartupId('FabNum-MI/astree')).toEqual({ partnerId: 'FabNum-MI', slug: 'astree' });
    expect(ownerOf('Incubator', 'dinum_produits_interministeriels')).toBe('dinum_produits_interministeriels');
  });

  it('keep the real slugs the programme gave, accents included', () => {
    expect(parseStartupId('anct/données-et-territoires')).toEqual({ partnerId: 'anct', slug: 'données-et-territoires' });
    expect(ownerOf('Startup', 'dinum/e-inspé')).toBe('dinum');
  });

  it('reject malformed ids instead of guessing an owner', () => {
    for (const bad of ['', 'no-slash', '/x', 'mtes/', 'mt es/x', 'mtes/a/b', 'mtes/a b', 'mtes/-a', 'mtes/a\u0000']) {
      expect(ownerOf('Startup', bad), bad).toBeNull();
    }
    expect(ownerOf('Incubator', 'a/b')).toBeNull();
    expect(ownerOf('Organisation', 'dinum')).toBeNull();
  });
});

describe('phases', () => {
  it('map the current vocabulary and the one used before May 2026', () => {
    expect(phaseFromSource('abandon-investigation')).toBe('ABANDONED_IN_INVESTIGATION');
    expect(phaseFromSource('transfere')).toBe('TRANSFERRED');
    expect(phaseFromSource('transfer')).toBe('TRANSFERRED');
    expect(phaseFromSource('success')).toBe('TRANSFERRED');
    expect(phaseFromSource('alumni')).toBe('ABANDONED');
    expect(phaseFromSource('perennisation')).toBe('CONSOLIDATION');
    expect(phaseFromSource('opere')).toBe('OPERATED');
    expect(phaseFromSource('unheard-of')).toBeNull();
  });
});

describe('cursors', () => {
  it('round-trip and refuse anything else', () => {
    const position = { field: 'NAME', direction: 'ASC', key: 'acceslibre', id: 'mtes/acceslibre' } as const;
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeCursor('not a cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('["NAME","UP","a","b"]').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
  });

  it('order positions byte-wise, as Postgres collation "C" does, in either direction', () => {
    const at = (key: string, id: string, direction: 'ASC' | 'DESC' = 'ASC') => ({ field: 'NAME' as const, direction, key, id });
    expect(compareCursorPositions(at('a', 'z'), at('b', 'a'))).toBeLessThan(0);
    expect(compareCursorPositions(at('a', 'a'), at('a', 'b'))).toBeLessThan(0);
    expect(compareCursorPositions(at('a', 'a', 'DESC'), at('b', 'a', 'DESC'))).toBeGreaterThan(0);
    // JavaScript's UTF-16 order puts U+10000 (a surrogate pair, 0xD800…) before U+E000; UTF-8 bytes, like the database, do not.
    expect(compareCursorPositions(at('\u{E000}', 'x'), at('\u{10000}', 'x'))).toBeLessThan(0);
  });
});

describe('text folding', () => {
  it('ignores accents, case, ligatures and runs of spaces', () => {
    expect(foldText('  Énergie   Œuvre Ça ')).toBe('energie oeuvre ca');
    expect(foldText("L'Élysée")).toBe("l'elysee");
  });
});

describe('scalars', () => {
  it('accept real dates and absolute http(s) URLs only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(DateScalar.parseValue('2026-11-29')).toBe('2026-11-29');
    expect(() => DateScalar.parseValue('29/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(URLScalar.parseValue('https://beta.gouv.fr')).toBe('https://beta.gouv.fr');
    expect(() => URLScalar.parseValue('javascript:alert(1)')).toThrow(/http/);
  });

  it('decide every day of four years, leap ones included, as the calendar does', () => {
    const byCalendar = (value: string) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    };
    const pad = (n: number) => String(n).padStart(2, '0');
    for (const year of [1900, 2000, 2024, 2026]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const value = `${year}-${pad(month)}-${pad(day)}`;
          expect(isIsoDate(value), value).toBe(byCalendar(value));
        }
      }
    }
    for (const bad of ['2024-2-01', '2024-02-1', ' 2024-02-01', '2024-02-01T00:00', '31/12/2020', ''])
      expect(isIsoDate(bad), bad).toBe(false);
  });

  it('decide links as the URL parser does, quickly for the common ones', () => {
    const byParser = (value: string) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    };
    for (const value of [
      'https://beta.gouv.fr',
      'http://beta.gouv.fr/startups/a?b=c#d',
      'https://github.com/betagouv/beta.gouv.fr/blob/master/content/_startups/a.md',
      'https://exemple.fr/chemin avec espace',
      'https://exemple.fr:8443/x',
      'https://1.2.3.4/x',
      'https://1.2.3.999/x',
      'https://xn--rsum-bpad.fr',
      'https://résumé.fr',
      'HTTPS://BETA.GOUV.FR',
      'https:beta.gouv.fr',
      'https://',
      'https://exemple.fr:99999',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://exemple.fr',
      '/startups/a',
      'mailto:contact@beta.gouv.fr',
    ]) {
      expect(isHttpUrl(value), value).toBe(byParser(value));
    }
  });
});

describe('error codes', () => {
  // The list is documented once, in docs/errors.md, generated from ERROR_CODES (its own check
  // keeps it in step). What a reader meets first must send them there, not repeat it by hand.
  it('are documented once: the README and the contract guide link to the generated list and repeat no code by hand', async () => {
    const { readFileSync } = await import('node:fs');
    const { ERROR_CODES } = await import('../src/index.js');
    for (const [name, linkToList] of [
      ['README.md', '](docs/errors.md)'],
      ['docs/contract.md', '](errors.md)'],
    ] as const) {
      const text = readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');
      expect(text, name).toContain(linkToList);
      const rows = [...text.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
      expect(
        rows.filter((code) => code !== undefined && code in ERROR_CODES),
        `${name} documents codes by hand`,
      ).toEqual([]);
    }
  });
});

describe('byte-wise comparison', () => {
  it('orders like UTF-8 bytes, astral characters included', async () => {
    const { compareBytewise } = await import('../src/index.js');
    const words = ['zèbre', 'Zebra', 'zebra', 'é', 'e', '\u{E000}', '\u{1F600}', '\u{10000}', 'a\u{1F600}', 'a\u{E000}', ''];
    const byBytes = [...words].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...words].sort(compareBytewise)).toEqual(byBytes);
  });
});
