/**
 * How the `gouvgraph` command line reads its arguments: the command wherever its options are,
 * each command with its own options, and anything else a usage error.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../src/cli-arguments.js';

const usageError = (argv: string[]): string => {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`read as a command: ${argv.join(' ')}`);
};

describe('the command line', () => {
  it('reads a command and its options in any order, `--name=value` or `--name value`', () => {
    expect(
      parseCommandLine([
        '--gateway',
        'http://127.0.0.1:4000',
        'partner',
        'create',
        '--id',
        'calvados',
        '--name=Incubateur du Calvados',
        '--kind',
        'local-authority',
      ]),
    ).toEqual({
      command: 'partner create',
      values: { gateway: 'http://127.0.0.1:4000', id: 'calvados', name: 'Incubateur du Calvados', kind: 'local-authority' },
    });
    expect(parseCommandLine(['supergraph', 'rollback', '--hash', '3f2a9c'])).toEqual({
      command: 'supergraph rollback',
      values: { hash: '3f2a9c' },
    });
  });

  it('takes the `--` pnpm passes on as a separator, not as the end of the options', () => {
    expect(parseCommandLine(['--', 'export', '--out', 'donnees', '--allow-partial'])).toEqual({
      command: 'export',
      values: { out: 'donnees', 'allow-partial': true },
    });
  });

  it('refuses an option the command does not take, even one another command takes', () => {
    expect(usageError(['partner', 'list', '--bogus'])).toBe('--bogus is not an option of `gouvgraph partner list`');
    expect(usageError(['partner', 'suspend', '--id', 'calvados', '--hash', '3f2a9c'])).toBe(
      '--hash is not an option of `gouvgraph partner suspend`',
    );
    expect(usageError(['identity-keys', '--gateway', 'http://127.0.0.1:4000'])).toBe(
      '--gateway is not an option of `gouvgraph identity-keys`',
    );
  });

  it('refuses an option without its value, a switch given one, and a word after the command', () => {
    expect(usageError(['partner', 'create', '--name', 'Innolab 62', '--id'])).toBe("Option '--id <value>' argument missing");
    expect(usageError(['partner', 'create', '--id', '--name', 'Innolab 62'])).toMatch(/^Option '--id' argument is ambiguous/);
    expect(usageError(['export', '--out', 'donnees', '--allow-partial=yes'])).toBe("Option '--allow-partial' does not take an argument");
    expect(usageError(['partner', 'list', 'calvados'])).toBe('unexpected argument `calvados` after `gouvgraph partner list`');
  });

  it('answers with the usage alone when no command is named', () => {
    for (const argv of [[], ['--help'], ['partner'], ['partner', 'rename', '--id', 'calvados'], ['deploy']])
      expect(usageError(argv), argv.join(' ')).toBe('');
  });
});
