import { defineConfig } from 'drizzle-kit';

// Generated from the unqualified tables; applied inside the catalogue's own schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-for-migrations.ts',
  out: './drizzle',
});
