/** The cost estimate: lists, pages and fan-out multiply; fragments cost linear time however much they expand to. */
import { contractTypeDefs, DEFAULT_PAGE_SIZE } from '@gouvgraph/schema';
import { buildASTSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost, type CostModel } from '../src/limits/cost.js';
import { quota } from '../src/partitioned/paging.js';
import { queryFieldFanOut } from '../src/partitioned/route.js';

const schema = buildASTSchema(
  { kind: Kind.DOCUMENT, definitions: contractTypeDefs.definitions.filter((d) => d.kind !== Kind.SCHEMA_EXTENSION) },
  { assumeValidSDL: true },
);

function cost(query: string, partners: number, variables: Record<string, unknown> = {}, ceiling?: number): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const model: CostModel = {
    fanOut: (field, vars) => queryFieldFanOut(field, vars, partners),
    share: quota,
    sharedTypes: new Set(['Organisation']),
    partners: () => partners,
    defaultPageSize: DEFAULT_PAGE_SIZE,
  };
  return operationCost(schema, operation, fragments, variables, model, ceiling);
}

describe('operation cost', () => {
  it('is one call and one row for a lookup by id, whatever the number of partners', () => {
    expect(cost('{ startup(id: "mtes/acceslibre") { name pitch } }', 23)).toBe(10 + 1);
    expect(cost('{ startup(id: "mtes/acceslibre") { name pitch } }', 64)).toBe(10 + 1);
  });

  it('grows with the partners a page fans out to, each asked for its share', () => {
    const page = '{ startups(first: 40) { edges { node { name } } } }';
    // One partner: a call, the connection, 40 edges with their node.
    expect(cost(page, 1)).toBe(10 + 1 + 40 * (1 + 1));
    expect(cost(page, 8)).toBe(8 * (10 + 1 + quota(40, 8) * 2));
    expect(cost(page, 64)).toBeGreaterThan(cost(page, 8));
    // The default page size when `first` is not given, or given as a variable.
    expect(cost('{ startups { edges { node { name } } } }', 1)).toBe(10 + 1 + DEFAULT_PAGE_SIZE * 2);
    expect(cost('query($n: Int) { startups(first: $n) { edges { node { name } } } }', 1, { n: 40 })).toBe(cost(page, 1));
  });

  it('costs an exponential fragment expansion in linear time, and stops at the ceiling', () => {
    // Six levels, ten aliases each: a million startups' names if it ran.
    const level = (name: string, next: string) =>
      `fragment ${name} on Incubator { ${Array.from({ length: 10 }, (_, i) => `a${i}: startups(first: 1) { edges { node { incubator { ...${next} } } } }`).join(' ')} }`;
    const names = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'];
    const query = `{ incubator(id: "mtes") { ...L1 } } ${names.map((n, i) => level(n, names[i + 1] ?? 'Leaf')).join(' ')} fragment Leaf on Incubator { name }`;
    expect(cost(query, 23)).toBeGreaterThan(1_000_000);
    expect(cost(query, 23, {}, 25_000)).toBeGreaterThan(25_000);
  });
});
