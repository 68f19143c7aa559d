/**
 * `GET /-/partners`: every partner's health for operators — up, degraded or down (circuit
 * open), the last error, latency percentiles over recent calls, conformance — as JSON. Partners'
 * addresses are internal: when the gateway keeps them private (production), they are shown only to
 * a request carrying the admin token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoutes, type Routes } from '@gouvgraph/http';
import type { PartnerStatus } from '@gouvgraph/gateway-core';

/** Who may read partners' addresses: everyone, or only the bearer of this admin token (none: nobody). */
export type PartnerUrlReaders = { kind: 'everyone' } | { kind: 'admin'; adminToken: string | undefined };

const digest = (text: string) => createHash('sha256').update(text).digest();

function mayReadUrls(readers: PartnerUrlReaders, authorization: string | undefined): boolean {
  if (readers.kind === 'everyone') return true;
  if (!readers.adminToken || !authorization?.startsWith('Bearer ')) return false;
  // Compared as digests, in constant time: the token's length leaks nothing either.
  return timingSafeEqual(digest(authorization.slice('Bearer '.length)), digest(readers.adminToken));
}

export const PARTNER_STATUS_PATH = '/-/partners';

export function partnerStatusRoute(statuses: () => PartnerStatus[], readers: PartnerUrlReaders = { kind: 'everyone' }): Routes {
  return createRoutes().get(PARTNER_STATUS_PATH, (c) => {
    const all = statuses();
    const partners = mayReadUrls(readers, c.req.header('authorization')) ? all : all.map(({ url: _url, ...status }) => status);
    const body = {
      partners,
      summary: {
        total: partners.length,
        up: partners.filter((p) => p.status === 'up').length,
        degraded: partners.filter((p) => p.status === 'degraded').length,
        down: partners.filter((p) => p.status === 'down').length,
      },
    };
    return c.body(JSON.stringify(body, null, 2), 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  });
}
