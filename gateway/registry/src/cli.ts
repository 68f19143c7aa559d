/**
 * `gouvgraph`: the registry's command line, over the gateway's admin API.
 *
 *   gouvgraph publish --partner calvados --url http://…/graphql --token ggp_…
 *   gouvgraph partner create --id calvados --name "Incubateur du Calvados" --kind local-authority [--owner ID] [--contact EMAIL]
 *   gouvgraph partner suspend|reinstate|remove --id calvados
 *   gouvgraph partner token --id calvados           (rotates: prints the new token once)
 *   gouvgraph partner list | gouvgraph audit
 *   gouvgraph supergraph list | gouvgraph supergraph rollback --hash HASH (or its first 6+ characters)
 *   gouvgraph identity-keys                         (a fresh key pair for GOUVGRAPH_IDENTITY_KEY / _PUBLIC_KEY)
 *   gouvgraph export --out DIR [--allow-partial]    (the open data, read from the gateway's graph, for data.gouv.fr)
 *
 * --gateway URL (default $GOUVGRAPH_GATEWAY or http://127.0.0.1:4000); tokens by --token /
 * --admin-token or $GOUVGRAPH_TOKEN / $GOUVGRAPH_ADMIN_TOKEN. Exit 0 on success, 1 when the
 * registry refuses, 2 on a usage error.
 */
import { newIdentityKeyPair } from '@gouvgraph/http';
import { exportToDirectory, GraphUnavailable, ReaderGone, type Ask } from '@gouvgraph/open-data';

/**
 * The gateway's public graph over HTTP, as any client reads it (what is published is what anyone
 * may query), waiting out its rate limit (a large export sends thousands of pages).
 */
function publicGraph(gateway: string): Ask {
  return async (query, variables) => {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      } catch {
        throw new GraphUnavailable('GRAPH_UNAVAILABLE', `the gateway at ${gateway} does not answer`);
      }
      if (response.status === 429 && attempt < 10) {
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      try {
        return (await response.json()) as Awaited<ReturnType<Ask>>;
      } catch {
        throw new GraphUnavailable('GRAPH_UNAVAILABLE', `the gateway at ${gateway} answered HTTP ${response.status}, not GraphQL`);
      }
    }
  };
}

const USAGE = `usage:
  gouvgraph publish --partner ID --url URL [--token TOKEN]
  gouvgraph partner create --id ID --name NAME --kind KIND [--owner ORG] [--contact EMAIL]
  gouvgraph partner (suspend|reinstate|remove|token) --id ID
  gouvgraph partner list
  gouvgraph audit
  gouvgraph supergraph list
  gouvgraph supergraph rollback --hash HASH
  gouvgraph identity-keys
  gouvgraph export --out DIR [--allow-partial]
options: --gateway URL, --token TOKEN (partner), --admin-token TOKEN`;

/** Flags that take no value. */
const SWITCHES = new Set(['allow-partial']);
const takesValue = (arg: string | undefined): boolean => !!arg?.startsWith('--') && !arg.includes('=') && !SWITCHES.has(arg.slice(2));

function flags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split(/=(.*)/s);
    out.set(name ?? '', inline ?? (takesValue(arg) ? (argv[++i] ?? '') : ''));
  }
  return out;
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const argv = process.argv.slice(2).filter((a) => a !== '--');
const words = argv.filter((a, i) => !a.startsWith('--') && !takesValue(argv[i - 1]));
const opts = flags(argv);
const gateway = (opts.get('gateway') ?? process.env.GOUVGRAPH_GATEWAY ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const partnerToken = opts.get('token') ?? process.env.GOUVGRAPH_TOKEN;
const adminToken = opts.get('admin-token') ?? process.env.GOUVGRAPH_ADMIN_TOKEN;
const need = (name: string) => opts.get(name) || fail(`--${name} is required\n${USAGE}`);

async function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Record<string, unknown>> {
  if (!token) fail(`a token is required (--token or --admin-token)\n${USAGE}`);
  let response: Response;
  try {
    response = await fetch(`${gateway}/-/admin/${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    fail(`the gateway at ${gateway} does not answer`, 1);
  }
  const json = (await response.json()) as Record<string, unknown> & { errors?: { message: string; extensions?: { code?: string; details?: string[] } }[] };
  if (!response.ok) {
    const error = json.errors?.[0];
    const details = error?.extensions?.details?.map((d) => `  - ${d}`).join('\n');
    fail(`refused (${error?.extensions?.code ?? response.status}): ${error?.message ?? 'no reason given'}${details ? `\n${details}` : ''}`, 1);
  }
  return json;
}

const [command, sub] = words;
switch (command) {
  case 'identity-keys': {
    // Made here, printed once: the gateway keeps the private key, every partner's kit the public one.
    const keys = newIdentityKeyPair();
    console.log(`GOUVGRAPH_IDENTITY_KEY=${keys.privateKey}\nGOUVGRAPH_IDENTITY_PUBLIC_KEY=${keys.publicKey}`);
    break;
  }
  case 'publish': {
    const partner = need('partner');
    const result = await call('POST', `partners/${encodeURIComponent(partner)}/publish`, partnerToken ?? adminToken, { url: need('url') });
    const report = result.report as { contractVersion: string; checks: { name: string; details: string[] }[] };
    console.log(`published: ${partner} is live in the graph (${report.checks.length} conformance checks passed, contract ${report.contractVersion})`);
    // What an older contract version means for the graph, as the check found it.
    const note = report.checks.flatMap((c) => c.details).find((d) => d.includes('until this subgraph upgrades'));
    if (note) console.log(note);
    break;
  }
  case 'partner': {
    const id = () => encodeURIComponent(need('id'));
    switch (sub) {
      case 'create': {
        const result = await call('POST', 'partners', adminToken, {
          id: need('id'),
          name: need('name'),
          kind: need('kind'),
          ownerOrganisation: opts.get('owner'),
          contact: opts.get('contact'),
        });
        console.log(`registered: ${need('id')}\ntoken (shown once, keep it secret): ${String(result.token)}`);
        break;
      }
      case 'suspend':
      case 'reinstate':
        await call('POST', `partners/${id()}/${sub}`, adminToken, {});
        console.log(`${sub === 'suspend' ? 'suspended' : 'reinstated'}: ${need('id')}`);
        break;
      case 'remove':
        await call('DELETE', `partners/${id()}`, adminToken);
        console.log(`removed: ${need('id')} (its tokens are revoked)`);
        break;
      case 'token': {
        const result = await call('POST', `partners/${id()}/token`, partnerToken ?? adminToken, {});
        console.log(`new token (shown once; the old ones no longer work): ${String(result.token)}`);
        break;
      }
      case 'list': {
        const result = await call('GET', 'partners', adminToken);
        for (const p of result.partners as { id: string; status: string; url: string | null; name: string; contractVersion: string | null }[]) {
          console.log(`${p.id.padEnd(24)} ${p.status.padEnd(11)} ${(p.contractVersion ?? '-').padEnd(5)} ${p.url ?? '-'}  ${p.name}`);
        }
        break;
      }
      default:
        fail(USAGE);
    }
    break;
  }
  case 'supergraph': {
    if (sub === 'list') {
      const result = await call('GET', 'supergraphs', adminToken);
      for (const g of result.supergraphs as { hash: string; live: boolean; createdAt: string }[]) {
        console.log(`${g.live ? '* live' : '      '}  ${g.hash}  ${g.createdAt}`);
      }
    } else if (sub === 'rollback') {
      const result = await call('POST', `supergraphs/${encodeURIComponent(need('hash'))}/rollback`, adminToken, {});
      console.log(`live: ${String(result.live)} (every gateway on this registry switches to it)`);
    } else fail(USAGE);
    break;
  }
  case 'export': {
    const out = need('out');
    try {
      const summary = await exportToDirectory(publicGraph(gateway), out, { allowPartial: opts.has('allow-partial') });
      for (const t of summary.tables) console.log(`${t.name.padEnd(20)} ${String(t.rows).padStart(7)} rows${t.missingPartners.length ? `  (missing: ${t.missingPartners.join(', ')})` : ''}`);
      // Partial is not done: a scheduled upload must not publish it as the programme.
      if (summary.missingPartners.length) {
        const where = summary.published ? `in ${out} (--allow-partial; datapackage.json says so)` : `left as ${out}/*.part; the previous export is unchanged (--allow-partial puts it in place)`;
        fail(`PARTIAL export: ${summary.missingPartners.join(', ')} did not answer; ${where}`, 1);
      }
      console.log(`complete export in ${out} (datapackage.json, CSV, JSON and Table Schemas), generated ${summary.generatedAt}`);
    } catch (error) {
      if (error instanceof GraphUnavailable) fail(`the export failed (${error.code}): ${error.message}; ${out} is unchanged`, 1);
      if (error instanceof ReaderGone) fail(`the export could not be written to ${out}: ${error.message}`, 1);
      throw error;
    }
    break;
  }
  case 'audit': {
    const result = await call('GET', 'audit', adminToken);
    for (const a of result.audit as { at: string; actor: string; action: string; target: string | null }[]) {
      console.log(`${a.at}  ${a.actor.padEnd(20)} ${a.action.padEnd(24)} ${a.target ?? ''}`);
    }
    break;
  }
  default:
    fail(USAGE);
}
