CREATE TABLE "idempotency_keys" (
	"incubator_id" text NOT NULL,
	"key" text NOT NULL,
	"request" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_incubator_id_key_pk" PRIMARY KEY("incubator_id","key")
);
--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" USING btree ("created_at");