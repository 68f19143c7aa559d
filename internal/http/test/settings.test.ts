/** Typed settings: defaults, flags over variables, and bad values refused by name. */
import { describe, expect, it } from 'vitest';
import { ConfigError, PROCESS_SETTINGS, processLogger, readSettings, setting } from '../src/index.js';

const SETTINGS = {
  port: setting.port({ env: 'PORT', flag: 'port', default: 4000, description: 'where' }),
  host: setting.string({ env: 'HOST', flag: 'host', default: '127.0.0.1', description: 'where' }),
  retries: setting.integer({ env: 'RETRIES', max: 5, default: 1, description: 'how often' }),
  depth: setting.integer({ env: 'DEPTH', min: 1, default: 12, description: 'how deep' }),
  timeoutMs: setting.duration({ env: 'TIMEOUT_MS', default: 2_000, description: 'how long' }),
  seed: setting.boolean({ env: 'SEED', default: true, description: 'whether' }),
  ide: setting.boolean({ env: 'IDE', description: 'whether, computed when unset' }),
  mode: setting.oneOf({ env: 'MODE', values: ['never', 'on-header', 'always'], default: 'on-header', description: 'when' }),
  redis: setting.url({ env: 'REDIS_URL', schemes: ['redis', 'rediss'], description: 'where' }),
  peers: setting.list({ env: 'PEERS', flag: 'peer', itemType: 'names', item: (name) => name.toUpperCase(), description: 'who' }),
  token: setting.string({ env: 'TOKEN', description: 'a secret' }),
};

describe('readSettings', () => {
  it('gives each setting its default when unset or empty', () => {
    expect(readSettings(SETTINGS, { env: { PORT: '', SEED: '' } })).toEqual({
      port: 4000,
      host: '127.0.0.1',
      retries: 1,
      depth: 12,
      timeoutMs: 2_000,
      seed: true,
      ide: undefined,
      mode: 'on-header',
      redis: undefined,
      peers: [],
      token: undefined,
    });
  });

  it('reads each kind from the environment', () => {
    const settings = readSettings(SETTINGS, {
      env: {
        PORT: '0',
        HOST: '::',
        RETRIES: '5',
        DEPTH: '1',
        TIMEOUT_MS: '150',
        SEED: 'No',
        IDE: 'YES',
        MODE: 'always',
        REDIS_URL: 'rediss://r:6380',
        PEERS: ' a, b ,,c ',
        TOKEN: 's',
      },
    });
    expect(settings).toEqual({
      port: 0,
      host: '::',
      retries: 5,
      depth: 1,
      timeoutMs: 150,
      seed: false,
      ide: true,
      mode: 'always',
      redis: 'rediss://r:6380',
      peers: ['A', 'B', 'C'],
      token: 's',
    });
  });

  it('accepts 1/true/yes and 0/false/no in any case for a boolean', () => {
    for (const yes of ['1', 'true', 'TRUE', 'yes', 'Yes']) expect(readSettings(SETTINGS, { env: { SEED: yes } }).seed).toBe(true);
    for (const no of ['0', 'false', 'False', 'no', 'NO']) expect(readSettings(SETTINGS, { env: { SEED: no } }).seed).toBe(false);
  });

  it('lets a flag win over its variable, the last one for a value, every one for a list', () => {
    const settings = readSettings(SETTINGS, {
      env: { PORT: '5000', HOST: 'env-host', PEERS: 'from-env' },
      argv: ['--', '--port', '6000', '--port=7000', '--peer', 'a,b', '--peer=c'],
    });
    expect(settings).toMatchObject({ port: 7000, host: 'env-host', peers: ['A', 'B', 'C'] });
    // An empty flag still replaces the variable: it means the default.
    expect(readSettings(SETTINGS, { env: { PORT: '5000' }, argv: ['--port='] }).port).toBe(4000);
  });

  it('gives each list read its own array', () => {
    const first = readSettings(SETTINGS, { env: {} });
    first.peers.push('X');
    expect(readSettings(SETTINGS, { env: {} }).peers).toEqual([]);
  });

  it.each([
    [{ PORT: 'x' }, 'PORT must be a port number (0-65535); got "x"'],
    [{ PORT: '65536' }, 'PORT must be a port number (0-65535); got "65536"'],
    [{ RETRIES: '6' }, 'RETRIES must be a whole number from 0 to 5; got "6"'],
    [{ RETRIES: '1.5' }, 'RETRIES must be a whole number from 0 to 5; got "1.5"'],
    [{ DEPTH: '0' }, 'DEPTH must be at least 1; got "0"'],
    [{ DEPTH: '-3' }, `DEPTH must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}; got "-3"`],
    [{ TIMEOUT_MS: 'soon' }, `TIMEOUT_MS must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}; got "soon"`],
    [{ SEED: 'maybe' }, 'SEED must be true or false; got "maybe"'],
    [{ MODE: 'ALWAYS' }, 'MODE must be one of never, on-header, always; got "ALWAYS"'],
    [{ REDIS_URL: 'http://r' }, 'REDIS_URL must be a redis:// or rediss:// URL; got "http://r"'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => readSettings(SETTINGS, { env })).toThrow(new ConfigError(message));
  });

  it('refuses an unknown argument, a flag without its value, and a required setting unset', () => {
    expect(() => readSettings(SETTINGS, { env: {}, argv: ['--verbose'] })).toThrow(
      'unknown argument "--verbose" (the options are --port, --host, --peer)',
    );
    expect(() => readSettings(SETTINGS, { env: {}, argv: ['serve'] })).toThrow('unknown argument "serve"');
    expect(() => readSettings(SETTINGS, { env: {}, argv: ['--port'] })).toThrow('--port needs a value');
    const required = { id: setting.string({ env: 'PARTNER_ID', required: 'the incubator it serves', description: 'who' }) };
    expect(() => readSettings(required, { env: { PARTNER_ID: '' } })).toThrow('PARTNER_ID is required (the incubator it serves)');
    expect(readSettings(required, { env: { PARTNER_ID: 'mtes' } }).id).toBe('mtes');
  });

  it('throws ConfigError for every bad value, so entry points print it as a configuration error', () => {
    expect(() => readSettings(SETTINGS, { env: { PORT: 'x' } })).toThrow(ConfigError);
  });
});

describe('process settings', () => {
  it('reads LOG_LEVEL among pino levels, info by default', () => {
    expect(readSettings(PROCESS_SETTINGS, { env: {} }).logLevel).toBe('info');
    expect(readSettings(PROCESS_SETTINGS, { env: { LOG_LEVEL: 'debug' } }).logLevel).toBe('debug');
    expect(() => readSettings(PROCESS_SETTINGS, { env: { LOG_LEVEL: 'verbose' } })).toThrow(
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "verbose"/,
    );
    expect(processLogger('test', 'warn').level).toBe('warn');
  });
});
