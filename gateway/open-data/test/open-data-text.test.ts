/**
 * What the open data writes as text: CSV fields a spreadsheet reads back whole, markup an XML
 * reader accepts whatever a partner typed, and schema changes described as an API consumer
 * needs them.
 */
import { buildSchema } from 'graphql';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../src/csv.js';
import { escapeMarkup } from '../src/markup.js';
import { diffSchemas } from '../src/schema-diff.js';

describe('open data text', () => {
  it('quotes CSV fields holding a comma, a quote or a line break, and leaves the rest bare', () => {
    expect(csvLine(['mtes/aigle', 'Aigle, "le" service', 'deux\nlignes', 3, true, null])).toBe('mtes/aigle,"Aigle, ""le"" service","deux\nlignes",3,true,\r\n');
  });

  it('drops what XML 1.0 forbids and escapes the rest, so one comment cannot break a feed', () => {
    const comment = 'Comité : go\u0000 <b>&</b> "oui" \u0007fin \uD800';
    const escaped = escapeMarkup(comment);
    expect(escaped).toBe('Comité : go &lt;b&gt;&amp;&lt;/b&gt; &quot;oui&quot; fin ');
    expect(XMLValidator.validate(`<summary>${escaped}</summary>`)).toBe(true);
  });

  it('marks as breaking what makes existing queries fail, and only that', () => {
    const before = buildSchema(`
      type Query { startups(first: Int): [Startup!]! }
      type Startup { id: ID! name: String! pitch: String }
      enum Phase { INVESTIGATION CONSTRUCTION }
      input Filter { phase: Phase }
    `);
    const after = buildSchema(`
      type Query { startups(first: Int, incubator: ID!): [Startup!]! }
      type Startup { id: ID! name: String website: String }
      enum Phase { INVESTIGATION CONSTRUCTION ACCELERATION }
      input Filter { phase: Phase, since: String! }
    `);
    const changes = diffSchemas(before, after).map((c) => `${c.breaking ? '!' : ' '} ${c.description}`);
    expect(changes.sort()).toEqual(
      [
        '! argument `incubator: ID!` ajouté à `Query.startups`',
        '! champ `Startup.pitch` supprimé',
        '! champ `Filter.since: String!` ajouté',
        '! champ `Startup.name` : `String!` devient `String`',
        '  champ `Startup.website: String` ajouté',
        '  valeur `ACCELERATION` ajoutée à `Phase`',
      ].sort(),
    );
  });
});
