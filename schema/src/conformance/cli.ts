/**
 * `check-subgraph <url> [--partner ID] [--page-size N]`: runs the conformance check against a
 * partner subgraph, prints the report, exits 1 when a check fails (2 on a usage error).
 * `--partner` says which partner the subgraph must be (its only incubator, its ids' prefix).
 */
import { parseArgs } from 'node:util';
import { checkSubgraph } from './checks.js';
import { formatReport } from './report.js';

const USAGE =
  'usage: check-subgraph <subgraph GraphQL URL> [--partner ID] [--page-size N], e.g. check-subgraph http://127.0.0.1:4001/graphql';
let parsed: ReturnType<typeof parse>;
function parse() {
  const args = process.argv.slice(2);
  return parseArgs({
    // `pnpm run check-subgraph -- …` passes the `--` on.
    args: args[0] === '--' ? args.slice(1) : args,
    allowPositionals: true,
    options: { partner: { type: 'string' }, 'page-size': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
}
try {
  parsed = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [url] = parsed.positionals;
const pageSize = parsed.values['page-size'] === undefined ? undefined : Number(parsed.values['page-size']);
if (!url || parsed.values.help || (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 100))) {
  console.error(USAGE);
  process.exit(parsed.values.help ? 0 : 2);
}
const report = await checkSubgraph(url, {
  ...(parsed.values.partner ? { partnerId: parsed.values.partner } : {}),
  ...(pageSize ? { pageSize } : {}),
});
console.log(formatReport(report));
process.exit(report.ok ? 0 : 1);
