/**
 * What a reader of docs/errors.md needs beside each code's description: the HTTP statuses it is
 * answered with, what raises it, and the extensions it carries. Typed by the list, so a new code
 * does not type-check until it is documented here; rendered by scripts/generate-error-docs.ts.
 */
import { ERROR_CODES, type ErrorCode } from './errors.js';
import { VIOLATIONS, type Violation } from './violations.js';
import type { ErrorExtras } from './error-factories.js';

/** What docs/errors.md says of one code beside its description. */
interface ErrorCodeDoc<C extends ErrorCode> {
  /**
   * The HTTP statuses of the responses that carry it. 200 means a GraphQL answer: the error sits
   * in `errors` beside whatever data could be had.
   */
  status: readonly number[];
  /** What raises it. */
  from: string;
  /** Each extension of the code beside `code` (the compiler asks for every one), and what it says. */
  extensions: { readonly [K in keyof ErrorExtras[C]]-?: string };
}

const PARTNER = { partner: 'the partner (incubator) whose part is missing' } as const;
const SUBGRAPH = { subgraph: 'the central subgraph, by its name in the supergraph' } as const;
const FIELD = { field: 'the argument or input field at fault, when there is one' } as const;

/** Every code's statuses, sources and extensions (the compiler checks each code and extension is here). */
const ERROR_DOCS: { readonly [C in ErrorCode]: ErrorCodeDoc<C> } = {
  GRAPHQL_PARSE_FAILED: { status: [400], from: 'any server (Apollo Server parsing the document)', extensions: {} },
  GRAPHQL_VALIDATION_FAILED: {
    status: [400],
    from: 'any server (Apollo Server validating the operation); a subscription, or a mutation where the graph has none',
    extensions: {},
  },
  BAD_USER_INPUT: {
    status: [200, 400],
    from: '200: a resolver refusing an argument (the catalogue, a partner kit, the gateway for `startups`); 400: a variable of the wrong type, a null `@skip`/`@include` condition, a value the registry refuses',
    extensions: FIELD,
  },
  BAD_REQUEST: {
    status: [400, 405, 406, 408],
    from: 'any server’s HTTP layer (not JSON, no query, a method other than GET or POST, an `Accept` no server answers; a request its HTTP parser cannot read, such as a header with a control character, or 408 for one that did not arrive in time, answered before any route and the connection closed); the admin API (a body that is not a JSON object)',
    extensions: {},
  },
  PAYLOAD_TOO_LARGE: { status: [413], from: 'any server’s HTTP layer (1 MiB by default); the admin API (64 KiB)', extensions: {} },
  REQUEST_HEADERS_TOO_LARGE: {
    status: [431],
    from: 'any server’s HTTP parser, before any route: the connection is then closed',
    extensions: {},
  },
  QUERY_TOO_COMPLEX: {
    status: [400],
    from: 'any server (depth, aliases, root fields, directives, tokens); the gateway (cost, batch size)',
    extensions: {
      limit: 'which limit: depth, aliases, rootFields, directives, tokens, cost or batch',
      max: 'the limit',
      found: 'what the operation has, when it was counted',
    },
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: [400],
    from: 'any server: an `operationName` the document lacks, or several operations and none named',
    extensions: {},
  },
  PERSISTED_QUERY_NOT_FOUND: { status: [200], from: 'the gateway (automatic persisted queries, by Apollo Server)', extensions: {} },
  PERSISTED_QUERY_NOT_IN_LIST: {
    status: [400],
    from: 'a gateway that runs trusted documents only (`TRUSTED_DOCUMENTS_ONLY`)',
    extensions: {},
  },
  NOT_FOUND: {
    status: [200, 404],
    from: '200: a write to a startup that does not exist (a partner kit, through the gateway); 404: no route at that path (any server, the admin API, open data), no supergraph with that hash (the registry)',
    extensions: {},
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: [200],
    from: 'a partner kit, for a write whose `idempotencyKey` it already stored with another write',
    extensions: FIELD,
  },
  CONFLICT: {
    status: [200, 409],
    from: '200: a write a partner kit refuses (slug taken, phase out of order); 409: the registry (a partner id taken, reinstating one not suspended)',
    extensions: {},
  },
  UNAUTHENTICATED: {
    status: [200, 401],
    from: '200: a field or a write that needs a token (gateway authorisation, a partner kit); 401: a token the gateway or the admin API refuses',
    extensions: { ...FIELD, partner: 'the partner whose data needed the token, when the gateway knows it' },
  },
  FORBIDDEN: {
    status: [200, 403],
    from: '200: a valid token reading or writing what it may not (gateway authorisation, a partner kit); 403: the admin API (a partner acting for another, a suspended partner publishing)',
    extensions: { ...FIELD, partner: 'the partner whose data was refused, when the gateway knows it' },
  },
  PUBLISH_REFUSED: {
    status: [422],
    from: 'the registry (admin API, `gouvgraph publish`)',
    extensions: { details: 'each conformance problem found' },
  },
  PUBLISH_UNREACHABLE: {
    status: [422],
    from: 'the registry (admin API, `gouvgraph publish`)',
    extensions: { details: 'what the conformance check saw' },
  },
  REGISTRY_UNAVAILABLE: {
    status: [503],
    from: 'the admin API (and the `gouvgraph` command line), and the gateway’s door for a request with a partner token; with a `Retry-After` header',
    extensions: {},
  },
  RATE_LIMITED: {
    status: [429],
    from: 'the gateway’s admission (GraphQL, open data exports and feeds), with a `Retry-After` header',
    extensions: { retryAfterSeconds: 'seconds to wait, as `Retry-After` says' },
  },
  RATE_LIMIT_UNAVAILABLE: { status: [503], from: 'the gateway’s admission and open data, with a `Retry-After` header', extensions: {} },
  EXPORT_BUSY: { status: [503], from: 'the open data site, with a `Retry-After` header', extensions: {} },
  DATABASE_UNAVAILABLE: {
    status: [200],
    from: 'a partner kit or the catalogue, whose database failed while answering (the process serves on, its pool reconnects); through the gateway with `partner`',
    extensions: {},
  },
  UNKNOWN_PARTNER: {
    status: [200, 404],
    from: '200: the gateway (a filter naming an incubator it does not have); 404: the registry',
    extensions: {},
  },
  PARTNER_UNAVAILABLE: { status: [200], from: 'the gateway, calling a partner', extensions: PARTNER },
  PARTNER_TIMEOUT: { status: [200], from: 'the gateway, calling a partner (`PARTNER_TIMEOUT_MS`)', extensions: PARTNER },
  PARTNER_INVALID_RESPONSE: {
    status: [200],
    from: 'the gateway, reading a partner’s answer (`PARTNER_MAX_RESPONSE_BYTES` for its size)',
    extensions: {
      ...PARTNER,
      violation: 'the rule the answer broke (see “Partner answers” below); absent when the answer is not GraphQL at all',
    },
  },
  PARTNER_NON_CONFORMING: {
    status: [200],
    from: 'the gateway, with `PARTNER_NONCONFORMING=quarantine`, for a partner its re-check found non-conforming',
    extensions: { ...PARTNER, violation: 'the rule the partner failed at its last re-check' },
  },
  PARTNER_WRITE_UNCERTAIN: {
    status: [200],
    from: 'the gateway, sending a write to a partner (never retried by the gateway): the connection lost once the request went out, or `PARTNER_TIMEOUT_MS` passed',
    extensions: {
      ...PARTNER,
      retrySafe: 'true when every write of the request carried an `idempotencyKey`: sending it again with the same keys is safe',
    },
  },
  PARTNER_CIRCUIT_OPEN: { status: [200], from: 'the gateway’s circuit breaker', extensions: PARTNER },
  PARTNER_CONTRACT_OUTDATED: {
    status: [200],
    from: 'the gateway, before calling a partner on an older contract version',
    extensions: { ...PARTNER, contractVersion: 'the contract version the partner implements' },
  },
  PARTNER_ERROR: { status: [200], from: 'the gateway, passing on a partner’s error', extensions: { ...PARTNER, ...FIELD } },
  SUBGRAPH_UNAVAILABLE: { status: [200], from: 'the gateway, calling a central subgraph', extensions: SUBGRAPH },
  SUBGRAPH_TIMEOUT: { status: [200], from: 'the gateway, calling a central subgraph (`SUBGRAPH_TIMEOUT_MS`)', extensions: SUBGRAPH },
  SUBGRAPH_INVALID_RESPONSE: { status: [200], from: 'the gateway, reading a central subgraph’s answer', extensions: SUBGRAPH },
  GRAPH_UNAVAILABLE: {
    status: [200, 503],
    from: '200: the impact subgraph; 503: an open data export or feed (which answers 503 with the graph’s own code when it gave one)',
    extensions: {},
  },
  INTERNAL_SERVER_ERROR: {
    status: [200, 500],
    from: 'any server: a bug in a resolver (200, beside the rest of the data) or in the HTTP layer (500)',
    extensions: {},
  },
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** docs/errors.md, whole: the table for readers, generated from the list. */
export function renderErrorsDoc(): string {
  const rows = (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => {
    const doc = ERROR_DOCS[code];
    const extensions = Object.entries(doc.extensions as Record<string, string>)
      .map(([name, what]) => `\`${name}\`: ${what}`)
      .join('; ');
    return `| \`${code}\` | ${cell(ERROR_CODES[code])} | ${doc.status.join(', ')} | ${cell(doc.from)} | ${cell(extensions) || '—'} |`;
  });
  return [
    '<!-- Generated from schema/src/errors.ts and schema/src/error-docs.ts by `pnpm --filter @gouvgraph/schema run generate`: do not edit. -->',
    '# Errors',
    '',
    'Every error the graph returns carries an `extensions.code` from this one closed list, in a',
    'GraphQL answer (`{ "data": …, "errors": [...] }`) or, when nothing ran, in a JSON body',
    '`{ "errors": [{ "message", "extensions": { "code", … } }] }` with the HTTP status below.',
    'Anything unexpected is masked as `INTERNAL_SERVER_ERROR`: details are in the server log,',
    'never a stack trace in the response. Errors from a partner keep their code and gain',
    '`extensions.partner`; a partner’s error with no code becomes `PARTNER_ERROR`.',
    '',
    'An HTTP status of 200 means the error sits in a GraphQL answer beside whatever data could be had.',
    '',
    '| code | meaning | HTTP status | raised by | extensions |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Partner answers',
    '',
    'The gateway checks every partner answer against the rules the union relies on before it merges',
    'any of it. An answer that breaks one is left out, as if the partner were down: the error',
    '`PARTNER_INVALID_RESPONSE` names the partner and, in `extensions.violation`, the rule; the other',
    'partners’ rows stay exact, `missingPartners` names it, and an open data export is not complete.',
    '',
    '| violation | what the partner did |',
    '| --- | --- |',
    ...(Object.keys(VIOLATIONS) as Violation[]).map((rule) => `| \`${rule}\` | ${cell(VIOLATIONS[rule])} |`),
    '',
  ].join('\n');
}
