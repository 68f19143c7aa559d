CREATE TABLE "incubator" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_description" text,
	"description" text,
	"owner_id" text,
	"website" text,
	"source_code" text,
	"address" text,
	"city" text
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"kind" text NOT NULL,
	"ministry" text
);
--> statement-breakpoint
CREATE TABLE "startup_events" (
	"startup_slug" text COLLATE "C" NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"comment" text,
	CONSTRAINT "startup_events_startup_slug_position_pk" PRIMARY KEY("startup_slug","position")
);
--> statement-breakpoint
CREATE TABLE "startup_phases" (
	"startup_slug" text COLLATE "C" NOT NULL,
	"position" integer NOT NULL,
	"phase" text NOT NULL,
	"start" date NOT NULL,
	"end" date,
	CONSTRAINT "startup_phases_startup_slug_position_pk" PRIMARY KEY("startup_slug","position")
);
--> statement-breakpoint
CREATE TABLE "startup_sponsors" (
	"startup_slug" text COLLATE "C" NOT NULL,
	"organisation_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "startup_sponsors_startup_slug_organisation_id_pk" PRIMARY KEY("startup_slug","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "startups" (
	"slug" text COLLATE "C" PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_key" text COLLATE "C" NOT NULL,
	"pitch" text NOT NULL,
	"description" text,
	"search_text" text NOT NULL,
	"co_incubator_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"phase" text NOT NULL,
	"phase_start" date NOT NULL,
	"first_phase_start" date NOT NULL,
	"active" boolean NOT NULL,
	"thematics" text[] DEFAULT '{}'::text[] NOT NULL,
	"thematic_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"user_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"technologies" text[] DEFAULT '{}'::text[] NOT NULL,
	"website" text,
	"repository" text,
	"accessibility" text,
	"fast_round" integer,
	"fast_amount_euros" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incubator" ADD CONSTRAINT "incubator_owner_id_organisations_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_events" ADD CONSTRAINT "startup_events_startup_slug_startups_slug_fk" FOREIGN KEY ("startup_slug") REFERENCES "public"."startups"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_phases" ADD CONSTRAINT "startup_phases_startup_slug_startups_slug_fk" FOREIGN KEY ("startup_slug") REFERENCES "public"."startups"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_sponsors" ADD CONSTRAINT "startup_sponsors_startup_slug_startups_slug_fk" FOREIGN KEY ("startup_slug") REFERENCES "public"."startups"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_sponsors" ADD CONSTRAINT "startup_sponsors_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "startups_name_key_idx" ON "startups" USING btree ("name_key","slug");--> statement-breakpoint
CREATE INDEX "startups_phase_idx" ON "startups" USING btree ("phase");--> statement-breakpoint
CREATE INDEX "startups_phase_start_idx" ON "startups" USING btree ("phase_start","slug");--> statement-breakpoint
CREATE INDEX "startups_first_phase_start_idx" ON "startups" USING btree ("first_phase_start","slug");