/**
 * Reads a declaration of settings (setting-kinds.ts) from a process's environment and command
 * line, once, at start-up: a flag wins over its variable, an unset or empty value is the default,
 * and the first bad value stops with its name.
 */
import { ConfigError, type SettingsDeclaration, type SettingsOf } from './setting-kinds.js';

export interface SettingsSource {
  env: Readonly<Record<string, string | undefined>>;
  /** The command line, without node and the script. Only a declaration with flags reads one. */
  argv?: readonly string[];
}

/** `--name value` and `--name=value`, by flag name, in the order given. */
function readFlags(declaration: SettingsDeclaration, argv: readonly string[]): Map<string, string[]> {
  const known = Object.values(declaration).flatMap((s) => (s.flag === undefined ? [] : [s.flag]));
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue; // package runners forward their own separator
    const match = /^--([A-Za-z][\w-]*)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (name === undefined || !known.includes(name)) {
      throw new ConfigError(`unknown argument "${arg}" (the options are ${known.map((f) => `--${f}`).join(', ') || 'none'})`);
    }
    const value = match?.[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`--${name} needs a value`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return flags;
}

/** Parses every setting of `declaration`; throws a ConfigError at the first bad or missing one. */
export function readSettings<D extends SettingsDeclaration>(declaration: D, source: SettingsSource): SettingsOf<D> {
  const flags = readFlags(declaration, source.argv ?? []);
  const settings: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(declaration)) {
    const given = setting.flag === undefined ? undefined : flags.get(setting.flag);
    // A flag given replaces the variable, even empty (which means the default); a repeated flag
    // adds to a list, and replaces anything else.
    const raw = given ? (setting.repeatable ? given.join(',') : given.at(-1)) : source.env[setting.env];
    if (raw === undefined || raw === '') {
      if (setting.required !== undefined) throw new ConfigError(`${setting.env} is required (${setting.required})`);
      settings[key] = Array.isArray(setting.default) ? [...setting.default] : setting.default;
    } else {
      settings[key] = setting.parse(raw);
    }
  }
  return settings as SettingsOf<D>;
}

/**
 * For a process's entry point: reads the settings, or prints `configuration error: <message>` and
 * exits 1.
 */
export function readSettingsOrExit<D extends SettingsDeclaration>(
  declaration: D,
  source: SettingsSource = { env: process.env },
): SettingsOf<D> {
  try {
    return readSettings(declaration, source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`configuration error: ${error.message}`);
    process.exit(1);
  }
}
