/**
 * Mutations of the partitioned subgraph: each field goes to the partner that owns what it writes,
 * once the caller may write there, and never twice.
 */
import type { ErrorCode } from '@gouvgraph/schema';
import { isNonNullType, type FieldNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { PartnerResponse } from '../partners.js';
import { partnerTag } from '../caching/freshness.js';
import type { WriteWatcher } from '../caching/writes.js';
import { isRecord } from '../upstream/answer.js';
import type { Call, GatewayGraphQLResponse } from './call.js';
import { documentWithRootFields, print, responseKey, variablesFor } from './document.js';
import { unknownPartnerError } from './errors.js';
import { mergeObject, partnerLevelErrors } from './merge.js';
import { carriesIdempotencyKey, mutationOwner } from './route.js';
import type { PartnerSender } from './sender.js';

/** What mutations need of the data source's options. */
export interface MutationOptions {
  /** The contract (to know which mutation fields are non-null). */
  contract: GraphQLSchema;
  /** Writes need the owning partner's token (with a registry). */
  writesNeedToken?: boolean | undefined;
  /** Told around each write sent to a partner (the caches forget what rests on it). */
  writes?: WriteWatcher | undefined;
}

/**
 * Mutations go to the partner that owns what they write. Consecutive fields for the same
 * partner travel together (the partner runs them in order, in its own transactions); when a
 * field fails the way GraphQL stops a mutation — a non-null field with no value — nothing
 * after it is sent, exactly as one server would stop.
 */
export async function applyMutations(
  sender: PartnerSender,
  options: MutationOptions,
  call: Call,
  fields: FieldNode[],
): Promise<GatewayGraphQLResponse> {
  const { fetch, variables } = call;
  const data: Record<string, unknown> = {};
  const errors: GraphQLFormattedError[] = [];
  const mutationFields = options.contract.getMutationType()?.getFields() ?? {};
  let i = 0;
  while (i < fields.length) {
    const field = fields[i] as FieldNode;
    const key = responseKey(field);
    if (field.name.value === '__typename') {
      data[key] = 'Mutation';
      i++;
      continue;
    }
    const owner = mutationOwner(field, variables);
    const partner = owner === null ? undefined : sender.partnerById(owner);
    if (!partner) {
      errors.push(
        unknownPartnerError(
          owner === null
            ? `${field.name.value}: the arguments name no incubator or startup id`
            : `${field.name.value}: no partner "${owner}" in the graph`,
          [key],
        ),
      );
      // Every contract mutation is non-null: a field without a value ends the mutation.
      return { data: null, errors };
    }
    if (options.writesNeedToken && call.partnerId !== partner.id) {
      // A partner writes only its own data: the gateway checks it before anything is sent.
      // An agent is someone, but partners alone write: forbidden rather than unauthenticated.
      const anonymous = call.partnerId === null && !call.agent;
      const code: ErrorCode = anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      errors.push({
        message: anonymous
          ? `${field.name.value} writes to ${partner.id}: send ${partner.id}'s token (Authorization: Bearer …)`
          : call.partnerId === null
            ? `${field.name.value} writes to ${partner.id}: only ${partner.id}'s partner token may, not an agent's`
            : `The token of ${call.partnerId} cannot write to ${partner.id}`,
        path: [key],
        extensions: { code, partner: partner.id },
      });
      return { data: null, errors };
    }
    const batch = [field];
    while (i + batch.length < fields.length) {
      const next = fields[i + batch.length] as FieldNode;
      if (next.name.value === '__typename' || mutationOwner(next, variables) !== partner.id) break;
      batch.push(next);
    }
    i += batch.length;
    const document = documentWithRootFields(fetch, batch);
    // Writes are never retried by the gateway: a partner that may have applied one must not
    // apply it twice. With idempotency keys, the caller may send them again (retrySafe).
    const request = sender.prepare(call, print(document), variablesFor(document, variables));
    const retrySafe = batch.every((f) => carriesIdempotencyKey(f, variables));
    const tag = partnerTag(partner.id);
    options.writes?.writing(tag);
    let response: PartnerResponse;
    try {
      response = await sender.send(partner, call, request, { write: { retrySafe } });
    } finally {
      await options.writes?.written(tag);
    }
    const answer = { partnerId: partner.id, response };
    errors.push(...partnerLevelErrors(answer, [responseKey(field)]));
    for (const f of batch) {
      const merged = mergeObject(f, [answer]);
      data[responseKey(f)] = merged.value;
      errors.push(...merged.errors);
    }
    const stopped =
      !isRecord(response.data) || batch.some((f) => data[responseKey(f)] == null && isNonNullType(mutationFields[f.name.value]?.type));
    if (stopped) return { data: null, errors };
  }
  return errors.length ? { data, errors } : { data };
}
