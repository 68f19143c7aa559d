/**
 * The answer for a partner in quarantine: the conformance monitor found it breaking a rule of the
 * contract and the operator quarantines non-conforming partners (`PARTNER_NONCONFORMING=quarantine`),
 * so it is not called. Its part is missing as any failed partner's is — `missingPartners` names it,
 * the open data exports are not complete — with `PARTNER_NON_CONFORMING` and the rule it broke.
 */
import { codedFormattedError, type Violation } from '@gouvgraph/schema';
import type { PartnerResponse } from '../partners.js';
import { gatewayMade } from '../upstream/answer.js';

export function quarantinedAnswer(partnerId: string, violation: Violation): PartnerResponse {
  return {
    ok: false,
    errors: [
      gatewayMade(
        codedFormattedError(
          'PARTNER_NON_CONFORMING',
          `Partner ${partnerId} failed the gateway's conformance re-check (rule ${violation}) and is quarantined: it is not called until it passes again`,
          { partner: partnerId, violation },
        ),
      ),
    ],
  };
}
