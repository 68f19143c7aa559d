/**
 * The gateway's conformance re-checks of its live partners, assembled: the monitor
 * (@gouvgraph/gateway-core, conformance-monitor.ts) over the live partners, its results added to
 * each partner's status (`/-/partners`, `partnerHealth`, the `gouvgraph_partner_conforming`
 * gauge), each rule broken counted, one log line when a partner turns non-conforming or conforms
 * again, and — with `PARTNER_NONCONFORMING=quarantine` — the partners the sender must not call.
 */
import { ConformanceMonitor, type GatewayObservability, type LiveGraph, type PartnerStatus } from '@gouvgraph/gateway-core';
import type { Logger } from '@gouvgraph/http';
import type { Violation } from '@gouvgraph/schema';
import type { GatewayOptions } from './options.js';

export interface PartnerConformanceParts {
  /** Null when the gateway does not re-check partners. */
  monitor: ConformanceMonitor | null;
  /** The statuses with each partner's conformance. */
  withConformance(statuses: PartnerStatus[]): PartnerStatus[];
  /** With a quarantine: the rule a non-conforming partner broke (it is not called), else null. */
  quarantined: ((partnerId: string) => Violation | null) | undefined;
}

export function partnerConformance(
  options: Pick<GatewayOptions, 'partnerRecheck' | 'nonConformingPartners'>,
  parts: { live: LiveGraph; observability: GatewayObservability; logger: Logger | undefined; forget: () => void },
): PartnerConformanceParts {
  const recheck = options.partnerRecheck;
  if (!recheck || recheck.intervalMs <= 0) return { monitor: null, withConformance: (statuses) => statuses, quarantined: undefined };
  const quarantine = options.nonConformingPartners === 'quarantine';
  const monitor = new ConformanceMonitor({
    ...recheck,
    partners: () => parts.live.partners,
    onViolation: (partner, rule) => parts.observability.countViolation(partner, rule),
    onChange: (partner, now, before) => {
      // Answers kept in memory were made with or without it: with a quarantine, they no longer hold.
      if (quarantine) parts.forget();
      if (now.status === 'non-conforming')
        parts.logger?.warn(
          { partner, rule: now.rule, detail: now.detail, quarantined: quarantine },
          `partner ${partner} is non-conforming (${now.rule})${quarantine ? ': quarantined, not called until it passes again' : ''}`,
        );
      else parts.logger?.info({ partner, rule: before.rule }, `partner ${partner} conforms again${quarantine ? ': called again' : ''}`);
    },
  });
  monitor.start();
  return {
    monitor,
    withConformance: (statuses) => statuses.map((s) => ({ ...s, conformance: monitor.conformanceOf(s.id) })),
    quarantined: quarantine
      ? (partnerId) => {
          const conformance = monitor.conformanceOf(partnerId);
          return conformance.status === 'non-conforming' ? conformance.rule : null;
        }
      : undefined,
  };
}
