-- French full-text search that ignores accents: "énergie" finds "Énergies" (unaccent, then the
-- French stemmer). The configuration lives in the catalogue's schema; unaccent is database-wide.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION french_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;--> statement-breakpoint
CREATE TABLE "apis" (
	"slug" text COLLATE "C" PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"title_key" text COLLATE "C" NOT NULL,
	"tagline" text,
	"description" text,
	"producer_slug" text NOT NULL,
	"access" text NOT NULL,
	"eligibility" jsonb NOT NULL,
	"themes" text[] NOT NULL,
	"theme_keys" text[] NOT NULL,
	"keywords" text[] NOT NULL,
	"website" text,
	"documentation" text,
	"open_api" text,
	"contact" text,
	"access_request" text,
	"france_connect" boolean,
	"last_update" date,
	"page" text NOT NULL,
	"uptime" real,
	"search" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "producers" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"kind" text,
	"website" text,
	"organisation_id" text
);
--> statement-breakpoint
CREATE TABLE "startup_links" (
	"api_slug" text COLLATE "C" NOT NULL,
	"startup_id" text NOT NULL,
	"relation" text NOT NULL,
	"confidence" text NOT NULL,
	"confidence_level" integer NOT NULL,
	"evidence" text[] NOT NULL,
	CONSTRAINT "startup_links_api_slug_startup_id_relation_pk" PRIMARY KEY("api_slug","startup_id","relation")
);
--> statement-breakpoint
ALTER TABLE "apis" ADD CONSTRAINT "apis_producer_slug_producers_slug_fk" FOREIGN KEY ("producer_slug") REFERENCES "public"."producers"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_links" ADD CONSTRAINT "startup_links_api_slug_apis_slug_fk" FOREIGN KEY ("api_slug") REFERENCES "public"."apis"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apis_search_idx" ON "apis" USING gin ("search");--> statement-breakpoint
CREATE INDEX "apis_title_key_idx" ON "apis" USING btree ("title_key","slug");--> statement-breakpoint
CREATE INDEX "startup_links_startup_idx" ON "startup_links" USING btree ("startup_id");