/**
 * The open data of the programme, served by the gateway under `/donnees/` (stable paths, open to
 * every origin, no token): a page listing it, the Data Package, each table as CSV and JSON with
 * its Table Schema, the programme's feeds and the graph's changelog. Exports stream from the graph
 * as they are read; a partner that did not answer is named in the `GouvGraph-Missing-Partners`
 * header (and in the JSON), and one that stops answering mid-way cuts the transfer — never a
 * silently incomplete file.
 */
import { htmlSecurityHeaders, requestUrl, sendError } from '@gouvgraph/http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dataPackage, LICENCES, tableSchema } from './descriptors.js';
import { exportTable, type ExportFormat } from './export-stream.js';
import { atomFeed, jsonFeed, type FeedMeta } from './feed-formats.js';
import { changelog, changelogFeed, changelogPage, type SupergraphRelease } from './graph-changelog.js';
import { GraphUnavailable, type Ask } from './graph-walk.js';
import { openDataPage } from './page.js';
import { incubatorExists, programmeEvents } from './programme-events.js';
import { ReaderGone, streamSink } from './sinks.js';
import { tableNamed, TABLES, type Table } from './tables.js';

export const OPEN_DATA_PATH = '/donnees';

export interface OpenDataOptions {
  /** Runs an operation on the public graph; `requestId` ties its log lines to the export's. */
  ask: (query: string, variables: Record<string, unknown>, requestId: string) => ReturnType<Ask>;
  /** Partners failing right now (down or degraded): what the Data Package says is missing. */
  partnersDown: () => string[];
  /** Each time a supergraph became live, oldest first (the registry's timeline, or the one served). */
  releases: () => Promise<SupergraphRelease[]>;
  /** Where the public reaches the gateway, for absolute links; default: the request's Host. */
  publicUrl?: string | undefined;
  /** Behind a proxy that sets them: links use its X-Forwarded-Proto and X-Forwarded-Host. */
  trustProxy?: boolean;
  /** Refuses a caller over its rate (the gateway's limiter): true when it answered. */
  admit?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Exports and feeds walking the graph at once; more wait their turn with a 503. Default 4. */
  maxConcurrentWalks?: number;
  /** Of those, how many one client address may hold. Default 2. */
  maxWalksPerClient?: number;
  /** The longest an export may take, however slowly it is read. Default 15 minutes. */
  maxExportMs?: number;
  /** The address a request counts under (the rate limiter's). Default: the socket's. */
  clientOf?: (req: IncomingMessage) => string;
  /**
   * Keeps complete feeds this long, while `epoch()` stays the same (the response cache's: it
   * changes with every write through the gateway). Default: not kept.
   */
  feeds?: { ttlMs: number; epoch: () => number };
}

class PartnerLost extends Error {}

/** Open to every origin, and the completeness headers readable by their scripts. */
const OPEN = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'gouvgraph-complete, gouvgraph-missing-partners, gouvgraph-generated-at, gouvgraph-cache, link, retry-after',
  'x-content-type-options': 'nosniff',
};
const JSON_TYPE = 'application/json; charset=utf-8';

function sendJson(res: ServerResponse, body: unknown, cache = 'public, max-age=300'): void {
  res.writeHead(200, { ...OPEN, 'content-type': JSON_TYPE, 'cache-control': cache });
  res.end(JSON.stringify(body, null, 2));
}

/** A handler for everything under `/donnees/`: true when it answered. */
export function openDataHandler(options: OpenDataOptions) {
  const max = options.maxConcurrentWalks ?? 4;
  const perClient = options.maxWalksPerClient ?? 2;
  const maxExportMs = options.maxExportMs ?? 15 * 60_000;
  const clientOf = options.clientOf ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? '');
  let running = 0;
  const byClient = new Map<string, number>();
  /** A partial answer is not kept by shared caches: the next reader may get the whole one. */
  const cacheable = (missing: readonly string[], maxAge: number) => (missing.length ? 'no-store' : `public, max-age=${maxAge}`);
  /** What the absolute links were made from, for shared caches. */
  const linksVary: Record<string, string> = options.publicUrl ? {} : { vary: options.trustProxy ? 'host, x-forwarded-host, x-forwarded-proto' : 'host' };
  const originOf = (req: IncomingMessage) => {
    if (options.publicUrl) return options.publicUrl;
    const forwarded = (name: string) => (options.trustProxy ? String(req.headers[name] ?? '').split(',')[0]?.trim() : '') || undefined;
    const proto = forwarded('x-forwarded-proto') === 'https' ? 'https' : 'http';
    return `${proto}://${forwarded('x-forwarded-host') ?? req.headers.host ?? 'localhost'}`;
  };

  /** Runs a walk of the graph when a slot is free (and the client holds fewer than its share), else answers 503 EXPORT_BUSY. */
  async function walking(req: IncomingMessage, res: ServerResponse, walk: () => Promise<void>): Promise<void> {
    const client = clientOf(req);
    const held = byClient.get(client) ?? 0;
    if (running >= max || held >= perClient) {
      res.setHeader('retry-after', '5');
      const why = running >= max ? `${max} exports or feeds are being generated` : `this address already has ${held} being generated`;
      return sendError(res, 503, 'EXPORT_BUSY', `${why}: try again in a few seconds`);
    }
    running++;
    byClient.set(client, held + 1);
    try {
      await walk();
    } catch (error) {
      if (!(error instanceof GraphUnavailable) || res.headersSent) throw error;
      res.setHeader('retry-after', '30');
      sendError(res, 503, error.code, `This cannot be generated now: ${error.message}`);
    } finally {
      running--;
      const left = (byClient.get(client) ?? 1) - 1;
      if (left > 0) byClient.set(client, left);
      else byClient.delete(client);
    }
  }

  async function streamExport(req: IncomingMessage, res: ServerResponse, table: Table, format: ExportFormat): Promise<void> {
    const headers = {
      ...OPEN,
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : JSON_TYPE,
      ...(format === 'csv' ? { 'content-disposition': `attachment; filename="${table.name}.csv"` } : {}),
      link: [...LICENCES[table.origin].map((l) => `<${l.path}>; rel="license"`), `<${OPEN_DATA_PATH}/${table.name}.schema.json>; rel="describedby"`].join(', '),
    };
    // HEAD: what GET would say of the file, without walking the graph for a body nobody reads.
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...headers, 'cache-control': 'public, max-age=60' }).end();
      return;
    }
    const requestId = randomUUID();
    await walking(req, res, async () => {
      // However slowly it is read (a trickle resets the stall timer), an export ends.
      const deadline = setTimeout(() => res.destroy(), maxExportMs);
      try {
        await exportTable(table, format, (query, variables) => options.ask(query, variables, requestId), streamSink(res), {
          begin: (missing) => {
            res.writeHead(200, {
              ...headers,
              'cache-control': cacheable(missing, 60),
              'gouvgraph-generated-at': new Date().toISOString(),
              'gouvgraph-complete': String(missing.length === 0),
              'gouvgraph-missing-partners': missing.join(','),
            });
          },
          partnerLost: (partner) => {
            throw new PartnerLost(`partner ${partner} stopped answering during the export`);
          },
        });
        res.end();
      } catch (error) {
        if (!res.headersSent) throw error;
        // Started, then cut short (a partner lost, the reader gone, a failure): the reader must
        // see a broken transfer, never a file that looks whole.
        res.destroy();
        if (!(error instanceof PartnerLost || error instanceof GraphUnavailable || error instanceof ReaderGone)) throw error;
      } finally {
        clearTimeout(deadline);
      }
    });
  }

  /** Complete feeds as last generated, by file and origin: a crowd of readers polling costs one walk. */
  const feedsKept = new Map<string, { epoch: number; until: number; headers: Record<string, string>; body: string }>();

  async function serveFeed(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
    // Partner ids as the registry accepts them: `mtes`, `FabNum-MI`, `latelier.numerique…`.
    const match = /^flux\/(?:programme|incubateurs\/([A-Za-z0-9][A-Za-z0-9._-]*))\.(atom|json)$/.exec(file);
    if (!match) return sendError(res, 404, 'NOT_FOUND', `No feed is published at ${OPEN_DATA_PATH}/${file}: see ${OPEN_DATA_PATH}/`);
    const incubator = match[1];
    const format = match[2] as 'atom' | 'json';
    const origin = originOf(req);
    const headers = {
      ...OPEN,
      'content-type': format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/feed+json; charset=utf-8',
      // Links are made from the Host when no public address is configured.
      ...linksVary,
    };
    const requestId = randomUUID();
    const ask: Ask = (query, variables) => options.ask(query, variables, requestId);
    const unknown = async () => incubator !== undefined && !(await incubatorExists(ask, incubator));
    const notFound = () => sendError(res, 404, 'NOT_FOUND', `No incubator "${incubator ?? ''}" is in the graph`);
    // HEAD: what GET would answer, without the walk (one question for an incubator's feed).
    if (req.method === 'HEAD') {
      if (await unknown()) return notFound();
      res.writeHead(200, { ...headers, 'cache-control': 'public, max-age=60' }).end();
      return;
    }
    const keyOf = `${file}\u0000${origin}`;
    const kept = feedsKept.get(keyOf);
    if (kept && options.feeds && kept.epoch === options.feeds.epoch() && kept.until > Date.now()) {
      res.writeHead(200, { ...kept.headers, 'gouvgraph-cache': 'hit' }).end(kept.body);
      return;
    }
    await walking(req, res, async () => {
      if (await unknown()) return notFound();
      const epoch = options.feeds?.epoch();
      const events = await programmeEvents(ask, incubator ? { incubator } : {});
      const meta: FeedMeta = {
        id: `tag:gouvgraph.beta.gouv.fr,2026:flux/${incubator ? `incubateurs/${incubator}` : 'programme'}`,
        title: incubator ? `Programme beta.gouv.fr — incubateur ${incubator}` : 'Programme beta.gouv.fr — événements',
        description: incubator
          ? `Les startups de l’incubateur ${incubator} : créations, changements de phase, comités d’investissement, API publiées.`
          : 'Les startups d’État de tous les incubateurs : créations, changements de phase, comités d’investissement, API publiées.',
        self: `${origin}${OPEN_DATA_PATH}/${file}`,
        home: `${origin}/`,
        origin,
      };
      const answer = {
        ...headers,
        'cache-control': cacheable(events.missingPartners, 60),
        'gouvgraph-complete': String(events.missingPartners.length === 0),
        'gouvgraph-missing-partners': events.missingPartners.join(','),
      };
      const body = format === 'atom' ? atomFeed(events, meta) : jsonFeed(events, meta);
      // Kept only when complete, and only if no write went through while it was being made.
      if (options.feeds && epoch === options.feeds.epoch() && events.missingPartners.length === 0) {
        if (feedsKept.size >= 256) feedsKept.delete(feedsKept.keys().next().value as string);
        feedsKept.set(keyOf, { epoch, until: Date.now() + options.feeds.ttlMs, headers: answer, body });
      }
      res.writeHead(200, { ...answer, ...(options.feeds ? { 'gouvgraph-cache': 'miss' } : {}) });
      res.end(body);
    });
  }

  /** The changelog as last described, kept until a release is added. */
  let described: { key: string; entries: ReturnType<typeof changelog> } | undefined;
  async function serveChangelog(req: IncomingMessage, res: ServerResponse, atom: boolean): Promise<void> {
    const releases = await options.releases();
    const key = releases.map((r) => `${r.hash}@${r.at.getTime()}`).join(',');
    if (described?.key !== key) described = { key, entries: changelog(releases) };
    const entries = described.entries;
    const page = `${originOf(req)}${OPEN_DATA_PATH}/journal-du-graphe`;
    const vary = linksVary;
    if (atom) {
      res.writeHead(200, { ...OPEN, ...vary, 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' });
      res.end(changelogFeed(entries, { self: `${page}.atom`, page }));
      return;
    }
    res.writeHead(200, { ...htmlSecurityHeaders(), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60' });
    res.end(changelogPage(entries, `${OPEN_DATA_PATH}/journal-du-graphe.atom`));
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = requestUrl(req)?.pathname ?? '';
    if (path !== OPEN_DATA_PATH && !path.startsWith(`${OPEN_DATA_PATH}/`)) return false;
    // Every answer here, refusals included, is readable from any origin.
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      // A browser's preflight: GET and HEAD, from anywhere.
      res.writeHead(204, { 'access-control-allow-methods': 'GET, HEAD', 'access-control-max-age': '600' }).end();
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendError(res, 405, 'BAD_REQUEST', `Method ${req.method ?? ''} is not allowed: the open data is read with GET`);
      return true;
    }
    if (await options.admit?.(req, res)) return true;
    const file = path.slice(OPEN_DATA_PATH.length + 1);
    if (path === OPEN_DATA_PATH) {
      res.writeHead(308, { location: `${OPEN_DATA_PATH}/` }).end();
    } else if (file === '' || file === 'index.html') {
      res.writeHead(200, { ...htmlSecurityHeaders(), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' });
      res.end(openDataPage(TABLES, OPEN_DATA_PATH));
    } else if (file.startsWith('flux/')) {
      await serveFeed(req, res, file);
    } else if (file === 'journal-du-graphe' || file === 'journal-du-graphe.atom') {
      await serveChangelog(req, res, file.endsWith('.atom'));
    } else if (file === 'datapackage.json') {
      const missingPartners = options.partnersDown();
      sendJson(res, dataPackage(TABLES, { generatedAt: new Date().toISOString(), missingPartners }), cacheable(missingPartners, 60));
    } else {
      const match = /^([a-z_]+)\.(csv|json|schema\.json)$/.exec(file);
      const table = match ? tableNamed(match[1] as string) : undefined;
      if (!match || !table) sendError(res, 404, 'NOT_FOUND', `Nothing is published at ${path}: see ${OPEN_DATA_PATH}/`);
      else if (match[2] === 'schema.json') sendJson(res, tableSchema(table));
      else await streamExport(req, res, table, match[2] as ExportFormat);
    }
    return true;
  };
}
