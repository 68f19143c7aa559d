/**
 * The partitioned data source: the one logical `incubators` subgraph of the supergraph, backed
 * by every partner that implements the contract. @apollo/gateway plans and validates as for
 * any subgraph; this class fans each fetch out to the partners that own the rows and merges
 * their answers (see ../../../../shared/design/partitioning.md for what the planner sends).
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  parse,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { afterProblem, codedFormattedError, DEFAULT_PAGE_SIZE, pageSizeProblem, type OrderDirection, type StartupOrderField } from '@gouvgraph/schema';
import {
  PartnerCallCounter,
  serializeRequest,
  type Partner,
  type PartnerClient,
  type PartnerResponse,
  type SerializedRequest,
} from '../partner-client.js';
import {
  argumentValue,
  documentWithRootFields,
  flattenFields,
  parsedFetch,
  withVariableDefaults,
  print,
  responseKey,
  variablesFor,
  type ParsedFetch,
  type Variables,
} from './document.js';
import { ContractAdapter } from './contract-adapter.js';
import { partnerError, unknownPartnerError } from './errors.js';
import {
  dedupeErrors,
  deepMerge,
  mergeConnection,
  mergeList,
  mergeObject,
  partnerLevelErrors,
  withConnectionBookkeeping,
  type Merged,
  type PartnerAnswer,
  type RootFieldShape,
} from './merge.js';
import { isSharedEntity, mutationOwner, queryFieldTarget, representationOwner, type Target } from './route.js';
import { appendPage, edgesKeysOf, followUps, quota, withPageArguments } from './paging.js';
import { entitiesShapeProblem, rootShapeProblem } from './shape.js';
import type { WriteWatcher } from '../response-cache.js';
import { requestIdOf } from '../upstream.js';

export interface PartitionedDataSourceOptions {
  /** The contract every partner implements (to know what each root field returns). */
  contract: GraphQLSchema;
  /** The partners, in the order their answers are concatenated. */
  partners: () => readonly Partner[];
  client: PartnerClient;
  /** The contract's default page size (`first` when a query leaves it out). */
  defaultPageSize?: number;
  /** Writes need the owning partner's token (with a registry). Default false: open writes. */
  writesNeedToken?: boolean;
  /** Told around each write sent to a partner (the response cache forgets). */
  writes?: WriteWatcher | undefined;
}

type Obj = Record<string, unknown>;
/** What a data source returns to the gateway (its package does not export the name). */
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** A request ready for partners: serialized once, with what a partner on an older contract needs to adapt it. */
interface PreparedRequest extends SerializedRequest {
  query: string;
  variables: Variables | undefined;
  operationName: string | undefined;
}

export class PartitionedDataSource implements GraphQLDataSource {
  private readonly shapes = new Map<string, RootFieldShape>();
  private readonly adapter = new ContractAdapter();
  /** A request as adapted for each older contract version, serialized once per version. */
  private readonly adapted = new WeakMap<PreparedRequest, Map<string, ReturnType<ContractAdapter['adapt']> & { request?: SerializedRequest }>>();

  constructor(private readonly options: PartitionedDataSourceOptions) {}

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('the planner sent no query');
    const document = ('document' in options && options.document) || parse(request.query);
    const fetch = parsedFetch(document, request.operationName);
    // Routing and merging read the arguments partners will see: defaults included.
    const variables = withVariableDefaults(fetch.operation, (request.variables ?? {}) as Variables);
    const fields = flattenFields(fetch.operation.selectionSet, fetch.fragments, variables);

    const call: Call = { fetch, variables, trace: traceOf(options), partnerId: identityOf(options), agent: isAgent(options), signFor: signerOf(options), requestId: requestIdOf(options) };

    if (fetch.operation.operation === 'mutation') return this.mutate(call, fields);
    if (fields.length === 1 && fields[0]?.name.value === '_entities') return this.entities(request.query, call, fields[0]);
    return this.query(request.query, call, fields);
  }

  private partnerById(id: string): Partner | undefined {
    return this.options.partners().find((p) => p.id === id);
  }

  private resolveTarget(target: Target): Partner[] {
    const partners = this.options.partners();
    if (target.kind === 'all') return [...partners];
    return partners.filter((p) => target.partnerIds.includes(p.id));
  }

  private shapeOf(fieldName: string): RootFieldShape {
    let shape = this.shapes.get(fieldName);
    if (!shape) {
      const def = this.options.contract.getQueryType()?.getFields()[fieldName];
      if (fieldName === '__typename') shape = 'typename';
      else if (!def) shape = 'object';
      else if (isListType(getNullableType(def.type))) shape = 'list';
      else if (getNamedType(def.type).name.endsWith('Connection')) shape = 'connection';
      else shape = 'object';
      this.shapes.set(fieldName, shape);
    }
    return shape;
  }

  /** A request for partners, serialized once however many partners it goes to. */
  private prepare(call: Call, query: string, variables: Variables | undefined): PreparedRequest {
    const operationName = call.fetch.operation.name?.value;
    return { ...serializeRequest({ query, variables, operationName }), query, variables, operationName };
  }

  /**
   * Sends a request to a partner. A partner on an older contract version gets it without the
   * fields its version lacks, and its answer gets them back as null (see contract-adapter.ts);
   * a request it cannot answer at all is not sent. `entityTypes`: the representations' types,
   * for an `_entities` request.
   */
  private async send(partner: Partner, call: Call, request: PreparedRequest, idempotent = true, entityTypes?: readonly string[]): Promise<PartnerResponse> {
    const version = partner.contractVersion;
    // Only a write carries the caller's identity, and only to the partner it writes to: reads go
    // to every partner, which must not learn (nor be able to reuse) who asked.
    const identity = idempotent ? undefined : call.signFor;
    const requestId = call.requestId;
    if (!this.adapter.needsAdapting(version)) return this.options.client.send(partner, request, { idempotent, trace: call.trace, identity, requestId });
    let perVersion = this.adapted.get(request);
    if (!perVersion) this.adapted.set(request, (perVersion = new Map()));
    let adaptation = perVersion.get(version);
    if (!adaptation) {
      const adapted = this.adapter.adapt(request.query, version, request.variables);
      adaptation = adapted.ok && adapted.operation
        ? { ...adapted, request: serializeRequest({ query: adapted.operation.query, variables: adapted.variables, operationName: request.operationName }) }
        : adapted;
      perVersion.set(version, adaptation);
    }
    if (!adaptation.ok) {
      return {
        ok: false,
        errors: [
          codedFormattedError(
            'PARTNER_CONTRACT_OUTDATED',
            `Partner ${partner.id} implements contract ${version}, which cannot answer this request: ${adaptation.problems.join('; ')}`,
            { partner: partner.id, contractVersion: version },
          ),
        ],
      };
    }
    const response = await this.options.client.send(partner, adaptation.request ?? request, { idempotent, trace: call.trace, identity, requestId });
    if (adaptation.operation && isObj(response.data)) adaptation.operation.fill(response.data, entityTypes);
    return response;
  }

  /**
   * A partner's answer whose data does not fit what it was asked becomes a failure of that
   * partner (and counts against its circuit), instead of flowing into the merged answer.
   */
  private checked(partner: Partner, response: PartnerResponse, problem: (data: Record<string, unknown>) => string | null): PartnerResponse {
    if (!isObj(response.data)) return response;
    const found = problem(response.data);
    if (!found) return response;
    const message = `Partner ${partner.id}: its answer does not fit the contract (${found})`;
    this.options.client.reportInvalid(partner, message);
    return { ok: false, errors: [codedFormattedError('PARTNER_INVALID_RESPONSE', message, { partner: partner.id })] };
  }

  private shapeContext(call: Call) {
    return { schema: this.options.contract, fragments: call.fetch.fragments, variables: call.variables };
  }

  /** Root query fields: each partner gets the fields it owns rows for; answers are merged per field. */
  private async query(originalQuery: string, call: Call, fields: FieldNode[]): Promise<GatewayGraphQLResponse> {
    const { fetch, variables } = call;
    const targets = fields.map((f) => this.resolveTarget(queryFieldTarget(f, variables)));
    // Arguments every partner would refuse are refused once, here, without calling anyone.
    const refused = new Map<number, GraphQLFormattedError>();
    fields.forEach((f, i) => {
      const refusal = this.shapeOf(f.name.value) === 'connection' ? connectionArgumentProblem(f, variables) : null;
      if (refusal) {
        refused.set(i, codedFormattedError('BAD_USER_INPUT', refusal.message, { field: refusal.field }, [responseKey(f)]));
        targets[i] = [];
      }
    });
    // A connection answered by several partners needs its cursors to merge (added under
    // reserved aliases), and each partner is first asked for its likely share of the page only.
    const firsts = fields.map((f) => pageSize(f, variables, this.defaultPageSize));
    // Shares of a page only when rows come back: a client reading only counts gets no row at all.
    const quotas = fields.map((f, i) =>
      rowsWanted(f, fetch.fragments, variables, firsts[i] ?? 0) ? quota(firsts[i] ?? 0, targets[i]?.length ?? 0) : (firsts[i] ?? 0),
    );
    const sent = fields.map((f, i) => {
      if (this.shapeOf(f.name.value) !== 'connection' || (targets[i]?.length ?? 0) <= 1) return f;
      const first = firsts[i] ?? 0;
      const share = quotas[i] ?? first;
      const kept = withConnectionBookkeeping(f, fetch.fragments, variables, first, share < first);
      return share < first ? withPageArguments(kept, share) : kept;
    });

    // Partners asked the same subset of fields share one document.
    const byPartner = new Map<string, { partner: Partner; indexes: number[] }>();
    targets.forEach((partners, i) => {
      for (const partner of partners) {
        const entry = byPartner.get(partner.id) ?? { partner, indexes: [] };
        entry.indexes.push(i);
        byPartner.set(partner.id, entry);
      }
    });
    const documents = new Map<string, PreparedRequest>();
    const documentFor = (indexes: number[]) => {
      const signature = indexes.join(',');
      let doc = documents.get(signature);
      if (!doc) {
        const unchanged = indexes.length === fields.length && sent.every((f, i) => f === fields[i]);
        if (unchanged) doc = this.prepare(call, originalQuery, variables);
        else {
          const document = documentWithRootFields(fetch, indexes.map((i) => sent[i] as FieldNode));
          doc = this.prepare(call, print(document), variablesFor(document, variables));
        }
        documents.set(signature, doc);
      }
      return doc;
    };
    const root = this.options.contract.getQueryType();
    const answers = new Map<string, PartnerResponse>(
      await Promise.all(
        [...byPartner.values()].map(async ({ partner, indexes }) => {
          const response = await this.send(partner, call, documentFor(indexes));
          const asked = indexes.map((i) => sent[i] as FieldNode).filter((f) => f.name.value !== '__typename');
          const checked = root ? this.checked(partner, response, (data) => rootShapeProblem(data, root, asked, this.shapeContext(call))) : response;
          return [partner.id, checked] as const;
        }),
      ),
    );

    await this.settlePages(call, fields, sent, targets, firsts, quotas, answers);

    const data: Obj = {};
    const errors: GraphQLFormattedError[] = [];
    for (const { partner, indexes } of byPartner.values()) {
      const first = fields[indexes[0] ?? 0] as FieldNode;
      errors.push(...partnerLevelErrors({ partnerId: partner.id, response: answers.get(partner.id) ?? { ok: false } }, [responseKey(first)]));
    }
    fields.forEach((field, i) => {
      const fieldAnswers: PartnerAnswer[] = (targets[i] ?? []).map((p) => ({
        partnerId: p.id,
        response: answers.get(p.id) ?? { ok: false },
      }));
      const refusal = refused.get(i);
      if (refusal) {
        data[responseKey(field)] = null;
        errors.push(refusal);
        return;
      }
      const merged = this.mergeField(field, fieldAnswers, variables, fetch);
      data[responseKey(field)] = merged.value;
      errors.push(...merged.errors);
    });
    const unique = dedupeErrors(errors);
    return unique.length ? { data, errors: unique } : { data };
  }

  /**
   * Asks again the partners whose share of a page is not settled by what they sent (see
   * paging.ts), and appends their rows to their answers. One follow-up per partner settles it.
   */
  private async settlePages(
    call: Call,
    fields: readonly FieldNode[],
    sent: readonly FieldNode[],
    targets: readonly Partner[][],
    firsts: readonly number[],
    quotas: readonly number[],
    answers: Map<string, PartnerResponse>,
  ): Promise<void> {
    const owedBy = new Map<string, { partner: Partner; fields: { index: number; after: string; first: number }[] }>();
    fields.forEach((field, i) => {
      const first = firsts[i] ?? 0;
      if ((quotas[i] ?? first) >= first) return;
      const mine = new Map((targets[i] ?? []).map((p) => [p.id, answers.get(p.id) ?? { ok: false }] as const));
      for (const [partnerId, owed] of followUps(responseKey(field), mine, first)) {
        const partner = this.partnerById(partnerId) as Partner;
        const entry = owedBy.get(partnerId) ?? { partner, fields: [] };
        entry.fields.push({ index: i, ...owed });
        owedBy.set(partnerId, entry);
      }
    });
    if (owedBy.size === 0) return;
    const root = this.options.contract.getQueryType();
    await Promise.all(
      [...owedBy.values()].map(async ({ partner, fields: owed }) => {
        const asked = owed.map(({ index, after, first }) => withPageArguments(sent[index] as FieldNode, first, after));
        const document = documentWithRootFields(call.fetch, asked);
        const response = await this.send(partner, call, this.prepare(call, print(document), variablesFor(document, call.variables)));
        const checked = root ? this.checked(partner, response, (data) => rootShapeProblem(data, root, asked, this.shapeContext(call))) : response;
        let answer = answers.get(partner.id) ?? { ok: false };
        for (const { index } of owed) {
          const field = fields[index] as FieldNode;
          const edgesKeys = edgesKeysOf(flattenFields(field.selectionSet, call.fetch.fragments, call.variables));
          answer = appendPage(answer, checked, responseKey(field), edgesKeys);
        }
        const partnerLevel = (checked.errors ?? []).filter((e) => !e.path || e.path.length === 0);
        answers.set(partner.id, partnerLevel.length ? { ...answer, errors: [...(answer.errors ?? []), ...partnerLevel] } : answer);
      }),
    );
  }

  private get defaultPageSize(): number {
    return this.options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  }

  private mergeField(field: FieldNode, answers: PartnerAnswer[], variables: Variables, fetch: ParsedFetch): Merged {
    const shape = this.shapeOf(field.name.value);
    switch (shape) {
      case 'typename':
        return { value: 'Query', errors: [] };
      case 'list':
        return mergeList(field, answers);
      case 'object':
        return mergeObject(field, answers);
      case 'connection':
        // One healthy partner's page is already the answer (and was sent without bookkeeping).
        if (answers.length === 1 && answers[0]?.response.ok) return mergeObject(field, answers);
        return mergeConnection(field, answers, variables, fetch.fragments, this.defaultPageSize);
      default: {
        const never: never = shape;
        throw new Error(`unknown root field shape ${String(never)}`);
      }
    }
  }

  /**
   * `_entities`: each representation goes to the partner its id names, in one batch per
   * partner; answers are put back in the order asked, `null` where no partner owns the id
   * or the owner failed, and error paths point at the original positions.
   */
  private async entities(query: string, call: Call, field: FieldNode): Promise<GatewayGraphQLResponse> {
    const { variables } = call;
    const argument = field.arguments?.find((a) => a.name.value === 'representations');
    const variableName = argument?.value.kind === 'Variable' ? argument.value.name.value : undefined;
    const representations = argumentValue(field, 'representations', variables);
    if (!variableName || !Array.isArray(representations)) {
      throw new Error('the planner sent _entities without a representations variable');
    }
    const key = responseKey(field);
    const partnerOrder = new Map(this.options.partners().map((p, i) => [p.id, i] as const));
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
        for (const partner of this.options.partners()) add(partner.id, index);
        return;
      }
      const owner = representationOwner(representation);
      if (owner !== null && this.partnerById(owner)) add(owner, index);
    });

    await Promise.all(
      [...batches].map(async ([partnerId, indexes]) => {
        const partner = this.partnerById(partnerId) as Partner;
        const batch = indexes.map((i) => representations[i] as { __typename: string });
        const request = this.prepare(call, query, { ...variables, [variableName]: batch });
        const types = batch.map((r) => r.__typename);
        const response = this.checked(partner, await this.send(partner, call, request, true, types), (data) =>
          entitiesShapeProblem(data[key], batch.length, field, batch.map((r) => r.__typename), this.shapeContext(call)),
        );
        const list = isObj(response.data) ? response.data[key] : undefined;
        if (Array.isArray(list)) {
          indexes.forEach((original, j) => {
            const answers = shared.get(original);
            if (answers) answers[partnerOrder.get(partnerId) ?? 0] = list[j] ?? null;
            else results[original] = list[j] ?? null;
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

  /**
   * Mutations go to the partner that owns what they write. Consecutive fields for the same
   * partner travel together (the partner runs them in order, in its own transactions); when a
   * field fails the way GraphQL stops a mutation — a non-null field with no value — nothing
   * after it is sent, exactly as one server would stop.
   */
  private async mutate(call: Call, fields: FieldNode[]): Promise<GatewayGraphQLResponse> {
    const { fetch, variables } = call;
    const data: Obj = {};
    const errors: GraphQLFormattedError[] = [];
    const mutationFields = this.options.contract.getMutationType()?.getFields() ?? {};
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
      const partner = owner === null ? undefined : this.partnerById(owner);
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
      if (this.options.writesNeedToken && call.partnerId !== partner.id) {
        // A partner writes only its own data: the gateway checks it before anything is sent.
        // An agent is someone, but partners alone write: forbidden rather than unauthenticated.
        const anonymous = call.partnerId === null && !call.agent;
        errors.push(
          codedFormattedError(
            anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN',
            anonymous
              ? `${field.name.value} writes to ${partner.id}: send ${partner.id}'s token (Authorization: Bearer …)`
              : call.partnerId === null
                ? `${field.name.value} writes to ${partner.id}: only ${partner.id}'s partner token may, not an agent's`
                : `The token of ${call.partnerId} cannot write to ${partner.id}`,
            { partner: partner.id },
            [key],
          ),
        );
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
      // Writes are never retried: a partner that may have applied one must not apply it twice.
      const request = this.prepare(call, print(document), variablesFor(document, variables));
      this.options.writes?.writing();
      let response: PartnerResponse;
      try {
        response = await this.send(partner, call, request, false);
      } finally {
        await this.options.writes?.written();
      }
      const answer = { partnerId: partner.id, response };
      errors.push(...partnerLevelErrors(answer, [responseKey(field)]));
      for (const f of batch) {
        const merged = mergeObject(f, [answer]);
        data[responseKey(f)] = merged.value;
        errors.push(...merged.errors);
      }
      const stopped =
        !isObj(response.data) ||
        batch.some((f) => data[responseKey(f)] == null && isNonNullType(mutationFields[f.name.value]?.type));
      if (stopped) return { data: null, errors };
    }
    return errors.length ? { data, errors } : { data };
  }
}

/** One fetch being answered: its operation, variables (defaults applied) and the request's call trace. */
interface Call {
  fetch: ParsedFetch;
  variables: Variables;
  trace: PartnerCallCounter | undefined;
  /** The partner whose token the request carries, if any. */
  partnerId: string | null;
  /** Whether an authenticated agent is calling. */
  agent: boolean;
  /** Signs the caller's identity for one write (to a partner, with a body). */
  signFor: ((audience: string, body: string) => string) | undefined;
  /** The request's id, passed on to partners for their logs. */
  requestId: string | undefined;
}

function isAgent(options: GraphQLDataSourceProcessOptions): boolean {
  const context: unknown = options.context;
  return isObj(context) && isObj(context.caller) && context.caller.kind === 'agent';
}

/** The identity signer the gateway put in its context, when it has an identity key. */
function signerOf(options: GraphQLDataSourceProcessOptions): ((audience: string, body: string) => string) | undefined {
  const context: unknown = options.context;
  return isObj(context) && typeof context.signFor === 'function' ? (context.signFor as (audience: string, body: string) => string) : undefined;
}

/** The partner identity the gateway put in its context, when there is one. */
function identityOf(options: GraphQLDataSourceProcessOptions): string | null {
  const context: unknown = options.context;
  return isObj(context) && typeof context.partnerId === 'string' ? context.partnerId : null;
}

/** The per-request call counter the gateway puts in its context, when there is one. */
function traceOf(options: GraphQLDataSourceProcessOptions): PartnerCallCounter | undefined {
  const context: unknown = options.context;
  const trace = isObj(context) ? context.partnerCalls : undefined;
  return trace instanceof PartnerCallCounter ? trace : undefined;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a connection field returns rows: a page size above 0 and edges or pageInfo selected. */
function rowsWanted(field: FieldNode, fragments: ParsedFetch['fragments'], variables: Variables, first: number): boolean {
  return first > 0 && flattenFields(field.selectionSet, fragments, variables).some((f) => f.name.value === 'edges' || f.name.value === 'pageInfo');
}

/** The page size a connection field asks for (the contract's default when it does not say). */
function pageSize(field: FieldNode, variables: Variables, fallback: number): number {
  const first = argumentValue(field, 'first', variables);
  return typeof first === 'number' ? first : fallback;
}

/** A connection argument no partner would accept (`first` out of range, a foreign `after`), or null. */
function connectionArgumentProblem(field: FieldNode, variables: Variables): { message: string; field: string } | null {
  const sizeProblem = pageSizeProblem(argumentValue(field, 'first', variables));
  if (sizeProblem) return { message: sizeProblem, field: 'first' };
  const orderBy = argumentValue(field, 'orderBy', variables);
  const order = isObj(orderBy) ? orderBy : {};
  const sortField = (typeof order.field === 'string' ? order.field : 'NAME') as StartupOrderField;
  const direction = (typeof order.direction === 'string' ? order.direction : 'ASC') as OrderDirection;
  const cursorProblem = afterProblem(argumentValue(field, 'after', variables), sortField, direction);
  return cursorProblem ? { message: cursorProblem, field: 'after' } : null;
}
