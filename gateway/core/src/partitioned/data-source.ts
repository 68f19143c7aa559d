/**
 * The partitioned data source: the one logical `incubators` subgraph of the supergraph, backed
 * by every partner that implements the contract. @apollo/gateway plans and validates as for
 * any subgraph; this class fans each fetch out to the partners that own the rows and merges
 * their answers (docs/architecture.md, "Partitioning", says what the planner sends and why the
 * fan-out, merge and paging work as they do).
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { getNamedType, getNullableType, isListType, parse, type FieldNode, type GraphQLFormattedError } from 'graphql';
import {
  afterProblem,
  CONTRACT_SUBGRAPH_NAME,
  DEFAULT_PAGE_SIZE,
  pageSizeProblem,
  type OrderDirection,
  type StartupOrderField,
} from '@gouvgraph/schema';
import type { FetchCache } from '../caching/fetch-cache.js';
import type { Partner, PartnerResponse } from '../partners.js';
import { isRecord } from '../upstream/answer.js';
import { callOf, readsOf, type Call, type GatewayGraphQLResponse } from './call.js';
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
import { answerEntities } from './entities.js';
import {
  dedupeErrors,
  mergeConnection,
  mergeList,
  mergeObject,
  partnerLevelErrors,
  withConnectionBookkeeping,
  type Merged,
  type PartnerAnswer,
  type RootFieldShape,
} from './merge.js';
import { applyMutations, type MutationOptions } from './mutations.js';
import { queryFieldTarget, type Target } from './route.js';
import { appendPage, edgesKeysOf, followUps, quota, withPageArguments } from './paging.js';
import { PartnerSender, type PartnerSenderOptions, type PreparedRequest } from './sender.js';
import { rootViolation } from './shape.js';

/**
 * The partitioned data source's options: the contract, the partners and their client (sender.ts),
 * and whether and how writes are watched (mutations.ts).
 */
export interface PartitionedDataSourceOptions extends PartnerSenderOptions, MutationOptions {
  /** The contract's default page size (`first` when a query leaves it out). */
  defaultPageSize?: number;
  /**
   * Keeps each read's merged answer (caching/fetch-cache.ts), tagged with the partners it read:
   * to the planner this subgraph is one upstream, and one of its fetches — same operation, same
   * variables — merges to the same answer whoever asked, as long as no partner it read changed.
   */
  cache?: FetchCache | undefined;
  /** Told whether each read was answered from the cache (`hit`) or not, for metrics (as `incubators`, the contract subgraph). */
  countCache?: ((upstream: string, result: 'hit' | 'miss') => void) | undefined;
}

/** Where the merged answers' keys start in the fetch cache: apart from any one partner's. */
const CONTRACT_KEY = 'contract\u0000';

export class PartitionedDataSource implements GraphQLDataSource {
  private readonly shapes = new Map<string, RootFieldShape>();
  private readonly sender: PartnerSender;

  constructor(private readonly options: PartitionedDataSourceOptions) {
    this.sender = new PartnerSender(options);
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('the planner sent no query');
    const document = ('document' in options && options.document) || parse(request.query);
    const fetch = parsedFetch(document, request.operationName);
    const { cache } = this.options;
    if (!cache || fetch.operation.operation !== 'query') return this.answer(options, fetch);
    // The merged answer of an identical read, kept: no partner asked, nothing parsed per partner,
    // checked or merged again (its partners' answers were checked when it was made).
    const key = `${CONTRACT_KEY}${request.operationName ?? ''}\u0000${request.query}\u0000${JSON.stringify(request.variables ?? {})}`;
    const outer = readsOf(options);
    const kept = cache.readWithTags(key);
    this.options.countCache?.(CONTRACT_SUBGRAPH_NAME, kept ? 'hit' : 'miss');
    if (kept) {
      if (outer) for (const tag of kept.tags) outer.add(tag);
      return JSON.parse(kept.text) as GatewayGraphQLResponse;
    }
    const ticket = cache.ticket();
    const reads = new Set<string>();
    const answer = await this.answer(options, fetch, reads);
    if (outer) for (const tag of reads) outer.add(tag);
    if (answer.data && !answer.errors?.length) cache.keep(key, JSON.stringify(answer), [...reads], ticket);
    return answer;
  }

  /** A fetch answered by the partners: routed, sent, checked, merged. `reads`: where the partners read are noted. */
  private answer(options: GraphQLDataSourceProcessOptions, fetch: ParsedFetch, reads?: Set<string>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const query = request.query as string;
    // Routing and merging read the arguments partners will see: defaults included.
    const variables = withVariableDefaults(fetch.operation, (request.variables ?? {}) as Variables);
    const fields = flattenFields(fetch.operation.selectionSet, fetch.fragments, variables);

    const call = callOf(options, fetch, variables);
    if (reads) call.reads = reads;

    if (fetch.operation.operation === 'mutation') return applyMutations(this.sender, this.options, call, fields);
    if (fields.length === 1 && fields[0]?.name.value === '_entities') return answerEntities(this.sender, query, call, fields[0]);
    return this.query(query, call, fields);
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

  /** Root query fields: each partner gets the fields it owns rows for; answers are merged per field. */
  private async query(originalQuery: string, call: Call, fields: FieldNode[]): Promise<GatewayGraphQLResponse> {
    const { fetch, variables } = call;
    const targets = fields.map((f) => this.resolveTarget(queryFieldTarget(f, variables)));
    // Arguments every partner would refuse are refused once, here, without calling anyone.
    const refused = new Map<number, GraphQLFormattedError>();
    fields.forEach((f, i) => {
      const refusal = this.shapeOf(f.name.value) === 'connection' ? connectionArgumentProblem(f, variables) : null;
      if (refusal) {
        refused.set(i, { message: refusal.message, path: [responseKey(f)], extensions: { code: 'BAD_USER_INPUT', field: refusal.field } });
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
    // Every page carries what the merge and the page checks need (cursors, ids, sort keys), even
    // from one partner: its page is checked before the client reads it and walks on from it.
    const sent = fields.map((f, i) => {
      if (this.shapeOf(f.name.value) !== 'connection' || (targets[i]?.length ?? 0) === 0) return f;
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
    // What partners asked the same fields are sent and checked against, made once for all of them.
    const documents = new Map<string, { request: PreparedRequest; asked: FieldNode[] }>();
    const documentFor = (indexes: number[]) => {
      const signature = indexes.join(',');
      let doc = documents.get(signature);
      if (!doc) {
        const unchanged = indexes.length === fields.length && sent.every((f, i) => f === fields[i]);
        let request: PreparedRequest;
        if (unchanged) request = this.sender.prepare(call, originalQuery, variables);
        else {
          const document = documentWithRootFields(
            fetch,
            indexes.map((i) => sent[i] as FieldNode),
          );
          request = this.sender.prepare(call, print(document), variablesFor(document, variables));
        }
        const asked = indexes.map((i) => sent[i] as FieldNode).filter((f) => f.name.value !== '__typename');
        documents.set(signature, (doc = { request, asked }));
      }
      return doc;
    };
    const root = this.options.contract.getQueryType();
    const answers = new Map<string, PartnerResponse>(
      await Promise.all(
        [...byPartner.values()].map(async ({ partner, indexes }) => {
          const { request, asked } = documentFor(indexes);
          const response = await this.sender.send(partner, call, request);
          const checked = root
            ? this.sender.checked(partner, response, (data) => rootViolation(data, root, asked, this.sender.shapeContext(call, partner)))
            : response;
          return [partner.id, checked] as const;
        }),
      ),
    );

    await this.settlePages(call, fields, sent, targets, firsts, quotas, answers);

    const data: Record<string, unknown> = {};
    const errors: GraphQLFormattedError[] = [];
    for (const { partner, indexes } of byPartner.values()) {
      const first = fields[indexes[0] ?? 0] as FieldNode;
      errors.push(
        ...partnerLevelErrors({ partnerId: partner.id, response: answers.get(partner.id) ?? { ok: false } }, [responseKey(first)]),
      );
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
      const merged = this.mergeField(field, fieldAnswers, variables, fetch, sent[i] !== field);
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
        const partner = this.sender.partnerById(partnerId) as Partner;
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
        const response = await this.sender.send(
          partner,
          call,
          this.sender.prepare(call, print(document), variablesFor(document, call.variables)),
        );
        const checked = root
          ? this.sender.checked(partner, response, (data) => rootViolation(data, root, asked, this.sender.shapeContext(call, partner)))
          : response;
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

  /** `bookkept`: the field was sent with the bookkeeping of a connection, which only mergeConnection takes out. */
  private mergeField(field: FieldNode, answers: PartnerAnswer[], variables: Variables, fetch: ParsedFetch, bookkept: boolean): Merged {
    const shape = this.shapeOf(field.name.value);
    switch (shape) {
      case 'typename':
        return { value: 'Query', errors: [] };
      case 'list':
        return mergeList(field, answers);
      case 'object':
        return mergeObject(field, answers);
      case 'connection':
        // One healthy partner's page, asked without bookkeeping (counts only), is already the answer.
        if (!bookkept && answers.length === 1 && answers[0]?.response.ok) return mergeObject(field, answers);
        return mergeConnection(field, answers, variables, fetch.fragments, this.defaultPageSize);
      default: {
        const never: never = shape;
        throw new Error(`unknown root field shape ${String(never)}`);
      }
    }
  }
}

/** Whether a connection field returns rows: a page size above 0 and edges or pageInfo selected. */
function rowsWanted(field: FieldNode, fragments: ParsedFetch['fragments'], variables: Variables, first: number): boolean {
  return (
    first > 0 &&
    flattenFields(field.selectionSet, fragments, variables).some((f) => f.name.value === 'edges' || f.name.value === 'pageInfo')
  );
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
  const order = isRecord(orderBy) ? orderBy : {};
  const sortField = (typeof order.field === 'string' ? order.field : 'NAME') as StartupOrderField;
  const direction = (typeof order.direction === 'string' ? order.direction : 'ASC') as OrderDirection;
  const cursorProblem = afterProblem(argumentValue(field, 'after', variables), sortField, direction);
  return cursorProblem ? { message: cursorProblem, field: 'after' } : null;
}
