/**
 * `GET /-/partners`: every partner's health for operators — up, degraded or down (circuit
 * open), the last error, latency percentiles over recent calls — as JSON.
 */
import { createRoutes, type Routes } from '@gouvgraph/http';
import type { PartnerStatus } from '@gouvgraph/gateway-core';

export const PARTNER_STATUS_PATH = '/-/partners';

export function partnerStatusRoute(statuses: () => PartnerStatus[]): Routes {
  return createRoutes().get(PARTNER_STATUS_PATH, (c) => {
    const partners = statuses();
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
