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
import { parseCommandLine, USAGE, UsageError, type Invocation } from './cli-arguments.js';

/** Prints `message` and ends with `code`: 1 when the registry or the gateway says no, 2 on a usage error. */
function fail(message: string, code: 1 | 2 = 1): never {
  console.error(message);
  process.exit(code);
}

let invocation: Invocation;
try {
  invocation = parseCommandLine(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  fail(error.message ? `${error.message}\n${USAGE}` : USAGE, 2);
}
/** The gateway's options, on the commands that call it. */
const given: { gateway?: string | undefined; token?: string | undefined; 'admin-token'?: string | undefined } = invocation.values;
const gateway = (given.gateway ?? process.env.GOUVGRAPH_GATEWAY ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const partnerToken = given.token ?? process.env.GOUVGRAPH_TOKEN;
const adminToken = given['admin-token'] ?? process.env.GOUVGRAPH_ADMIN_TOKEN;
/** An option the command cannot do without (given empty counts as not given). */
const need = (value: string | undefined, name: string): string => value || fail(`--${name} is required\n${USAGE}`, 2);

async function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Record<string, unknown>> {
  if (!token) fail(`a token is required (--token or --admin-token)\n${USAGE}`, 2);
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
  const json = (await response.json()) as Record<string, unknown> & {
    errors?: { message: string; extensions?: { code?: string; details?: string[] } }[];
  };
  if (!response.ok) {
    const error = json.errors?.[0];
    const details = error?.extensions?.details?.map((d) => `  - ${d}`).join('\n');
    fail(
      `refused (${error?.extensions?.code ?? response.status}): ${error?.message ?? 'no reason given'}${details ? `\n${details}` : ''}`,
      1,
    );
  }
  return json;
}

switch (invocation.command) {
  case 'identity-keys': {
    // Made here, printed once: the gateway keeps the private key, every partner's kit the public one.
    const { newIdentityKeyPair } = await import('@gouvgraph/http');
    const keys = newIdentityKeyPair();
    console.log(`GOUVGRAPH_IDENTITY_KEY=${keys.privateKey}\nGOUVGRAPH_IDENTITY_PUBLIC_KEY=${keys.publicKey}`);
    break;
  }
  case 'publish': {
    const { values } = invocation;
    const partner = need(values.partner, 'partner');
    const result = await call('POST', `partners/${encodeURIComponent(partner)}/publish`, partnerToken ?? adminToken, {
      url: need(values.url, 'url'),
    });
    const report = result.report as { contractVersion: string; checks: { name: string; details: string[] }[] };
    console.log(
      `published: ${partner} is live in the graph (${report.checks.length} conformance checks passed, contract ${report.contractVersion})`,
    );
    // What an older contract version means for the graph, as the check found it.
    const note = report.checks.flatMap((c) => c.details).find((d) => d.includes('until this subgraph upgrades'));
    if (note) console.log(note);
    break;
  }
  case 'partner create': {
    const { values } = invocation;
    const id = need(values.id, 'id');
    const result = await call('POST', 'partners', adminToken, {
      id,
      name: need(values.name, 'name'),
      kind: need(values.kind, 'kind'),
      ownerOrganisation: values.owner,
      contact: values.contact,
    });
    console.log(`registered: ${id}\ntoken (shown once, keep it secret): ${String(result.token)}`);
    break;
  }
  case 'partner suspend':
  case 'partner reinstate': {
    const id = need(invocation.values.id, 'id');
    const action = invocation.command === 'partner suspend' ? 'suspend' : 'reinstate';
    await call('POST', `partners/${encodeURIComponent(id)}/${action}`, adminToken, {});
    console.log(`${action === 'suspend' ? 'suspended' : 'reinstated'}: ${id}`);
    break;
  }
  case 'partner remove': {
    const id = need(invocation.values.id, 'id');
    await call('DELETE', `partners/${encodeURIComponent(id)}`, adminToken);
    console.log(`removed: ${id} (its tokens are revoked)`);
    break;
  }
  case 'partner token': {
    const id = need(invocation.values.id, 'id');
    const result = await call('POST', `partners/${encodeURIComponent(id)}/token`, partnerToken ?? adminToken, {});
    console.log(`new token (shown once; the old ones no longer work): ${String(result.token)}`);
    break;
  }
  case 'partner list': {
    const result = await call('GET', 'partners', adminToken);
    for (const p of result.partners as { id: string; status: string; url: string | null; name: string; contractVersion: string | null }[]) {
      console.log(`${p.id.padEnd(24)} ${p.status.padEnd(11)} ${(p.contractVersion ?? '-').padEnd(5)} ${p.url ?? '-'}  ${p.name}`);
    }
    break;
  }
  case 'supergraph list': {
    const result = await call('GET', 'supergraphs', adminToken);
    for (const g of result.supergraphs as { hash: string; live: boolean; createdAt: string }[]) {
      console.log(`${g.live ? '* live' : '      '}  ${g.hash}  ${g.createdAt}`);
    }
    break;
  }
  case 'supergraph rollback': {
    const result = await call('POST', `supergraphs/${encodeURIComponent(need(invocation.values.hash, 'hash'))}/rollback`, adminToken, {});
    console.log(`live: ${String(result.live)} (every gateway on this registry switches to it)`);
    break;
  }
  case 'export': {
    const out = need(invocation.values.out, 'out');
    // Loaded by this command only (as is @gouvgraph/http by identity-keys): the open data brings
    // Apollo's federation code, seconds of start-up the other commands and a usage error do without.
    const { exportToDirectory, GraphUnavailable, ReaderGone } = await import('@gouvgraph/open-data');
    const { publicGraph } = await import('./cli-public-graph.js');
    try {
      const summary = await exportToDirectory(publicGraph(gateway), out, { allowPartial: invocation.values['allow-partial'] === true });
      for (const t of summary.tables)
        console.log(
          `${t.name.padEnd(20)} ${String(t.rows).padStart(7)} rows${t.missingPartners.length ? `  (missing: ${t.missingPartners.join(', ')})` : ''}`,
        );
      // Partial is not done: a scheduled upload must not publish it as the programme.
      if (summary.missingPartners.length) {
        const where = summary.published
          ? `in ${out} (--allow-partial; datapackage.json says so)`
          : `left as ${out}/*.part; the previous export is unchanged (--allow-partial puts it in place)`;
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
  default: {
    const unknown: never = invocation;
    throw new Error(`no such command: ${JSON.stringify(unknown)}`);
  }
}
