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
import { diffSchemas, isBreaking } from '../src/schema-diff.js';

describe('open data text', () => {
  it('quotes CSV fields holding a comma, a quote or a line break, and leaves the rest bare', () => {
    expect(csvLine(['mtes/aigle', 'Aigle, "le" service', 'deux\nlignes', 3, true, null])).toBe(
      'mtes/aigle,"Aigle, ""le"" service","deux\nlignes",3,true,\r\n',
    );
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
    const changes = diffSchemas(before, after).map((c) => `${isBreaking(c) ? '!' : ' '} ${c.description}`);
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

  it('rates what existing queries keep answering but may now see as dangerous, not breaking', () => {
    const before = buildSchema(`
      type Query { startups(first: Int = 20): [Startup!]! search: [Result!]! }
      type Startup { id: ID! phase: Phase! }
      type Incubator { id: ID! }
      enum Phase { INVESTIGATION CONSTRUCTION }
      union Result = Startup
    `);
    const after = buildSchema(`
      type Query { startups(first: Int = 50, phase: Phase): [Startup!]! search: [Result!]! }
      type Startup { id: ID! phase: Phase! }
      type Incubator { id: ID! }
      enum Phase { INVESTIGATION CONSTRUCTION ACCELERATION }
      union Result = Startup | Incubator
    `);
    expect(
      diffSchemas(before, after)
        .map((c) => `${c.criticality} ${c.description}`)
        .sort(),
    ).toEqual(
      [
        'DANGEROUS valeur par défaut de l’argument `Query.startups(first)` : `20` devient `50`',
        'DANGEROUS argument `phase: Phase` ajouté à `Query.startups`',
        'DANGEROUS valeur `ACCELERATION` ajoutée à `Phase`',
        'DANGEROUS `Incubator` ajouté à l’union `Result`',
      ].sort(),
    );
  });

  it('says a new type once, not each of its fields, and names what clients lose: interfaces, union members, enum values', () => {
    const before = buildSchema(`
      interface Node { id: ID! }
      type Query { node(id: ID!): Node legacy: String }
      type Startup implements Node { id: ID! }
      enum Phase { INVESTIGATION ALUMNI }
      union Result = Startup | Query
    `);
    const after = buildSchema(`
      interface Node { id: ID! }
      type Query { node(id: ID!): Node legacy: String @deprecated(reason: "Utiliser \`node\`.") events(since: String!): [Event!]! }
      type Startup { id: ID! }
      type Event { at: String! kind: String! }
      enum Phase { INVESTIGATION }
      union Result = Startup
    `);
    const changes = diffSchemas(before, after);
    expect(changes.map((c) => `${isBreaking(c) ? '!' : ' '} ${c.kind} ${c.path}: ${c.description}`).sort()).toEqual(
      [
        '  added Event: type `Event` ajouté',
        '  added Query.events: champ `Query.events: [Event!]!` ajouté',
        '  changed Query.legacy: champ `Query.legacy` déprécié : Utiliser `node`.',
        '! removed Phase.ALUMNI: valeur `ALUMNI` retirée de `Phase`',
        '! removed Result: `Query` retiré de l’union `Result`',
        '! removed Startup: `Startup` n’implémente plus l’interface `Node`',
      ].sort(),
    );
  });
});
