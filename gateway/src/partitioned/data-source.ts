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
  parse,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, pageSizeProblem } from '@gouvgraph/schema';
import type { Partner, PartnerClient, PartnerResponse } from '../partner-client.js';
import {
  argumentValue,
  documentWithRootFields,
  flattenFields,
  parsedFetch,
  print,
  responseKey,
  variablesFor,
  type ParsedFetch,
  type Variables,
} from './document.js';
import { partnerError, unknownPartnerError } from './errors.js';
import {
  mergeConnection,
  mergeList,
  mergeObject,
  withConnectionBookkeeping,
  type Merged,
  type PartnerAnswer,
  type RootFieldShape,
} from './merge.js';
import { mutationOwner, queryFieldTarget, representationOwner, type Target } from './route.js';

export interface PartitionedDataSourceOptions {
  /** The contract every partner implements (to know what each root field returns). */
  contract: GraphQLSchema;
  /** The partners, in the order their answers are concatenated. */
  partners: () => readonly Partner[];
  client: PartnerClient;
  /** The contract's default page size (`first` when a query leaves it out). */
  defaultPageSize?: number;
}

type Obj = Record<string, unknown>;
/** What a data source returns to the gateway (its package does not export the name). */
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export class PartitionedDataSource implements GraphQLDataSource {
  private readonly shapes = new Map<string, RootFieldShape>();

  constructor(private readonly options: PartitionedDataSourceOptions) {}

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('the planner sent no query');
    const document = ('document' in options && options.document) || parse(request.query);
    const fetch = parsedFetch(document, request.operationName);
    const variables = (request.variables ?? {}) as Variables;
    const fields = flattenFields(fetch.operation.selectionSet, fetch.fragments);

    if (fetch.operation.operation === 'mutation') return this.mutate(fetch, fields, variables);
    if (fields.length === 1 && fields[0]?.name.value === '_entities') {
      return this.entities(request.query, fetch, fields[0], variables);
    }
    return this.query(request.query, fetch, fields, variables);
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

  private send(partner: Partner, query: string, variables: Variables | undefined, operationName: string | undefined) {
    return this.options.client.send(partner, { query, variables, operationName });
  }

  /** Root query fields: each partner gets the fields it owns rows for; answers are merged per field. */
  private async query(
    originalQuery: string,
    fetch: ParsedFetch,
    fields: FieldNode[],
    variables: Variables,
  ): Promise<GatewayGraphQLResponse> {
    const targets = fields.map((f) => this.resolveTarget(queryFieldTarget(f, variables)));
    // A page size every partner would refuse is refused once, here, without calling anyone.
    const refused = new Map<number, GraphQLFormattedError>();
    fields.forEach((f, i) => {
      const problem = this.shapeOf(f.name.value) === 'connection' ? pageSizeProblem(argumentValue(f, 'first', variables)) : null;
      if (problem) {
        refused.set(i, { message: problem, path: [responseKey(f)], extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
        targets[i] = [];
      }
    });
    // A connection answered by several partners needs its cursors to merge: add them.
    const sent = fields.map((f, i) =>
      this.shapeOf(f.name.value) === 'connection' && (targets[i]?.length ?? 0) > 1 ? withConnectionBookkeeping(f) : f,
    );

    // Partners asked the same subset of fields share one document.
    const byPartner = new Map<string, { partner: Partner; indexes: number[] }>();
    targets.forEach((partners, i) => {
      for (const partner of partners) {
        const entry = byPartner.get(partner.id) ?? { partner, indexes: [] };
        entry.indexes.push(i);
        byPartner.set(partner.id, entry);
      }
    });
    const documents = new Map<string, { query: string; variables: Variables | undefined }>();
    const documentFor = (indexes: number[]) => {
      const signature = indexes.join(',');
      let doc = documents.get(signature);
      if (!doc) {
        const unchanged = indexes.length === fields.length && sent.every((f, i) => f === fields[i]);
        if (unchanged) doc = { query: originalQuery, variables };
        else {
          const document = documentWithRootFields(fetch, indexes.map((i) => sent[i] as FieldNode));
          doc = { query: print(document), variables: variablesFor(document, variables) };
        }
        documents.set(signature, doc);
      }
      return doc;
    };
    const operationName = fetch.operation.name?.value;
    const answers = new Map<string, PartnerResponse>(
      await Promise.all(
        [...byPartner.values()].map(async ({ partner, indexes }) => {
          const doc = documentFor(indexes);
          return [partner.id, await this.send(partner, doc.query, doc.variables, operationName)] as const;
        }),
      ),
    );

    const data: Obj = {};
    const errors: GraphQLFormattedError[] = [];
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
    return errors.length ? { data, errors } : { data };
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
        // One partner's page is already the answer (and was sent without bookkeeping).
        if (answers.length === 1) return mergeObject(field, answers);
        return mergeConnection(field, answers, variables, fetch.fragments, this.options.defaultPageSize ?? DEFAULT_PAGE_SIZE);
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
  private async entities(
    query: string,
    fetch: ParsedFetch,
    field: FieldNode,
    variables: Variables,
  ): Promise<GatewayGraphQLResponse> {
    const argument = field.arguments?.find((a) => a.name.value === 'representations');
    const variableName = argument?.value.kind === 'Variable' ? argument.value.name.value : undefined;
    const representations = argumentValue(field, 'representations', variables);
    if (!variableName || !Array.isArray(representations)) {
      throw new Error('the planner sent _entities without a representations variable');
    }
    const key = responseKey(field);
    const results: unknown[] = representations.map(() => null);
    const errors: GraphQLFormattedError[] = [];
    const batches = new Map<string, number[]>();
    representations.forEach((representation, index) => {
      const owner = representationOwner(representation);
      if (owner === null || !this.partnerById(owner)) return;
      const batch = batches.get(owner) ?? [];
      batch.push(index);
      batches.set(owner, batch);
    });

    await Promise.all(
      [...batches].map(async ([partnerId, indexes]) => {
        const partner = this.partnerById(partnerId) as Partner;
        const response = await this.send(
          partner,
          query,
          { ...variables, [variableName]: indexes.map((i) => representations[i]) },
          fetch.operation.name?.value,
        );
        const list = isObj(response.data) ? response.data[key] : undefined;
        if (Array.isArray(list)) indexes.forEach((original, j) => (results[original] = list[j] ?? null));
        for (const error of response.errors ?? []) {
          const [, j, ...rest] = error.path ?? [];
          if (typeof j === 'number' && indexes[j] !== undefined) {
            errors.push(partnerError(error, partnerId, [key, indexes[j], ...rest]));
          } else {
            // A failure of the whole batch: one error per representation it covered.
            for (const original of indexes) errors.push(partnerError(error, partnerId, [key, original]));
          }
        }
      }),
    );
    const data = { [key]: results };
    return errors.length ? { data, errors } : { data };
  }

  /**
   * Mutations go to the partner that owns what they write, root field by root field, in
   * order (GraphQL runs mutation fields serially). A field naming no known partner fails alone.
   */
  private async mutate(fetch: ParsedFetch, fields: FieldNode[], variables: Variables): Promise<GatewayGraphQLResponse> {
    const data: Obj = {};
    const errors: GraphQLFormattedError[] = [];
    for (const field of fields) {
      const key = responseKey(field);
      if (field.name.value === '__typename') {
        data[key] = 'Mutation';
        continue;
      }
      const owner = mutationOwner(field, variables);
      const partner = owner === null ? undefined : this.partnerById(owner);
      if (!partner) {
        data[key] = null;
        errors.push(
          unknownPartnerError(
            owner === null
              ? `${field.name.value}: the arguments name no incubator or startup id`
              : `${field.name.value}: no partner "${owner}" in the graph`,
            [key],
          ),
        );
        continue;
      }
      const document = documentWithRootFields(fetch, [field]);
      const response = await this.send(partner, print(document), variablesFor(document, variables), fetch.operation.name?.value);
      const merged = mergeObject(field, [{ partnerId: partner.id, response }]);
      data[key] = merged.value;
      errors.push(...merged.errors);
    }
    return errors.length ? { data, errors } : { data };
  }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
