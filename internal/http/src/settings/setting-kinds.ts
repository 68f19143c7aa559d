/**
 * Typed settings: each one names its environment variable (and command-line flag, if any), the
 * values it takes, its default and a one-line description. `readSettings` parses a process's
 * environment against a declaration; docs/operations.md's configuration reference is generated
 * from the same declarations, so what a process reads and what the docs say cannot drift.
 *
 * Every kind follows the same rules: an unset or empty value is the default; a bad value throws
 * a ConfigError whose message names the variable and repeats the value.
 */

/** A setting with a bad value: the message names the variable, and the process stops with it. */
export class ConfigError extends Error {}

export interface Setting<T> {
  /** The environment variable. */
  readonly env: string;
  /** The command-line flag, without its dashes (`port` for `--port`); it wins over the variable. */
  readonly flag: string | undefined;
  /** A list whose flag may be repeated, each occurrence adding to it. */
  readonly repeatable: boolean;
  /** The values it takes, as the docs say them (markdown). */
  readonly type: string;
  /** The value when the setting is unset or empty. */
  readonly default: T;
  /** The default as the docs say it, when `default` alone would not say it (computed elsewhere). */
  readonly defaultText: string | undefined;
  /** When set, unset is an error, which ends with this hint. */
  readonly required: string | undefined;
  /** One line for the docs. */
  readonly description: string;
  /** Parses a non-empty value; throws a ConfigError naming the variable. */
  parse(raw: string): T;
}

/** A process's settings, by the key its typed configuration uses. */
export type SettingsDeclaration = Readonly<Record<string, Setting<unknown>>>;

/** What `readSettings` makes of a declaration. */
export type SettingsOf<D extends SettingsDeclaration> = { -readonly [K in keyof D]: D[K] extends Setting<infer T> ? T : never };

/** What every kind is given. */
export interface SettingOptions {
  env: string;
  flag?: string;
  description: string;
  /** The default as the docs say it, when it is computed elsewhere (from another setting…). */
  defaultText?: string;
  /** The values as the docs say them, instead of the kind's own words (`path`, `secret`…). */
  type?: string;
}

function define<T>(
  options: SettingOptions,
  type: string,
  fallback: T,
  parse: (raw: string) => T,
  extra: { required?: string | undefined; repeatable?: boolean } = {},
): Setting<T> {
  return {
    env: options.env,
    flag: options.flag,
    repeatable: extra.repeatable ?? false,
    type: options.type ?? type,
    default: fallback,
    defaultText: options.defaultText,
    required: extra.required,
    description: options.description,
    parse,
  };
}

/** Number() as the processes always read numbers: `" 12 "` is 12; `"12px"` is not a number. */
function wholeNumber(raw: string, env: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ConfigError(`${env} must be a whole number from ${min} to ${max}; got "${raw}"`);
  if (n < min) throw new ConfigError(`${env} must be at least ${min}; got "${raw}"`);
  return n;
}

const range = (min: number, max: number) => (max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `${min} to ${max}`);

/** A whole number from `min` (default 0) to `max` (default: no bound). */
function integer<D extends number | undefined = undefined>(
  options: SettingOptions & { min?: number; max?: number; default?: D },
): Setting<number | D> {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return define<number | D>(options, `integer, ${range(min, max)}`, options.default as D, (raw) => wholeNumber(raw, options.env, min, max));
}

/** A duration in milliseconds: a whole number, like `integer`. */
function duration<D extends number | undefined = undefined>(options: SettingOptions & { min?: number; default?: D }): Setting<number | D> {
  const min = options.min ?? 0;
  return define<number | D>(options, `milliseconds, ${range(min, Number.MAX_SAFE_INTEGER)}`, options.default as D, (raw) =>
    wholeNumber(raw, options.env, min, Number.MAX_SAFE_INTEGER),
  );
}

/** A TCP port, 0 meaning any free one. */
function port<D extends number | undefined = undefined>(options: SettingOptions & { default?: D }): Setting<number | D> {
  return define<number | D>(options, 'port, 0 to 65535', options.default as D, (raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${options.env} must be a port number (0-65535); got "${raw}"`);
    return n;
  });
}

/** `1`, `true`, `yes` or `0`, `false`, `no`, in any case. */
export function boolean<D extends boolean | undefined = undefined>(options: SettingOptions & { default?: D }): Setting<boolean | D> {
  return define<boolean | D>(options, 'boolean', options.default as D, (raw) => {
    if (/^(1|true|yes)$/i.test(raw)) return true;
    if (/^(0|false|no)$/i.test(raw)) return false;
    throw new ConfigError(`${options.env} must be true or false; got "${raw}"`);
  });
}

/** One of a closed list of words, as written (case matters). */
export function oneOf<const V extends string, D extends V | undefined = undefined>(
  options: SettingOptions & { values: readonly V[]; default?: D },
): Setting<V | D> {
  return define<V | D>(options, options.values.map((v) => `\`${v}\``).join(', '), options.default as D, (raw) => {
    if ((options.values as readonly string[]).includes(raw)) return raw as V;
    throw new ConfigError(`${options.env} must be one of ${options.values.join(', ')}; got "${raw}"`);
  });
}

/** Any text; `required` makes unset an error ending with that hint. */
export function string(options: SettingOptions & { required: string }): Setting<string>;
export function string<D extends string | undefined = undefined>(options: SettingOptions & { default?: D }): Setting<string | D>;
export function string(options: SettingOptions & { default?: string; required?: string }): Setting<string | undefined> {
  return define(options, 'string', options.default, (raw) => raw, { required: options.required });
}

/** A URL starting with one of `schemes` (`http`, `https`…); `expected` words the error (default: the schemes). */
export function url<D extends string | undefined = undefined>(
  options: SettingOptions & { schemes: readonly string[]; expected?: string; default?: D },
): Setting<string | D> {
  const prefixes = options.schemes.map((s) => `${s}://`);
  return define<string | D>(options, `URL (${prefixes.map((p) => `\`${p}…\``).join(', ')})`, options.default as D, (raw) => {
    if (prefixes.some((p) => raw.startsWith(p))) return raw;
    throw new ConfigError(`${options.env} must be ${options.expected ?? `a ${prefixes.join(' or ')} URL`}; got "${raw}"`);
  });
}

/**
 * Comma-separated items, blanks around them ignored, each read by `item` (which throws its own
 * ConfigError). With a flag, each occurrence of the flag adds items. Default: the empty list.
 */
function list<T, D extends T[] | undefined = T[]>(
  options: SettingOptions & { itemType: string; item: (entry: string) => T; default?: D },
): Setting<T[] | D> {
  const fallback = ('default' in options ? options.default : []) as D;
  const parse = (raw: string) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(options.item);
  return define<T[] | D>(options, `comma-separated ${options.itemType}`, fallback, parse, { repeatable: options.flag !== undefined });
}

/** A value with a reading of its own (a key, a database), `type` saying what it takes. */
function custom<T, D extends T | undefined = undefined>(
  options: SettingOptions & { type: string; parse: (raw: string) => T; default?: D },
): Setting<T | D> {
  return define<T | D>(options, options.type, options.default as D, options.parse);
}

/** The kinds, for declarations: `port: setting.port({ env: 'PORT', default: 4000, description: '…' })`. */
export const setting = { integer, duration, port, boolean, oneOf, string, url, list, custom };
