/**
 * The conformance report as a person reads it: a PASS/FAIL line per check with the rule a failed
 * one broke, then what could not be verified and how to verify it.
 */
import { SAMPLE_HINT, type ConformanceReport } from './checks.js';

export function formatReport(report: ConformanceReport): string {
  const lines = [`Conformance of ${report.url} to the GouvGraph incubator contract`, ''];
  for (const check of report.checks) {
    const rule = check.ok ? '' : check.unreachable ? '  (unreachable)' : `  [${check.rule}]`;
    lines.push(`${check.ok ? 'PASS' : 'FAIL'}  ${check.name}${rule}`);
    for (const detail of check.details) lines.push(`      - ${detail}`);
    if (check.unverified) lines.push(`      - not verified: ${check.unverified}`);
  }
  const failed = report.checks.filter((c) => !c.ok).length;
  lines.push('', failed === 0 ? `All ${report.checks.length} checks passed.` : `${failed} of ${report.checks.length} checks failed.`);
  if (report.unreachable) lines.push('The subgraph stopped answering: the checks after the one that failed were not run.');
  if (report.unverified.length) {
    lines.push('', 'Not verified, for want of startups to check them on:');
    for (const what of report.unverified) lines.push(`  - ${what}`);
    lines.push(SAMPLE_HINT);
  }
  return lines.join('\n');
}
