/**
 * Entry points started as real processes, as an operator runs them: for what only a process
 * shows (signals, exit codes, what it exports about itself).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface StartedProcess {
  child: ChildProcess;
  /** The first GraphQL URL it printed. */
  url: string;
}

/** Starts `entry` (a path from the repository root) with tsx; resolves once it prints a GraphQL URL. */
export function startProcess(entry: string, args: string[], env: Record<string, string>, started: ChildProcess[]): Promise<StartedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${root}${entry}`, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const url = /(http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(line)?.[1];
      if (url) resolve({ child, url });
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${stderr}`)));
  });
}

/** Resolves with the exit code once the process has exited. */
export const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
