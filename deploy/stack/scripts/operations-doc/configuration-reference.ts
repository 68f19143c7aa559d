/**
 * The configuration reference of docs/operations.md: for each process, every setting it reads,
 * rendered from the declarations the process itself reads (so the two cannot drift).
 */
import { CATALOG_SETTINGS } from '@gouvgraph/catalog';
import { GATEWAY_SETTINGS } from '@gouvgraph/gateway';
import { PROCESS_SETTINGS, TRACING_SETTINGS, type Setting, type SettingsDeclaration } from '@gouvgraph/http';
import { IMPACT_SETTINGS } from '@gouvgraph/impact';
import { INCUBATOR_SETTINGS } from '@gouvgraph/incubator';
import { START_SETTINGS } from '../../src/settings.js';
import { markdownTable } from './generated-section.js';

interface Process {
  title: string;
  command: string;
  /** Its name in traces, unless OTEL_SERVICE_NAME says otherwise (the name each main.ts gives startTracing). */
  traceName: string;
  /** Its `service` in log lines and metrics, when it logs and serves metrics of its own. */
  service?: string;
  settings: SettingsDeclaration;
}

const PROCESSES: Process[] = [
  {
    title: 'Gateway',
    command: 'pnpm --filter @gouvgraph/gateway start <flags>',
    traceName: 'gouvgraph-gateway',
    service: 'gateway',
    settings: GATEWAY_SETTINGS,
  },
  {
    title: 'Incubator subgraph kit',
    command: 'pnpm --filter @gouvgraph/incubator start',
    traceName: 'gouvgraph-incubator-<PARTNER_ID>',
    service: 'incubator-<PARTNER_ID>',
    settings: INCUBATOR_SETTINGS,
  },
  {
    title: 'Catalogue subgraph',
    command: 'pnpm --filter @gouvgraph/catalog start',
    traceName: 'gouvgraph-catalog',
    service: 'catalog',
    settings: CATALOG_SETTINGS,
  },
  {
    title: 'Impact subgraph',
    command: 'pnpm --filter @gouvgraph/impact start',
    traceName: 'gouvgraph-impact',
    service: 'impact',
    settings: IMPACT_SETTINGS,
  },
  { title: 'Start command (every server in one process)', command: 'pnpm start', traceName: 'gouvgraph', settings: START_SETTINGS },
];

const code = (text: string) => `\`${text}\``;

function defaultOf(setting: Setting<unknown>): string {
  if (setting.required !== undefined) return 'required';
  if (setting.defaultText !== undefined) return setting.defaultText;
  const value = setting.default;
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  return code(Array.isArray(value) ? value.join(',') : String(value));
}

function settingsTable(settings: SettingsDeclaration): string {
  const rows = Object.values(settings).map((s) => [
    code(s.env),
    s.flag === undefined ? '' : `${code(`--${s.flag}`)}${s.repeatable ? ' (repeatable)' : ''}`,
    s.type,
    defaultOf(s),
    s.description,
  ]);
  return markdownTable(['variable', 'flag', 'takes', 'default', 'what'], rows);
}

export function configurationReference(): string {
  const every = [
    '### Every process',
    '',
    `Read by each of the processes below (\`LOG_LEVEL\` by those that log requests: not the start command). The \`OTEL_*\` variables are read by the OpenTelemetry SDK itself (\`@gouvgraph/telemetry\`).`,
    '',
    settingsTable({ ...PROCESS_SETTINGS, ...TRACING_SETTINGS }),
  ];
  const processes = PROCESSES.flatMap((p) => [
    '',
    `### ${p.title}`,
    '',
    `\`${p.command}\` · in traces: ${code(p.traceName)}${p.service ? ` · in logs and metrics: \`service="${p.service}"\`` : ''}`,
    '',
    settingsTable(p.settings),
  ]);
  return [...every, ...processes].join('\n');
}
