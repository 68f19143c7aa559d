CREATE TABLE "incubator_hosts" (
	"incubator_id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "incubator_hosts_organisation_idx" ON "incubator_hosts" USING btree ("organisation_id");