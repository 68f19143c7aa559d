// Scratch: profile the gateway fanning out to 64 fast partners (answers recorded once).
import { loadSeedData } from '@gouvgraph/data';
import { startGateway } from '@gouvgraph/gateway';
import { startStack, syntheticPartners } from '@gouvgraph/stack';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
const n = Number(process.argv[2] ?? 64);
const stack = await startStack({ database: { kind: 'pglite' }, seeds: syntheticPartners(loadSeedData(), n), partnerTimeoutMs: 30_000 });
const replays = await Promise.all(stack.partners.map(async (p) => {
  const recorded = new Map<string, Buffer>();
  const server = createServer((req, res) => { const c: Buffer[] = []; req.on('data', (d: Buffer) => c.push(d)); req.on('end', async () => { const body = Buffer.concat(c).toString(); let a = recorded.get(body); if (!a) { a = Buffer.from(await (await fetch(p.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer()); recorded.set(body, a); } res.writeHead(200, { 'content-type': 'application/json', 'content-length': a.length }); res.end(a); }); });
  server.keepAliveTimeout = 60000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { id: p.partnerId, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}));
const gateway = await startGateway({ supergraph: { kind: 'compose', subgraphs: [] }, partners: replays, partnerTimeoutMs: 30_000, ide: false });
const body = JSON.stringify({ query: '{ startups(first: 20) { totalCount edges { node { id name phase incubator { name } } } } }' });
for (let i = 0; i < 50; i++) await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.text());
const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start');
const t = performance.now();
for (let i = 0; i < 300; i++) await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.text());
console.log('gateway', ((performance.now() - t) / 300).toFixed(2), 'ms/request');
const { profile } = await session.post('Profiler.stop');
writeFileSync('/tmp/prof/load.cpuprofile', JSON.stringify(profile));
process.exit(0);
