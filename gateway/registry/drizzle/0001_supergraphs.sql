CREATE TABLE "supergraphs" (
	"hash" text PRIMARY KEY NOT NULL,
	"sdl" text NOT NULL,
	"live" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"live_since" timestamp with time zone
);
