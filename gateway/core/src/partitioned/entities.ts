/**
 * `_entities` fetches of the partitioned subgraph: each representation goes to the partner that
 * owns it, a shared entity to every partner, and the answers are put back where they were asked.
 */
import { Kind, type FieldNode, type GraphQLFormattedError, type InlineFragmentNode, type SelectionNode } from 'graphql';
import type { Partner } from '../partners.js';
import { isRecord } from '../upstream/answer.js';
import type { Call, GatewayGraphQLResponse } from './call.js';
import { argumentValue, documentWithRootFields, print, responseKey } from './document.js';
import { partnerError } from './errors.js';
import { deepMerge } from './merge.js';
import { isSharedEntity, representationOwner } from './route.js';
import type { PartnerSender } from './sender.js';
import { ENTITY_KEYS, entitiesViolation } from './shape.js';

/**
 * `_entities`: each representation goes to the partner its id names, in one batch per
 * partner; answers are put back in the order asked, `null` where no partner owns the id
 * or the owner failed, and error paths point at the original positions.
 */
export async function answerEntities(sender: PartnerSender, query: string, call: Call, field: FieldNode): Promise<GatewayGraphQLResponse> {
  const { variables } = call;
  const argument = field.arguments?.find((a) => a.name.value === 'representations');
  const variableName = argument?.value.kind === 'Variable' ? argument.value.name.value : undefined;
  const representations = argumentValue(field, 'representations', variables);
  if (!variableName || !Array.isArray(representations)) {
    throw new Error('the planner sent _entities without a representations variable');
  }
  const key = responseKey(field);
  const partnerOrder = new Map(sender.partners().map((p, i) => [p.id, i] as const));
  const results: unknown[] = representations.map(() => null);
  const errors: GraphQLFormattedError[] = [];
  const batches = new Map<string, number[]>();
  const add = (partnerId: string, index: number) => {
    const batch = batches.get(partnerId) ?? [];
    batch.push(index);
    batches.set(partnerId, batch);
  };
  // Every partner's answer for a shared entity, by representation index, merged below.
  const shared = new Map<number, unknown[]>();
  representations.forEach((representation, index) => {
    if (isSharedEntity((representation as { __typename?: unknown } | null)?.__typename)) {
      shared.set(index, []);
      for (const partner of sender.partners()) add(partner.id, index);
      return;
    }
    const owner = representationOwner(representation);
    if (owner !== null && sender.partnerById(owner)) add(owner, index);
  });

  await Promise.all(
    [...batches].map(async ([partnerId, indexes]) => {
      const partner = sender.partnerById(partnerId) as Partner;
      const batch = indexes.map((i) => representations[i] as { __typename: string });
      const request = sender.prepare(call, sender.verifies ? withEntityKeys(query, call, field) : query, {
        ...variables,
        [variableName]: batch,
      });
      const types = batch.map((r) => r.__typename);
      const response = sender.checked(partner, await sender.send(partner, call, request, { entityTypes: types }), (data) =>
        entitiesViolation(data[key], batch, field, sender.shapeContext(call, partner)),
      );
      const list = isRecord(response.data) ? response.data[key] : undefined;
      if (Array.isArray(list)) {
        indexes.forEach((original, j) => {
          // The reserved keys stay: @apollo/gateway shapes the response from the operation's own
          // selections, so fields nobody selected never reach a client or a representation.
          const entity = list[j] ?? null;
          const answers = shared.get(original);
          if (answers) answers[partnerOrder.get(partnerId) ?? 0] = entity;
          else results[original] = entity;
        });
      }
      for (const error of response.errors ?? []) {
        const [, j, ...rest] = error.path ?? [];
        const original = typeof j === 'number' ? indexes[j] : undefined;
        if (original !== undefined) {
          errors.push(partnerError(error, partnerId, [key, original, ...rest]));
        } else {
          // A failure of the whole batch: one error, at the first entity only it could answer
          // (one it owns), else the first it was asked; shared entities are filled by others.
          const at = indexes.find((i) => !shared.has(i)) ?? indexes[0] ?? 0;
          errors.push(partnerError(error, partnerId, [key, at]));
        }
      }
    }),
  );
  for (const [index, answers] of shared) results[index] = deepMerge(answers);
  const data = { [key]: results };
  return errors.length ? { data, errors } : { data };
}

/** The entity types of the contract, each answer of which must say its type and id. */
const ENTITY_TYPES = ['Startup', 'Incubator', 'Organisation'] as const;

/** `_entities` queries with the entity keys added, by the planner's query (a few per operation shape). */
const withKeys = new Map<string, string>();
const WITH_KEYS_KEPT = 1_000;

/**
 * The planner's `_entities` query, asking also each answer's id under a reserved key,
 * so that entitiesViolation can tell an answer is for the representation sent at its position.
 */
function withEntityKeys(query: string, call: Call, field: FieldNode): string {
  let keyed = withKeys.get(query);
  if (keyed === undefined) {
    const selections: SelectionNode[] = [
      ...(field.selectionSet?.selections ?? []),
      ...ENTITY_TYPES.map(
        (type): InlineFragmentNode => ({
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } },
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: [{ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: ENTITY_KEYS.id }, name: { kind: Kind.NAME, value: 'id' } }],
          },
        }),
      ),
    ];
    const entities: FieldNode = { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections } };
    keyed = print(documentWithRootFields(call.fetch, [entities]));
    if (withKeys.size >= WITH_KEYS_KEPT) withKeys.clear();
    withKeys.set(query, keyed);
  }
  return keyed;
}
