-- Every startup names its owning incubator, so one subgraph can serve several (the oracle).
-- Schemas created by 0000 hold one incubator: their startups belong to it.
ALTER TABLE "startups" ADD COLUMN "incubator_id" text;--> statement-breakpoint
UPDATE "startups" SET "incubator_id" = (SELECT "id" FROM "incubator" ORDER BY "id" LIMIT 1);--> statement-breakpoint
ALTER TABLE "startups" ALTER COLUMN "incubator_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "startups" ADD CONSTRAINT "startups_incubator_id_incubator_id_fk" FOREIGN KEY ("incubator_id") REFERENCES "public"."incubator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "startups_incubator_idx" ON "startups" USING btree ("incubator_id");
