DROP INDEX "startups_name_key_idx";--> statement-breakpoint
DROP INDEX "startups_phase_start_idx";--> statement-breakpoint
DROP INDEX "startups_first_phase_start_idx";--> statement-breakpoint
ALTER TABLE "startups" ADD COLUMN "global_id" text COLLATE "C" GENERATED ALWAYS AS (incubator_id || '/' || slug) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "startups_name_key_idx" ON "startups" USING btree ("name_key","global_id");--> statement-breakpoint
CREATE INDEX "startups_phase_start_idx" ON "startups" USING btree ("phase_start","global_id");--> statement-breakpoint
CREATE INDEX "startups_first_phase_start_idx" ON "startups" USING btree ("first_phase_start","global_id");