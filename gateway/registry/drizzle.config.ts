import { defineConfig } from 'drizzle-kit';

// The partner registry's migrations, applied inside the gateway database's `registry` schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema-for-migrations.ts',
  out: './drizzle',
});
