/**
 * The conformance check a partner runs against its own subgraph before joining the graph:
 * the SDL is the contract's, and the subgraph behaves as the gateway relies on (ids that
 * name the partner, entity resolution in order, cursors in the shared global order).
 */
import { compareCursorPositions, decodeCursor, type CursorPosition } from '../cursor.js';
import { MAX_PAGE_SIZE } from '../paging.js';
import { foldText } from '../vocabulary.js';
import { CONTRACT_VERSION } from '../versions.js';
import { matchContract, missingSince } from './compare.js';

export interface Check {
  name: string;
  ok: boolean;
  /** What is wrong (or, for a passing check, what was verified). */
  details: string[];
}

export interface ConformanceReport {
  url: string;
  ok: boolean;
  /** The contract version the subgraph implements (null when none). */
  contractVersion: string | null;
  checks: Check[];
}

interface CheckOptions {
  /** Per-request deadline. Default 10 s. */
  timeoutMs?: number;
  /** Page size of the pagination walk. Default 10. */
  pageSize?: number;
  /** Pages walked at most. Default 200. */
  maxPages?: number;
}

interface Answer {
  // biome-ignore lint/suspicious/noExplicitAny: a foreign subgraph's data, checked field by field.
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

class Failure extends Error {}

async function post(url: string, query: string, variables: Record<string, unknown>, timeoutMs: number): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Failure(
      `${url} does not answer (${(error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (error as Error).message})`,
    );
  }
  try {
    return (await response.json()) as Answer;
  } catch {
    throw new Failure(`${url} answered HTTP ${response.status} without a JSON body`);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see Answer.
function dataOf(answer: Answer, what: string): Record<string, any> {
  if (!answer.data || answer.errors?.length) {
    throw new Failure(`${what} failed: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return answer.data;
}

/** Runs every check against the subgraph at `url` and reports them all. */
export async function checkSubgraph(url: string, options: CheckOptions = {}): Promise<ConformanceReport> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pageSize = options.pageSize ?? 10;
  const maxPages = options.maxPages ?? 200;
  const ask = (query: string, variables: Record<string, unknown> = {}) => post(url, query, variables, timeoutMs);
  const checks: Check[] = [];
  const run = async (name: string, body: () => Promise<string[]>) => {
    try {
      const problems = await body();
      checks.push({ name, ok: problems.length === 0, details: problems });
    } catch (error) {
      checks.push({ name, ok: false, details: [error instanceof Failure ? error.message : `unexpected: ${String(error)}`] });
    }
  };

  let sdl: string | undefined;
  await run('publishes its SDL (_service { sdl })', async () => {
    const data = dataOf(await ask('{ _service { sdl } }'), '_service { sdl }');
    sdl = data._service?.sdl;
    return typeof sdl === 'string' ? [] : ['_service.sdl is not a string'];
  });
  let contractVersion: string | null = null;
  let ignored: string[] = [];
  await run('implements a version of the contract', async () => {
    if (sdl === undefined) return ['no SDL to compare'];
    const match = await matchContract(sdl);
    if (!match.version) return [`compared with contract ${match.closest}, the closest:`, ...match.problems];
    contractVersion = match.version;
    ignored = match.ignored;
    return [];
  });
  const schemaCheck = checks[checks.length - 1] as Check;
  if (contractVersion) {
    // A passing check says what it found: the version, and what an older one means for the graph.
    const { fields, inputs } = await missingSince(contractVersion);
    const lacks = [
      ...(fields.length ? [`${fields.join(', ')} read null for its rows`] : []),
      ...(inputs.length ? [`requests that send ${inputs.join(', ')} are refused for it`] : []),
    ];
    schemaCheck.details.push(
      contractVersion === CONTRACT_VERSION
        ? `contract ${contractVersion}, the current one`
        : `contract ${contractVersion}; the gateway's is ${CONTRACT_VERSION}: until this subgraph upgrades, ${lacks.join('; ') || 'nothing changes'}`,
    );
    if (ignored.length) schemaCheck.details.push(`beyond contract ${contractVersion}, never asked by the gateway: ${ignored.join('; ')}`);
  }

  let partnerId: string | undefined;
  let startupIds: string[] = [];
  await run('serves one incubator, and startup ids that name it', async () => {
    const data = dataOf(await ask('{ incubators { id } startups(first: 5) { edges { node { id } } } }'), 'incubators and startups');
    const incubators = (data.incubators ?? []) as { id: string }[];
    if (incubators.length !== 1) return [`incubators returned ${incubators.length} incubators; a partner serves exactly one`];
    partnerId = incubators[0]?.id;
    startupIds = ((data.startups?.edges ?? []) as { node: { id: string } }[]).map((e) => e.node.id);
    return startupIds.filter((id) => !id.startsWith(`${partnerId}/`)).map((id) => `startup id "${id}" does not start with "${partnerId}/"`);
  });

  await run('resolves entities in the order asked, null for ids it does not own', async () => {
    if (!partnerId) return ['no incubator id to resolve'];
    const representations = [
      { __typename: 'Incubator', id: partnerId },
      ...startupIds.map((id) => ({ __typename: 'Startup', id })),
      { __typename: 'Startup', id: `${partnerId}/conformance-check-missing` },
      { __typename: 'Startup', id: `conformance-check-other-partner/${startupIds[0]?.split('/')[1] ?? 'x'}` },
    ];
    const data = dataOf(
      await ask('query($r: [_Any!]!) { _entities(representations: $r) { ... on Incubator { id } ... on Startup { id } } }', {
        r: representations,
      }),
      '_entities',
    );
    const got = ((data._entities ?? []) as ({ id: string } | null)[]).map((e) => e?.id ?? null);
    const expected = [...representations.slice(0, -2).map((r) => r.id), null, null];
    return JSON.stringify(got) === JSON.stringify(expected)
      ? []
      : [`_entities returned ${JSON.stringify(got)}; expected ${JSON.stringify(expected)}`];
  });

  await run(`walks its startups in the contract's order, ${pageSize} at a time`, async () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    let after: string | null = null;
    let previous: CursorPosition | null = null;
    let totalCount = -1;
    for (let page = 0; page < maxPages; page++) {
      const data = dataOf(
        await ask(
          `query($first: Int, $after: String) { startups(first: $first, after: $after) {
             totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`,
          { first: pageSize, after },
        ),
        `page ${page + 1} of startups`,
      );
      const connection = data.startups;
      totalCount = connection.totalCount;
      const edges = connection.edges as { cursor: string; node: { id: string; name: string } }[];
      if (edges.length > pageSize) problems.push(`page ${page + 1} has ${edges.length} edges for first: ${pageSize}`);
      for (const edge of edges) {
        if (seen.has(edge.node.id)) problems.push(`${edge.node.id} appears twice in the walk`);
        seen.add(edge.node.id);
        const position = decodeCursor(edge.cursor);
        if (!position) problems.push(`the cursor of ${edge.node.id} is not a contract cursor`);
        else if (position.field !== 'NAME' || position.direction !== 'ASC') {
          problems.push(`the default order is ${position.field} ${position.direction}; the contract says NAME ASC`);
        } else if (position.key !== foldText(edge.node.name) || position.id !== edge.node.id) {
          problems.push(
            `the cursor of ${edge.node.id} holds (${JSON.stringify(position.key)}, ${position.id}), not its folded name and id`,
          );
        } else if (previous && compareCursorPositions(previous, position) >= 0) {
          problems.push(`${edge.node.id} comes after a startup that sorts later: the order is not (folded name, id), byte-wise`);
        }
        previous = position ?? previous;
      }
      if (edges.length && connection.pageInfo.endCursor !== edges[edges.length - 1]?.cursor) {
        problems.push(`page ${page + 1}: pageInfo.endCursor is not the last edge's cursor`);
      }
      if (problems.length) return problems;
      if (!connection.pageInfo.hasNextPage) {
        return seen.size === totalCount ? [] : [`the walk saw ${seen.size} startups; totalCount says ${totalCount}`];
      }
      after = connection.pageInfo.endCursor;
    }
    return [`more than ${maxPages} pages: the walk stopped before the end (totalCount ${totalCount})`];
  });

  await run(`refuses a page larger than ${MAX_PAGE_SIZE} with BAD_USER_INPUT`, async () => {
    const answer = await ask(`{ startups(first: ${MAX_PAGE_SIZE + 1}) { totalCount } }`);
    const code = answer.errors?.[0]?.extensions?.code;
    return code === 'BAD_USER_INPUT' ? [] : [`first: ${MAX_PAGE_SIZE + 1} gave ${code ? `the code ${String(code)}` : 'no error'}`];
  });

  return { url, ok: checks.every((c) => c.ok), contractVersion, checks };
}

/** The report as a person reads it. */
export function formatReport(report: ConformanceReport): string {
  const lines = [`Conformance of ${report.url} to the GouvGraph incubator contract`, ''];
  for (const check of report.checks) {
    lines.push(`${check.ok ? 'PASS' : 'FAIL'}  ${check.name}`);
    for (const detail of check.details) lines.push(`      - ${detail}`);
  }
  const failed = report.checks.filter((c) => !c.ok).length;
  lines.push('', failed === 0 ? `All ${report.checks.length} checks passed.` : `${failed} of ${report.checks.length} checks failed.`);
  return lines.join('\n');
}
