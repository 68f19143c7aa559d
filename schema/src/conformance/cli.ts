/**
 * `check-subgraph <url>`: runs the conformance check against a partner subgraph, prints the
 * report, exits 1 when a check fails (2 on a usage error).
 */
import { checkSubgraph, formatReport } from './checks.js';

const [url] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!url || process.argv.includes('--help')) {
  console.error('usage: check-subgraph <subgraph GraphQL URL>, e.g. check-subgraph http://127.0.0.1:4001/graphql');
  process.exit(url ? 0 : 2);
}
const report = await checkSubgraph(url);
console.log(formatReport(report));
process.exit(report.ok ? 0 : 1);
