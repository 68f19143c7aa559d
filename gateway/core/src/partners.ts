/**
 * What the gateway knows of a partner of the partitioned contract subgraph, and what it sends
 * one: a GraphQL request serialized once for however many partners it goes to.
 */
import type { UpstreamResponse } from './upstream/client.js';
import { RequestBody } from './upstream/request.js';

/** A partner of the partitioned contract subgraph. */
export interface Partner {
  /** Partner id: the incubator id, e.g. `mtes`. */
  id: string;
  /** The partner subgraph's GraphQL endpoint. */
  url: string;
  /** The contract version it implements, when not the current one. */
  contractVersion?: string | undefined;
}

/** A GraphQL request for partners. */
export interface PartnerRequest {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
}

/** A request serialized once, to be sent to many partners. */
export type SerializedRequest = { body: RequestBody };

/** Serializes a request once, whatever the number of partners it goes to. */
export function serializeRequest(request: PartnerRequest): SerializedRequest {
  return { body: new RequestBody(JSON.stringify(request)) };
}

/** What a partner answered: always a GraphQL-shaped result, `ok: false` when it did not answer usably. */
export type PartnerResponse = UpstreamResponse;
