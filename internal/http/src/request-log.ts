/**
 * One JSON line per GraphQL request (pino), and the request id that ties a request's lines
 * together across servers: taken from `x-request-id` when well formed, made otherwise, echoed in
 * the answer; the gateway sends it to every partner and subgraph it calls on the request's behalf
 * (a read shared by concurrent requests carries the first one's id). A line holds when, which
 * service, the id, the operation's name and type, how long, and the error codes — never the query
 * text, variables, tokens or anything a caller sent about a person.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { PROCESS_SETTINGS } from './settings/process-settings.js';
import { readSettings } from './settings/read-settings.js';

export type { Logger } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives the request its id (the caller's, when well formed) and says it in the answer. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The id `assignRequestId` gave the request. */
export const requestIdOf = (req: IncomingMessage): string | undefined => {
  const id = req.headers[REQUEST_ID_HEADER];
  return typeof id === 'string' ? id : undefined;
};

/**
 * A process's logger: JSON lines on standard output (or `destination`), at LOG_LEVEL (default
 * `info`; an unknown level is a ConfigError naming it).
 */
export function processLogger(
  service: string,
  level: string = readSettings(PROCESS_SETTINGS, { env: process.env }).logLevel,
  destination?: { write(line: string): void },
): Logger {
  return destination ? pino({ level, base: { service } }, destination) : pino({ level, base: { service } });
}

/** Logs each GraphQL request once it is answered. */
export function requestLogPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          logger.info(
            {
              requestId: request.http?.headers.get(REQUEST_ID_HEADER) ?? null,
              operation: operationName ?? null,
              type: operation?.operation ?? null,
              ms: Math.round((performance.now() - started) * 10) / 10,
              errors: errors.map((e) => e.extensions?.code ?? 'NO_CODE'),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
