import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Timing tests (`*.timing.test.ts`), after the rest of the suite and one file at a time: their
// budgets measure the product on this machine, not the other test files sharing its cores.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/**/*.timing.test.ts'], exclude: ['**/node_modules/**'], maxWorkers: 1 },
});
