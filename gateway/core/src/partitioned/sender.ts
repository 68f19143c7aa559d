/**
 * How the partitioned data source talks to partners: a request serialized once for however many
 * partners it goes to, adapted for a partner on an older contract version, sent through the
 * upstream client, and its answer checked against what was asked.
 */
import { ERROR_CODES, isErrorCode, USER_FACING_CODES, type ErrorCode, type Violation, type ViolationFound } from '@gouvgraph/schema';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { serializeRequest, type Partner, type PartnerResponse, type SerializedRequest } from '../partners.js';
import { gatewayMade, isGatewayMade, isRecord } from '../upstream/answer.js';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import type { Call } from './call.js';
import { ContractAdapter } from './contract-adapter.js';
import { quarantinedAnswer } from './quarantine.js';
import type { Variables } from './document.js';
import type { ShapeContext } from './shape.js';

/** A request ready for partners: serialized once, with what a partner on an older contract needs to adapt it. */
export interface PreparedRequest extends SerializedRequest {
  query: string;
  variables: Variables | undefined;
  operationName: string | undefined;
}

/** What sending needs of the data source's options. */
/** How one request is sent: a read (the default) or a write, and what its answer is checked against. */
export interface SendOptions {
  /** A write: sent once, with the caller's identity; `retrySafe` when every field carries an idempotency key. */
  write?: { retrySafe: boolean } | undefined;
  /** The representations' types, for an `_entities` request. */
  entityTypes?: readonly string[] | undefined;
}

export interface PartnerSenderOptions {
  /** The contract every partner implements. */
  contract: GraphQLSchema;
  /** The partners, in the order their answers are concatenated. */
  partners: () => readonly Partner[];
  /** The upstream client under the partner policy (upstream/policy.ts). */
  client: UpstreamClient;
  /** Whether answers are checked against the contract's rules (default true; off only to measure what it costs). */
  verifyAnswers?: boolean | undefined;
  /** The rule a quarantined partner broke (it is not called: quarantine.ts), or null. Default: none is. */
  quarantined?: ((partnerId: string) => Violation | null) | undefined;
}

/** Prepares, adapts, sends and checks the requests of one partitioned data source. */
export class PartnerSender {
  private readonly adapter = new ContractAdapter();
  /** A request as adapted for each older contract version, serialized once per version. */
  private readonly adapted = new WeakMap<
    PreparedRequest,
    Map<string, ReturnType<ContractAdapter['adapt']> & { request?: SerializedRequest }>
  >();

  constructor(private readonly options: PartnerSenderOptions) {}

  /** The partners, as the registry has them now. */
  partners(): readonly Partner[] {
    return this.options.partners();
  }

  partnerById(id: string): Partner | undefined {
    return this.options.partners().find((p) => p.id === id);
  }

  /** A request for partners, serialized once however many partners it goes to. */
  prepare(call: Call, query: string, variables: Variables | undefined): PreparedRequest {
    const operationName = call.fetch.operation.name?.value;
    return { ...serializeRequest({ query, variables, operationName }), query, variables, operationName };
  }

  /**
   * Sends a request to a partner. A partner on an older contract version gets it without the
   * fields its version lacks, and its answer gets them back as null (see contract-adapter.ts);
   * a request it cannot answer at all is not sent. `entityTypes`: the representations' types,
   * for an `_entities` request.
   */
  async send(partner: Partner, call: Call, request: PreparedRequest, options: SendOptions = {}): Promise<PartnerResponse> {
    const response = await this.deliver(partner, call, request, options);
    // Agents read a partner's own words; everyone else reads what its code means.
    return call.agent || !response.errors?.length ? response : this.withheld(partner, response);
  }

  /**
   * The answer with each error the partner wrote in its own words replaced by what its code means,
   * unless the code is a refusal the contract documents (USER_FACING_CODES): a partner's exception
   * text ("Cannot read properties of null…") is for its operators, not for anonymous clients. The
   * gateway's log keeps the words; code, path and partner are kept.
   */
  private withheld(partner: Partner, response: PartnerResponse): PartnerResponse {
    let errors: GraphQLFormattedError[] | undefined;
    response.errors?.forEach((error, i) => {
      const code = error.extensions?.code;
      if (isGatewayMade(error) || (typeof code === 'string' && USER_FACING_CODES.has(code))) return;
      this.options.client.reportWithheld(partner, error);
      errors ??= [...(response.errors ?? [])];
      const meaning = isErrorCode(code) ? ERROR_CODES[code] : 'It answered an error (its words are in the gateway’s log).';
      errors[i] = { ...error, message: `Partner ${partner.id}: ${meaning}` };
    });
    return errors ? { ...response, errors } : response;
  }

  private async deliver(
    partner: Partner,
    call: Call,
    request: PreparedRequest,
    { write, entityTypes }: SendOptions,
  ): Promise<PartnerResponse> {
    const violation = this.options.quarantined?.(partner.id);
    if (violation) return quarantinedAnswer(partner.id, violation);
    const version = partner.contractVersion;
    // Only a write carries the caller's identity, and only to the partner it writes to: reads go
    // to every partner, which must not learn (nor be able to reuse) who asked.
    const identity = write ? call.signFor : undefined;
    const callOptions: CallOptions = {
      idempotent: !write,
      retrySafe: write?.retrySafe,
      trace: call.trace,
      identity,
      requestId: call.requestId,
      reads: call.reads,
    };
    if (!this.adapter.needsAdapting(version)) return this.options.client.send(partner, request.body, callOptions);
    let perVersion = this.adapted.get(request);
    if (!perVersion) this.adapted.set(request, (perVersion = new Map()));
    let adaptation = perVersion.get(version);
    if (!adaptation) {
      const adapted = this.adapter.adapt(request.query, version, request.variables);
      adaptation =
        adapted.ok && adapted.operation
          ? {
              ...adapted,
              request: serializeRequest({
                query: adapted.operation.query,
                variables: adapted.variables,
                operationName: request.operationName,
              }),
            }
          : adapted;
      perVersion.set(version, adaptation);
    }
    if (!adaptation.ok) {
      const code: ErrorCode = 'PARTNER_CONTRACT_OUTDATED';
      return {
        ok: false,
        errors: [
          gatewayMade({
            message: `Partner ${partner.id} implements contract ${version}, which cannot answer this request: ${adaptation.problems.join('; ')}`,
            extensions: { code, partner: partner.id, contractVersion: version },
          }),
        ],
      };
    }
    const response = await this.options.client.send(partner, (adaptation.request ?? request).body, callOptions);
    if (adaptation.operation && isRecord(response.data)) adaptation.operation.fill(response.data, entityTypes);
    return response;
  }

  /**
   * A partner's answer that breaks a rule of the contract (shape.ts) becomes a failure of that
   * partner, named by the rule, and counts against its circuit, instead of flowing into the
   * merged answer.
   */
  checked(
    partner: Partner,
    response: PartnerResponse,
    violation: (data: Record<string, unknown>) => ViolationFound | null,
  ): PartnerResponse {
    if (!isRecord(response.data) || this.options.verifyAnswers === false) return response;
    const found = violation(response.data);
    if (!found) return response;
    this.options.client.reportViolation(partner, found);
    const code: ErrorCode = 'PARTNER_INVALID_RESPONSE';
    return {
      ok: false,
      errors: [
        gatewayMade({
          message: `Partner ${partner.id}: its answer breaks the contract (${found.rule}: ${found.detail})`,
          extensions: { code, partner: partner.id, violation: found.rule },
        }),
      ],
    };
  }

  /** Whether answers are checked (entity requests then ask each answer's type and id). */
  get verifies(): boolean {
    return this.options.verifyAnswers !== false;
  }

  /** What the answer checks (shape.ts) need to know of a call. */
  shapeContext(call: Call, partner: Partner): ShapeContext {
    return { schema: this.options.contract, fragments: call.fetch.fragments, variables: call.variables, partnerId: partner.id };
  }
}
