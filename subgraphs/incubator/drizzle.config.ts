import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the unqualified tables; the kit's migrator applies them inside
// each partner's own schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-for-migrations.ts',
  out: './drizzle',
});
