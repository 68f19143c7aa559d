ALTER TABLE "partners" ADD COLUMN "contract_version" text;--> statement-breakpoint
-- Every subgraph published before versions were recorded was checked against contract 1.0.
UPDATE "partners" SET "contract_version" = '1.0' WHERE "url" IS NOT NULL;