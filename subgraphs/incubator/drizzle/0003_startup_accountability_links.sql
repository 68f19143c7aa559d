ALTER TABLE "startups" ADD COLUMN "stats_url" text;--> statement-breakpoint
ALTER TABLE "startups" ADD COLUMN "budget_url" text;--> statement-breakpoint
ALTER TABLE "startups" ADD COLUMN "impact_url" text;