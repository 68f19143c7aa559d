/**
 * The rules an incubator's `startupTally` (contract 1.3) must hold before the gateway passes it
 * on (`tallyProblem` in @gouvgraph/schema): rows that could be true, and — when the request read
 * the incubator's unfiltered `startups { totalCount }` beside them — rows that add up to it. The
 * impact subgraph sums these rows into the government's numbers: a partner's wrong count would
 * otherwise become everyone's.
 */
import { tallyProblem, type TallyRowRead, type ViolationFound } from '@gouvgraph/schema';
import type { FieldNode, FragmentDefinitionNode } from 'graphql';
import { isRecord } from '../upstream/answer.js';
import { argumentValue, flattenFields, responseKey, type Variables } from './document.js';

interface TallyContext {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Variables;
}

const ROW_FIELDS = ['entryYear', 'phase', 'reachedConstruction', 'startups', 'committeeReviews', 'daysToAcceleration'] as const;

/** The rule an incubator object's tally breaks, or null (also when the request did not read it). */
export function tallyViolation(incubator: Record<string, unknown>, node: FieldNode, ctx: TallyContext): ViolationFound | null {
  const fields = flattenFields(node.selectionSet, ctx.fragments, ctx.variables);
  const tallyField = fields.find((f) => f.name.value === 'startupTally');
  const rows = tallyField ? incubator[responseKey(tallyField)] : null;
  if (!tallyField || !Array.isArray(rows)) return null;
  const rowFields = flattenFields(tallyField.selectionSet, ctx.fragments, ctx.variables);
  const read = rows.map((row) => {
    const record = isRecord(row) ? row : {};
    const out: Record<string, unknown> = {};
    for (const f of rowFields) if ((ROW_FIELDS as readonly string[]).includes(f.name.value)) out[f.name.value] = record[responseKey(f)];
    return out as TallyRowRead;
  });
  const problem = tallyProblem(read, unfilteredTotal(incubator, fields, ctx));
  return problem ? { rule: 'TALLY', detail: problem } : null;
}

/** The incubator's `startups { totalCount }` read without a filter, when the request read it. */
function unfilteredTotal(incubator: Record<string, unknown>, fields: readonly FieldNode[], ctx: TallyContext): number | undefined {
  for (const field of fields) {
    if (field.name.value !== 'startups' || argumentValue(field, 'filter', ctx.variables)) continue;
    const connection = incubator[responseKey(field)];
    if (!isRecord(connection)) continue;
    const total = flattenFields(field.selectionSet, ctx.fragments, ctx.variables).find((f) => f.name.value === 'totalCount');
    const value = total ? connection[responseKey(total)] : undefined;
    if (typeof value === 'number') return value;
  }
  return undefined;
}
