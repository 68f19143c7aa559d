/**
 * `pnpm --filter @gouvgraph/incubator run check-conformance -- [--with-sample] [--url URL]
 * [--partner ID] [--database-url URL]`: the conformance check of this kit, over the kit's own
 * database (PARTNER_ID, DATABASE_URL, CONTRACT_VERSION… as the kit reads them; the flags win).
 * Without `--url` it starts the kit here for the check's length; `--url` targets a kit already
 * running on the same database (Postgres: an embedded PGlite is this process's alone).
 * `--with-sample` writes three sample startups for the check and deletes them after, even when
 * it fails. Prints the report; exits 1 when a check fails, 2 on a usage error.
 */
import { openDatabase } from '@gouvgraph/db';
import { formatReport } from '@gouvgraph/schema';
import { parseArgs } from 'node:util';
import { checkKit } from './conformance-check.js';
import { ConfigError, readIncubatorConfig } from './config.js';

const USAGE = 'usage: check-conformance [--with-sample] [--url http://127.0.0.1:4001/graphql] [--partner ID] [--database-url postgres://…]';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // `pnpm run check-conformance -- --flag` passes the `--` on.
  const { values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      'with-sample': { type: 'boolean', default: false },
      url: { type: 'string' },
      partner: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return (console.log(USAGE), 0);
  const config = readIncubatorConfig({
    ...process.env,
    ...(values.partner ? { PARTNER_ID: values.partner } : {}),
    ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}),
  });
  if (values.url && config.database.kind === 'pglite')
    throw new ConfigError(
      '--url needs the kit’s Postgres database (DATABASE_URL or --database-url): an embedded PGlite is its process’s alone',
    );
  const connection = await openDatabase(config.database);
  try {
    const report = await checkKit({
      connection,
      partnerId: config.partnerId,
      url: values.url,
      contractVersion: config.contractVersion,
      withSample: values['with-sample'],
    });
    console.log(formatReport(report));
    if (values['with-sample']) console.log('\nThe conformance sample was written for the check and deleted after it.');
    return report.ok ? 0 : 1;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof ConfigError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');
    console.error(usage ? `${(error as Error).message}\n${USAGE}` : error);
    process.exit(usage ? 2 : 1);
  },
);
