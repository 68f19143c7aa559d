/**
 * The `gouvgraph` command line as an operator runs it: a command line it cannot run ends with
 * exit status 2, what is wrong and the usage, before anything is asked of a gateway.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../bin/gouvgraph.mjs', import.meta.url));

const gouvgraph = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      [CLI, ...args],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, GOUVGRAPH_ADMIN_TOKEN: '' } },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    ),
  );

/** An address where nothing listens: a port the system gave, then closed. */
let nowhere: string;
beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  nowhere = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

describe('gouvgraph usage errors', () => {
  it('names an unknown option and prints the usage, with exit status 2', async () => {
    const run = await gouvgraph('partner', 'list', '--bogus', '--gateway', nowhere, '--admin-token', 'admin');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^--bogus is not an option of `gouvgraph partner list`\nusage:\n {2}gouvgraph publish --partner ID --url URL/,
    );
    expect(run.stderr).toContain('options: --gateway URL, --token TOKEN (partner), --admin-token TOKEN');
  });

  it('names an option given without its value, with exit status 2', async () => {
    const run = await gouvgraph(
      'partner',
      'create',
      '--name',
      'Innolab 62',
      '--kind',
      'local-authority',
      '--gateway',
      nowhere,
      '--admin-token',
      'admin',
      '--id',
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Option '--id <value>' argument missing\nusage:/);
  });

  it('runs a well-formed command line wherever its options are, and says when the gateway does not answer (exit status 1)', async () => {
    const run = await gouvgraph('--', '--admin-token', 'admin', 'partner', 'list', '--gateway', `${nowhere}/`);
    expect(run.stderr.trim()).toBe(`the gateway at ${nowhere} does not answer`);
    expect(run.status).toBe(1);
  });
});
