/**
 * The conformance check a partner runs against its own subgraph before joining the graph, the
 * registry runs at publication and the gateway re-runs on live partners (conformance-monitor.ts):
 * the SDL is the contract's, and the subgraph behaves as the gateway relies on — ids that name the
 * partner, entity resolution in order, pages in every order the contract offers (walks.ts), valid
 * values (values.ts), a tally its histories agree with (tally.ts), arguments refused as the
 * contract says. A failed check names the rule it
 * broke (violations.ts); on a bounded sample, so that a re-check stays cheap for the partner.
 * What a subgraph without startups cannot show is said, with how to show it (`--with-sample`).
 */
import { MAX_PAGE_SIZE } from '../paging.js';
import { CONTRACT_VERSION, contractVersion as versionOf } from '../versions.js';
import type { Violation, ViolationFound } from '../violations.js';
import { asker, dataOf, Failure } from './client.js';
import { matchContract, missingSince, versionSchema } from './compare.js';
import { tallyProblems } from './tally.js';
import { sampleQuery, valueProblems } from './values.js';
import { OTHER_ORDERS, walk, type Walk } from './walks.js';

export interface Check {
  name: string;
  ok: boolean;
  /** The rule a failed check found broken (its first problem's); null when it passed. */
  rule: Violation | null;
  /** It failed because the subgraph stopped answering: availability, not conformance. */
  unreachable?: true;
  /** It passed with nothing to check it on (no startups): what it could not verify. */
  unverified?: string;
  /** What is wrong (or, for a passing check, what was verified). */
  details: string[];
}

export interface ConformanceReport {
  url: string;
  ok: boolean;
  /** The contract version the subgraph implements (null when none). */
  contractVersion: string | null;
  checks: Check[];
  /** The subgraph stopped answering: the checks after that were not run. */
  unreachable: boolean;
  /** What the subgraph could not show, having too few startups (empty when it showed everything). */
  unverified: string[];
  /** Requests sent to the subgraph. */
  requests: number;
}

export interface CheckOptions {
  /** Per-request deadline. Default 10 s. */
  timeoutMs?: number;
  /** Page size of the walks. Default 10. */
  pageSize?: number;
  /** Pages of the walk in the default order, at most. Default 200 (a re-check asks fewer: a sample). */
  maxPages?: number;
  /** Pages of the walk in each other order, at most. Default 3. */
  orderPages?: number;
  /** Pages of 100 startups' histories the tally is compared with, at most. Default 10 (a re-check asks fewer). */
  tallyPages?: number;
  /** The partner the subgraph must serve, when known: its only incubator, and the prefix of its startup ids. */
  partnerId?: string;
}

/** The how-to of a report that could not verify everything. */
export const SAMPLE_HINT =
  'To verify them, run the check while the subgraph holds a few startups: with the kit, `pnpm --filter @gouvgraph/incubator run check-conformance -- --with-sample` writes a conformance sample, checks and deletes it; any other subgraph: create 3 startups, run the check, delete them (docs/partners.md, "A partner with no startups yet").';

const problem = (rule: Violation, detail: string): ViolationFound => ({ rule, detail });

/** Runs every check against the subgraph at `url` and reports them all. */
export async function checkSubgraph(url: string, options: CheckOptions = {}): Promise<ConformanceReport> {
  const pageSize = options.pageSize ?? 10;
  const maxPages = options.maxPages ?? 200;
  const orderPages = options.orderPages ?? 3;
  const client = asker(url, options.timeoutMs ?? 10_000);
  const ask = client.ask;
  const checks: Check[] = [];
  let unreachable = false;
  /** Runs one check, unless the subgraph stopped answering; `rule`: what a failure to answer counts as. */
  const run = async (name: string, rule: Violation, body: (unverified: (what: string) => void) => Promise<ViolationFound[]>) => {
    if (unreachable) return;
    let unverified: string | undefined;
    try {
      const problems = await body((what) => {
        unverified = what;
      });
      const ok = problems.length === 0;
      checks.push({
        name,
        ok,
        rule: problems[0]?.rule ?? null,
        ...(ok && unverified ? { unverified } : {}),
        details: problems.map((p) => p.detail),
      });
    } catch (error) {
      const lost = error instanceof Failure && error.unreachable;
      unreachable ||= lost;
      checks.push({
        name,
        ok: false,
        rule,
        ...(lost ? { unreachable: true as const } : {}),
        details: [error instanceof Failure ? error.message : `unexpected: ${String(error)}`],
      });
    }
  };

  let sdl: string | undefined;
  await run('publishes its SDL (_service { sdl })', 'SDL', async () => {
    const data = dataOf(await ask('{ _service { sdl } }'), '_service { sdl }');
    sdl = data._service?.sdl;
    return typeof sdl === 'string' ? [] : [problem('SDL', '_service.sdl is not a string')];
  });
  let contractVersion: string | null = null;
  let ignored: string[] = [];
  await run('implements a version of the contract', 'SDL', async () => {
    if (sdl === undefined) return [problem('SDL', 'no SDL to compare')];
    const match = await matchContract(sdl);
    if (!match.version) return [`compared with contract ${match.closest}, the closest:`, ...match.problems].map((d) => problem('SDL', d));
    contractVersion = match.version;
    ignored = match.ignored;
    return [];
  });
  const schemaCheck = checks.find((c) => c.name === 'implements a version of the contract');
  if (contractVersion && schemaCheck) {
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

  let partnerId: string | undefined = options.partnerId;
  let startupIds: string[] = [];
  await run('serves one incubator, and startup ids that name it', 'FOREIGN_ID', async () => {
    const data = dataOf(
      await ask('{ incubators { id } startups(first: 5) { edges { node { id incubator { id } } } } }'),
      'incubators and startups',
    );
    const incubators = ((data.incubators ?? []) as { id: string }[]).map((i) => i.id);
    if (incubators.length !== 1)
      return [
        problem(
          'FOREIGN_ID',
          `incubators returned ${incubators.length} incubators (${incubators.join(', ')}); a partner serves exactly one`,
        ),
      ];
    if (partnerId && incubators[0] !== partnerId)
      return [problem('FOREIGN_ID', `incubators returned "${incubators[0]}"; this partner is "${partnerId}"`)];
    partnerId = incubators[0];
    const nodes = ((data.startups?.edges ?? []) as { node: { id: string; incubator?: { id?: string } } }[]).map((e) => e.node);
    startupIds = nodes.map((n) => n.id);
    return nodes.flatMap((n) => [
      ...(n.id.startsWith(`${partnerId}/`) ? [] : [problem('FOREIGN_ID', `startup id "${n.id}" does not start with "${partnerId}/"`)]),
      ...(n.incubator?.id === partnerId ? [] : [problem('FOREIGN_ID', `startup "${n.id}" names incubator "${n.incubator?.id}"`)]),
    ]);
  });

  await run('resolves entities in the order asked, null for ids it does not own', 'ENTITIES', async (unverified) => {
    if (!partnerId) return [problem('ENTITIES', 'no incubator id to resolve')];
    if (startupIds.length === 0) unverified('startup entities (only the incubator and unknown ids were resolved)');
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
      : [problem('ENTITIES', `_entities returned ${JSON.stringify(got)}; expected ${JSON.stringify(expected)}`)];
  });

  let defaultWalk: Walk | null = null;
  await run(`walks its startups in the contract's order, ${pageSize} at a time`, 'ORDER', async (unverified) => {
    const found = await walk(ask, { order: null, pageSize, maxPages, partnerId });
    defaultWalk = found;
    if (found.problems.length) return found.problems;
    if (found.ids.length < 2)
      unverified(`the order, cursors and \`after\` (${found.ids.length === 0 ? 'no startups' : 'a single startup'})`);
    return [];
  });

  const total = (defaultWalk as Walk | null)?.totalCount ?? null;
  const shortPageSize = Math.max(1, Math.min(pageSize, Math.ceil((total ?? 0) / orderPages)));
  await run(
    `walks ${orderPages} pages in each other order (${OTHER_ORDERS.map((o) => `${o.field} ${o.direction}`).join(', ')})`,
    'ORDER',
    async (unverified) => {
      const problems: ViolationFound[] = [];
      for (const order of OTHER_ORDERS) {
        const found = await walk(ask, { order, pageSize: shortPageSize, maxPages: orderPages, partnerId });
        problems.push(...found.problems);
        if (total !== null && found.totalCount !== null && found.totalCount !== total)
          problems.push(
            problem('COUNT', `${order.field} ${order.direction}: totalCount ${found.totalCount}; the default order says ${total}`),
          );
        if (problems.length) return problems;
      }
      if ((total ?? 0) < 2) unverified(`the other orders (${total ? 'a single startup' : 'no startups'})`);
      return [];
    },
  );

  await run('answers valid values: dates, URLs, enums, texts and lists within bounds', 'SCALAR', async (unverified) => {
    const version = versionOf(contractVersion ?? CONTRACT_VERSION) ?? versionOf(CONTRACT_VERSION);
    if (!version) throw new Error(`no contract ${CONTRACT_VERSION}`);
    const schema = versionSchema(version);
    const data = dataOf(await ask(sampleQuery(schema), { first: pageSize }), 'a sample page with every field');
    const found = valueProblems(schema, data);
    if ((data.startups?.edges ?? []).length === 0) unverified("startups' values (only the incubator's were checked)");
    return found.slice(0, 10);
  });

  const version = versionOf(contractVersion ?? CONTRACT_VERSION);
  if (version && versionSchema(version).getType('StartupTally')) {
    await run('tallies its startups as their histories say (contract 1.3)', 'TALLY', async (unverified) => {
      if (!partnerId) return [problem('TALLY', 'no incubator id to read the tally of')];
      if (startupIds.length === 0) unverified('the tally of startups (no startups)');
      return tallyProblems(ask, partnerId, options.tallyPages ?? 10, unverified);
    });
  }

  await run(`refuses a page larger than ${MAX_PAGE_SIZE} with BAD_USER_INPUT`, 'ARGUMENTS', async () => {
    const answer = await ask(`{ startups(first: ${MAX_PAGE_SIZE + 1}) { totalCount } }`);
    const code = answer.errors?.[0]?.extensions?.code;
    return code === 'BAD_USER_INPUT'
      ? []
      : [problem('ARGUMENTS', `first: ${MAX_PAGE_SIZE + 1} gave ${code ? `the code ${String(code)}` : 'no error'}`)];
  });

  const unverified = checks.flatMap((c) => (c.unverified ? [c.unverified] : []));
  return {
    url,
    ok: checks.every((c) => c.ok) && !unreachable,
    contractVersion,
    checks,
    unreachable,
    unverified,
    requests: client.requests,
  };
}
