CREATE TABLE "directory_sync_entries" (
	"person_id" text PRIMARY KEY NOT NULL,
	"gone" boolean NOT NULL,
	"user" jsonb,
	"page" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_sync_progress" (
	"name" text PRIMARY KEY NOT NULL,
	"mode" text,
	"next_link" text,
	"delta_link" text,
	"pages" integer DEFAULT 0 NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL,
	"round_started_at" timestamp with time zone,
	"owner" text,
	"lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
