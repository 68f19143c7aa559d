/**
 * The open data of the programme, served by the gateway under `/donnees/` (stable paths, open to
 * every origin, no token): a page listing it, the Data Package, each table as CSV and JSON with
 * its Table Schema, the programme's feeds and the graph's changelog. Exports stream from the graph
 * as they are read; a partner that did not answer is named in the `GouvGraph-Missing-Partners`
 * header (and in the JSON), and one that stops answering mid-way cuts the transfer — never a
 * silently incomplete file.
 *
 * Routed by Hono; the exports alone write to Node's response themselves (see `streamExport`).
 */
import {
  ANSWERED,
  createRoutes,
  htmlSecurityHeaders,
  refuse,
  requestUrl,
  useCors,
  type CorsPolicy,
  type RouteEnv,
  type Routes,
} from '@gouvgraph/http';
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dataPackage, LICENCES, tableSchema } from './descriptors.js';
import { exportTable, type ExportFormat } from './export-stream.js';
import { atomFeed, jsonFeed, type FeedMeta } from './feed-formats.js';
import { changelog, changelogFeed, changelogPage, type SupergraphRelease } from './graph-changelog.js';
import { GraphUnavailable, type Ask } from './graph-walk.js';
import { FileFactsKeeper, measureFiles } from './file-facts.js';
import type { PageAssets } from './layout.js';
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
  /**
   * Changes whenever a write went through the gateway (the response cache's epoch): the page's
   * measure of the files is redone then. Without it, only by age.
   */
  epoch?: () => number;
  /** The built dashboard's styles and script the pages link to (the DSFR); without them, plain pages. */
  pageAssets?: PageAssets | null;
  /** The page's measure of the files (rows, sizes) is redone once this old. Default 10 minutes. */
  filesMeasuredEveryMs?: number;
}

class PartnerLost extends Error {}

/** Open to every origin, and the completeness headers readable by their scripts (the CORS of every route). */
const OPEN: CorsPolicy = {
  origins: ['*'],
  methods: 'GET, HEAD',
  exposeHeaders: 'gouvgraph-complete, gouvgraph-missing-partners, gouvgraph-generated-at, gouvgraph-cache, link, retry-after',
};
const NOSNIFF = { 'x-content-type-options': 'nosniff' };
const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

type OpenDataContext = Context<RouteEnv>;

function json(c: OpenDataContext, body: unknown, cache = 'public, max-age=300'): Response {
  return c.body(JSON.stringify(body, null, 2), 200, { ...NOSNIFF, 'content-type': JSON_TYPE, 'cache-control': cache });
}

/** The path as sent (not decoded), and what follows `/donnees/` in it. */
function pathOf(c: OpenDataContext): { path: string; file: string } {
  const path = requestUrl(c.env.incoming)?.pathname ?? '';
  return { path, file: path.slice(OPEN_DATA_PATH.length + 1) };
}

/** The routes of everything under `/donnees/`. */
export function openDataRoutes(options: OpenDataOptions): Routes {
  const max = options.maxConcurrentWalks ?? 4;
  const perClient = options.maxWalksPerClient ?? 2;
  const maxExportMs = options.maxExportMs ?? 15 * 60_000;
  const clientOf = options.clientOf ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? '');
  let running = 0;
  const byClient = new Map<string, number>();
  /** A partial answer is not kept by shared caches: the next reader may get the whole one. */
  const cacheable = (missing: readonly string[], maxAge: number) => (missing.length ? 'no-store' : `public, max-age=${maxAge}`);
  /** What the absolute links were made from, for shared caches. */
  const linksVary: Record<string, string> = options.publicUrl
    ? {}
    : { vary: options.trustProxy ? 'host, x-forwarded-host, x-forwarded-proto' : 'host' };
  const originOf = (req: IncomingMessage) => {
    if (options.publicUrl) return options.publicUrl;
    const forwarded = (name: string) =>
      (options.trustProxy
        ? String(req.headers[name] ?? '')
            .split(',')[0]
            ?.trim()
        : '') || undefined;
    const proto = forwarded('x-forwarded-proto') === 'https' ? 'https' : 'http';
    return `${proto}://${forwarded('x-forwarded-host') ?? req.headers.host ?? 'localhost'}`;
  };

  /** Runs a walk of the graph when a slot is free (and the client holds fewer than its share), else answers 503 EXPORT_BUSY. */
  async function walking(c: OpenDataContext, walk: () => Promise<Response>): Promise<Response> {
    const client = clientOf(c.env.incoming);
    const held = byClient.get(client) ?? 0;
    if (running >= max || held >= perClient) {
      c.header('retry-after', '5');
      const why = running >= max ? `${max} exports or feeds are being generated` : `this address already has ${held} being generated`;
      return refuse(c, 503, 'EXPORT_BUSY', `${why}: try again in a few seconds`);
    }
    running++;
    byClient.set(client, held + 1);
    try {
      return await walk();
    } catch (error) {
      if (!(error instanceof GraphUnavailable) || c.env.outgoing.headersSent) throw error;
      c.header('retry-after', '30');
      return refuse(c, 503, error.code, `This cannot be generated now: ${error.message}`);
    } finally {
      running--;
      const left = (byClient.get(client) ?? 1) - 1;
      if (left > 0) byClient.set(client, left);
      else byClient.delete(client);
    }
  }

  /**
   * A table as CSV or JSON, written to Node's response as the graph is walked. Not a fetch
   * `Response`: the adapter would read its stream ahead of the socket, so the walk would no longer
   * wait for each page to be written before asking for the next one (back-pressure), and a reader
   * that stops reading would no longer stall it.
   */
  async function streamExport(c: OpenDataContext, table: Table, format: ExportFormat): Promise<Response> {
    const res = c.env.outgoing;
    const headers = {
      ...NOSNIFF,
      'content-type': format === 'json' ? JSON_TYPE : 'text/csv; charset=utf-8; header=present',
      ...(format === 'json'
        ? {}
        : { 'content-disposition': `attachment; filename="${table.name}${format === 'excel' ? '-excel' : ''}.csv"` }),
      link: [
        ...LICENCES[table.origin].map((l) => `<${l.path}>; rel="license"`),
        `<${OPEN_DATA_PATH}/${table.name}.schema.json>; rel="describedby"`,
      ].join(', '),
    };
    // HEAD: what GET would say of the file, without walking the graph for a body nobody reads.
    if (c.req.method === 'HEAD') return c.body(null, 200, { ...headers, 'cache-control': 'public, max-age=60' });
    const requestId = randomUUID();
    return walking(c, async () => {
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
      return ANSWERED;
    });
  }

  /** Complete feeds as last generated, by file and origin: a crowd of readers polling costs one walk. */
  const feedsKept = new Map<string, { epoch: number; until: number; headers: Record<string, string>; body: string }>();

  async function serveFeed(c: OpenDataContext, file: string): Promise<Response> {
    // Partner ids as the registry accepts them: `mtes`, `FabNum-MI`, `latelier.numerique…`.
    const match = /^flux\/(?:programme|incubateurs\/([A-Za-z0-9][A-Za-z0-9._-]*))\.(atom|json)$/.exec(file);
    if (!match) return refuse(c, 404, 'NOT_FOUND', `No feed is published at ${OPEN_DATA_PATH}/${file}: see ${OPEN_DATA_PATH}/`);
    const incubator = match[1];
    const format = match[2] as 'atom' | 'json';
    const origin = originOf(c.env.incoming);
    const headers = {
      ...NOSNIFF,
      'content-type': format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/feed+json; charset=utf-8',
      // Links are made from the Host when no public address is configured.
      ...linksVary,
    };
    const requestId = randomUUID();
    const ask: Ask = (query, variables) => options.ask(query, variables, requestId);
    const unknown = async () => incubator !== undefined && !(await incubatorExists(ask, incubator));
    const notFound = () => refuse(c, 404, 'NOT_FOUND', `No incubator "${incubator ?? ''}" is in the graph`);
    // HEAD: what GET would answer, without the walk (one question for an incubator's feed).
    if (c.req.method === 'HEAD') {
      if (await unknown()) return notFound();
      return c.body(null, 200, { ...headers, 'cache-control': 'public, max-age=60' });
    }
    const keyOf = `${file}\u0000${origin}`;
    const kept = feedsKept.get(keyOf);
    if (kept && options.feeds && kept.epoch === options.feeds.epoch() && kept.until > Date.now()) {
      return c.body(kept.body, 200, { ...kept.headers, 'gouvgraph-cache': 'hit' });
    }
    return walking(c, async () => {
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
      return c.body(body, 200, { ...answer, ...(options.feeds ? { 'gouvgraph-cache': 'miss' } : {}) });
    });
  }

  /** The changelog as last described, kept until a release is added. */
  let described: { key: string; entries: ReturnType<typeof changelog> } | undefined;
  async function serveChangelog(c: OpenDataContext, atom: boolean): Promise<Response> {
    const releases = await options.releases();
    const key = releases.map((r) => `${r.hash}@${r.at.getTime()}`).join(',');
    if (described?.key !== key) described = { key, entries: changelog(releases) };
    const entries = described.entries;
    const page = `${originOf(c.env.incoming)}${OPEN_DATA_PATH}/journal-du-graphe`;
    if (atom) {
      return c.body(changelogFeed(entries, { self: `${page}.atom`, page }), 200, {
        ...NOSNIFF,
        ...linksVary,
        'content-type': 'application/atom+xml; charset=utf-8',
        'cache-control': 'public, max-age=60',
      });
    }
    const links = { feed: `${OPEN_DATA_PATH}/journal-du-graphe.atom`, home: `${OPEN_DATA_PATH}/` };
    return c.body(changelogPage(entries, links, options.pageAssets ?? null), 200, {
      ...htmlSecurityHeaders(),
      'content-type': HTML_TYPE,
      'cache-control': 'public, max-age=60',
    });
  }

  /** The rows and sizes the page shows, measured in the background (file-facts.ts). */
  const measuredEveryMs = options.filesMeasuredEveryMs ?? 10 * 60_000;
  const facts = new FileFactsKeeper(
    () => {
      const requestId = randomUUID();
      return measureFiles(TABLES, (query, variables) => options.ask(query, variables, requestId));
    },
    { maxAgeMs: measuredEveryMs, retryMs: Math.min(measuredEveryMs, 60_000), epoch: options.epoch },
  );
  const page = (c: OpenDataContext) => {
    const res = c.env.outgoing;
    const now = facts.read(new Promise((resolve) => (res.writableFinished || res.destroyed ? resolve(null) : res.once('close', resolve))));
    const complete = TABLES.every((t) => now.facts.has(t.name));
    const html = openDataPage(TABLES, {
      base: OPEN_DATA_PATH,
      assets: options.pageAssets ?? null,
      now,
      refresh: { maxAgeMs: measuredEveryMs, onWrite: options.epoch !== undefined },
    });
    return c.body(html, 200, {
      ...htmlSecurityHeaders(),
      'content-type': HTML_TYPE,
      // A page still waiting for its figures is not kept by shared caches.
      'cache-control': complete ? 'public, max-age=60' : 'no-store',
    });
  };
  const P = OPEN_DATA_PATH;
  return (
    createRoutes()
      // Every answer here, refusals included, is readable from any origin; a preflight is answered.
      .use(`${P}/*`, useCors(OPEN))
      .use(`${P}/*`, async (c, next) => {
        if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
          c.header('allow', 'GET, HEAD');
          return refuse(c, 405, 'BAD_REQUEST', `Method ${c.req.method} is not allowed: the open data is read with GET`);
        }
        if (await options.admit?.(c.env.incoming, c.env.outgoing)) return ANSWERED;
        await next();
        return undefined;
      })
      .get(P, (c) => c.body(null, 308, { location: `${P}/` }))
      .get(`${P}/`, page)
      .get(`${P}/index.html`, page)
      .get(`${P}/flux/*`, (c) => serveFeed(c, pathOf(c).file))
      .get(`${P}/journal-du-graphe`, (c) => serveChangelog(c, false))
      .get(`${P}/journal-du-graphe.atom`, (c) => serveChangelog(c, true))
      .get(`${P}/datapackage.json`, (c) => {
        const missingPartners = options.partnersDown();
        return json(c, dataPackage(TABLES, { generatedAt: new Date().toISOString(), missingPartners }), cacheable(missingPartners, 60));
      })
      .get(`${P}/*`, (c) => {
        const { path, file } = pathOf(c);
        const match = /^([a-z_]+)\.(csv|excel\.csv|json|schema\.json)$/.exec(file);
        const table = match ? tableNamed(match[1] as string) : undefined;
        if (!match || !table) return refuse(c, 404, 'NOT_FOUND', `Nothing is published at ${path}: see ${P}/`);
        if (match[2] === 'schema.json') return json(c, tableSchema(table));
        return streamExport(c, table, match[2] === 'excel.csv' ? 'excel' : (match[2] as ExportFormat));
      })
  );
}
