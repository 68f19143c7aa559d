/**
 * The open data of the programme, served by the gateway under `/donnees/` (stable paths, open to
 * every origin, no token): a page listing it, the Data Package, each table as CSV and JSON with
 * its Table Schema. Exports stream from the graph as they are read; a partner that did not
 * answer is named in the `GouvGraph-Missing-Partners` header (and in the JSON), and one that
 * stops answering mid-way cuts the transfer — never a silently incomplete file.
 */
import { htmlSecurityHeaders, requestUrl, sendError } from '@gouvgraph/http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dataPackage, LICENCE, tableSchema } from './descriptors.js';
import { exportTable, type ExportFormat } from './export-stream.js';
import { GraphUnavailable, type Ask } from './graph-walk.js';
import { atomFeed, jsonFeed, type FeedMeta } from './feed-formats.js';
import { changelog, changelogFeed, changelogPage, type SupergraphVersion } from './graph-changelog.js';
import { openDataPage } from './page.js';
import { programmeEvents } from './programme-events.js';
import { ReaderGone, streamSink } from './sinks.js';
import { tableNamed, TABLES, type Table } from './tables.js';

export const OPEN_DATA_PATH = '/donnees';

export interface OpenDataOptions {
  ask: Ask;
  /** Partners failing right now (down or degraded): what the Data Package says is missing. */
  partnersDown: () => string[];
  /** Every supergraph version published, oldest first (the registry's history, or the one served). */
  versions: () => Promise<SupergraphVersion[]>;
  /** Where the public reaches the gateway, for absolute links; default: the request's Host. */
  publicUrl?: string | undefined;
  /** Exports and feeds walking the graph at once; more wait their turn with a 503. Default 4. */
  maxConcurrentExports?: number;
}

class PartnerLost extends Error {}

const OPEN = { 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' };
const JSON_TYPE = 'application/json; charset=utf-8';

function sendJson(res: ServerResponse, body: unknown, cache = 'public, max-age=300'): void {
  res.writeHead(200, { ...OPEN, 'content-type': JSON_TYPE, 'cache-control': cache });
  res.end(JSON.stringify(body, null, 2));
}

/** A handler for everything under `/donnees/`: true when it answered. */
export function openDataHandler(options: OpenDataOptions) {
  const max = options.maxConcurrentExports ?? 4;
  let running = 0;

  async function streamExport(res: ServerResponse, table: Table, format: ExportFormat): Promise<void> {
    await walking(res, async () => {
      try {
        await exportTable(table, format, options.ask, streamSink(res), {
          begin: (missing) => {
            res.writeHead(200, {
              ...OPEN,
              'content-type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : JSON_TYPE,
              ...(format === 'csv' ? { 'content-disposition': `attachment; filename="${table.name}.csv"` } : {}),
              'cache-control': 'public, max-age=60',
              link: `<${LICENCE.path}>; rel="license", <${OPEN_DATA_PATH}/${table.name}.schema.json>; rel="describedby"`,
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
        if (error instanceof GraphUnavailable && !res.headersSent) throw error;
        // Started, then cut short (a partner lost, the reader gone, a failure): the reader must
        // see a broken transfer, never a file that looks whole.
        res.destroy();
        if (!(error instanceof PartnerLost || error instanceof GraphUnavailable || error instanceof ReaderGone)) throw error;
      }
    });
  }

  /** Runs a walk of the graph if a slot is free; false (and a 503 sent) when all are taken. */
  async function walking(res: ServerResponse, walk: () => Promise<void>): Promise<void> {
    if (running >= max) {
      res.setHeader('retry-after', '5');
      return sendError(res, 503, 'EXPORT_BUSY', `${max} exports are being generated: try again in a few seconds`);
    }
    running++;
    try {
      await walk();
    } catch (error) {
      if (!(error instanceof GraphUnavailable)) throw error;
      res.setHeader('retry-after', '30');
      sendError(res, 503, error.code, `This cannot be generated now: ${error.message}`);
    } finally {
      running--;
    }
  }

  async function serveFeed(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
    const match = /^flux\/(?:programme|incubateurs\/([a-z0-9_-]+))\.(atom|json)$/.exec(file);
    if (!match) return sendError(res, 404, 'NOT_FOUND', `No feed is published at ${OPEN_DATA_PATH}/${file}: see ${OPEN_DATA_PATH}/`);
    const incubator = match[1];
    const format = match[2] as 'atom' | 'json';
    const origin = originOf(req);
    await walking(res, async () => {
      const events = await programmeEvents(options.ask, incubator ? { incubator } : {});
      if (incubator && events.events.length === 0 && events.missingPartners.length === 0) {
        return sendError(res, 404, 'NOT_FOUND', `No incubator "${incubator}" has events in the graph`);
      }
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
      res.writeHead(200, {
        ...OPEN,
        'content-type': format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/feed+json; charset=utf-8',
        'cache-control': 'public, max-age=60',
        'gouvgraph-complete': String(events.missingPartners.length === 0),
        'gouvgraph-missing-partners': events.missingPartners.join(','),
      });
      res.end(format === 'atom' ? atomFeed(events, meta) : jsonFeed(events, meta));
    });
  }

  async function serveChangelog(req: IncomingMessage, res: ServerResponse, atom: boolean): Promise<void> {
    const entries = changelog(await options.versions());
    const page = `${originOf(req)}${OPEN_DATA_PATH}/journal-du-graphe`;
    if (atom) {
      res.writeHead(200, { ...OPEN, 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' });
      res.end(changelogFeed(entries, { self: `${page}.atom`, page }));
      return;
    }
    res.writeHead(200, { ...htmlSecurityHeaders(), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60' });
    res.end(changelogPage(entries, `${OPEN_DATA_PATH}/journal-du-graphe.atom`));
  }

  const originOf = (req: IncomingMessage) => options.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = requestUrl(req)?.pathname ?? '';
    if (path !== OPEN_DATA_PATH && !path.startsWith(`${OPEN_DATA_PATH}/`)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendError(res, 405, 'BAD_REQUEST', `Method ${req.method ?? ''} is not allowed: the open data is read with GET`);
      return true;
    }
    const file = path.slice(OPEN_DATA_PATH.length + 1);
    if (file === '' || file === 'index.html') {
      if (path === OPEN_DATA_PATH) {
        res.writeHead(308, { location: `${OPEN_DATA_PATH}/` }).end();
        return true;
      }
      res.writeHead(200, { ...htmlSecurityHeaders(), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' });
      res.end(openDataPage(TABLES, OPEN_DATA_PATH));
      return true;
    }
    if (file.startsWith('flux/')) {
      await serveFeed(req, res, file);
      return true;
    }
    if (file === 'journal-du-graphe' || file === 'journal-du-graphe.atom') {
      await serveChangelog(req, res, file.endsWith('.atom'));
      return true;
    }
    if (file === 'datapackage.json') {
      sendJson(res, dataPackage(TABLES, { generatedAt: new Date().toISOString(), missingPartners: options.partnersDown() }), 'public, max-age=60');
      return true;
    }
    const match = /^([a-z_]+)\.(csv|json|schema\.json)$/.exec(file);
    const table = match ? tableNamed(match[1] as string) : undefined;
    if (!match || !table) {
      sendError(res, 404, 'NOT_FOUND', `Nothing is published at ${path}: see ${OPEN_DATA_PATH}/`);
      return true;
    }
    if (match[2] === 'schema.json') sendJson(res, tableSchema(table));
    else await streamExport(res, table, match[2] as ExportFormat);
    return true;
  };
}
