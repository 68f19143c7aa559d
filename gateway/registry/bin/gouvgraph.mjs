#!/usr/bin/env node
// The registry's command line (TypeScript, through tsx), with the arguments given.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const { status } = spawnSync(process.execPath, [require.resolve('tsx/cli'), cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(status ?? 1);
