#!/usr/bin/env node
// Runs the conformance checker (TypeScript, through tsx) with the arguments given.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = fileURLToPath(new URL('../src/conformance/cli.ts', import.meta.url));
const tsx = require.resolve('tsx/cli');
const { status } = spawnSync(process.execPath, [tsx, cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(status ?? 1);
