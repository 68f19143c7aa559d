/**
 * Generates `src/generated/types.ts` (enums, inputs and object types of the contract) from
 * `contract.graphql`, so that no TypeScript restates the contract by hand.
 * `--check` fails when the committed file is stale.
 */
import { codegen } from '@graphql-codegen/core';
import * as typescript from '@graphql-codegen/typescript';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';

const contract = readFileSync(new URL('../contract.graphql', import.meta.url), 'utf8');
const target = new URL('../src/generated/types.ts', import.meta.url);

// Federation directives (@link, @key) are not defined in the bare SDL: they carry no TS shape.
const schema = buildASTSchema(parse(contract), { assumeValidSDL: true });

const output = await codegen({
  filename: 'types.ts',
  schema: parse(contract),
  schemaAst: schema,
  documents: [],
  plugins: [{ typescript: {} }],
  pluginMap: { typescript },
  config: {
    enumsAsTypes: true,
    useTypeImports: true,
    scalars: { Date: 'string', URL: 'string' },
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    maybeValue: 'T | null',
    inputMaybeValue: 'T | null | undefined',
  },
});

const text = `// Generated from contract.graphql by scripts/generate-types.ts: do not edit.\n/* eslint-disable */\n${output}`;
if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    console.error('schema/src/generated/types.ts is out of date: run `pnpm generate`');
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, text);
  console.log('wrote schema/src/generated/types.ts');
}
