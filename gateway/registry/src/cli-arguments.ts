/**
 * The `gouvgraph` command line's words and options, read by `node:util`'s `parseArgs`: each
 * command takes its own options, typed, and anything else is a usage error (exit status 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

const text = { type: 'string' } as const;
/** Where the gateway is and whose token: every command that calls the gateway takes them. */
const GATEWAY = { gateway: text, token: text, 'admin-token': text } as const;

/** Each command, by its words, with the options it takes. */
const COMMANDS = {
  publish: { ...GATEWAY, partner: text, url: text },
  'partner create': { ...GATEWAY, id: text, name: text, kind: text, owner: text, contact: text },
  'partner suspend': { ...GATEWAY, id: text },
  'partner reinstate': { ...GATEWAY, id: text },
  'partner remove': { ...GATEWAY, id: text },
  'partner token': { ...GATEWAY, id: text },
  'partner list': GATEWAY,
  audit: GATEWAY,
  'supergraph list': GATEWAY,
  'supergraph rollback': { ...GATEWAY, hash: text },
  // Made on this machine: it calls no gateway.
  'identity-keys': {},
  export: { ...GATEWAY, out: text, 'allow-partial': { type: 'boolean' } },
} as const satisfies Record<string, OptionsConfig>;

/** A command by its words, e.g. `partner create`. */
type CommandName = keyof typeof COMMANDS;

type ValuesOf<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];

/** A command line understood: which command, and the values of its options, typed for it. */
export type Invocation = { [K in CommandName]: { command: K; values: ValuesOf<(typeof COMMANDS)[K]> } }[CommandName];

/** The help users see after a usage error. */
export const USAGE = `usage:
  gouvgraph publish --partner ID --url URL [--token TOKEN]
  gouvgraph partner create --id ID --name NAME --kind KIND [--owner ORG] [--contact EMAIL]
  gouvgraph partner (suspend|reinstate|remove|token) --id ID
  gouvgraph partner list
  gouvgraph audit
  gouvgraph supergraph list
  gouvgraph supergraph rollback --hash HASH
  gouvgraph identity-keys
  gouvgraph export --out DIR [--allow-partial]
options: --gateway URL, --token TOKEN (partner), --admin-token TOKEN`;

/** A command line the CLI cannot run; its message (empty when the usage says it all) comes before the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Every option some command takes: enough to tell an option's value from a command's word. */
const EVERY_OPTION: OptionsConfig = Object.assign({}, ...Object.values(COMMANDS));

/** The command named by the first words, if any. */
function commandIn(words: readonly string[]): CommandName | undefined {
  return (Object.keys(COMMANDS) as CommandName[]).find((name) => name.split(' ').every((word, i) => words[i] === word));
}

/**
 * Reads `argv` (without node and the script): the command wherever its options are, each option
 * once checked against that command's own. Throws {@link UsageError}.
 */
export function parseCommandLine(argv: readonly string[]): Invocation {
  // `pnpm gouvgraph -- partner list` hands the script its `--`: a separator here, never the end of the options.
  const args = argv.filter((arg) => arg !== '--');
  // Not strict, to find the command before judging its options against it.
  const { positionals, tokens } = parseArgs({ args, options: EVERY_OPTION, allowPositionals: true, strict: false, tokens: true });
  const command = commandIn(positionals);
  if (command === undefined) throw new UsageError('');
  const options: OptionsConfig = COMMANDS[command];
  for (const token of tokens) {
    if (token.kind === 'option' && !Object.hasOwn(options, token.name))
      throw new UsageError(`${token.rawName} is not an option of \`gouvgraph ${command}\``);
  }
  let values: Invocation['values'];
  try {
    // Strict: a value missing (`--id` last, or followed by another option), a switch given one.
    ({ values } = parseArgs({ args, options, allowPositionals: true, strict: true }));
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS_'))
      throw new UsageError(error.message);
    throw error;
  }
  const extra = positionals[command.split(' ').length];
  if (extra !== undefined) throw new UsageError(`unexpected argument \`${extra}\` after \`gouvgraph ${command}\``);
  // The values were read with this command's own options: they are its values.
  return { command, values } as Invocation;
}
