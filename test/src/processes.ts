/**
 * Entry points started as real processes, as an operator runs them: for what only a process
 * shows (signals, exit codes, what it exports about itself).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface StartedProcess {
  child: ChildProcess;
  /** The first GraphQL URL it printed. */
  url: string;
  /** The last lines it wrote (standard output and error, at most 500): what a failing test shows of its logs. */
  output: string[];
}

/** Starts `entry` (a path from the repository root) with tsx; resolves once it prints a GraphQL URL. */
export function startProcess(entry: string, args: string[], env: Record<string, string>, started: ChildProcess[]): Promise<StartedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${root}${entry}`, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 500) output.shift();
  };
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      keep(line);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(line)?.[1];
      if (url) resolve({ child, url, output });
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line) keep(line);
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${stderr}`)));
  });
}

/** Resolves with the exit code once the process has exited. */
export const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

export interface CliRun {
  /** The exit status: 0 done, 1 refused or failed, 2 a usage error. */
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the `gouvgraph` command line as an operator would, with `env` added to this process's. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 100_000): Promise<CliRun> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [`${root}gateway/registry/bin/gouvgraph.mjs`, ...args],
      { encoding: 'utf8', env: { ...process.env, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
}
