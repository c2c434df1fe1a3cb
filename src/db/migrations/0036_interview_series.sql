CREATE TABLE "interview_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organizer_id" text NOT NULL,
	"person_id" text NOT NULL,
	"interval_weeks" integer NOT NULL,
	"occurrences" integer NOT NULL,
	"event_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "series_id" uuid;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "series_index" integer;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "carried_over_from" uuid;--> statement-breakpoint
CREATE INDEX "interview_series_person_idx" ON "interview_series" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interviews_series_occurrence" ON "interviews" USING btree ("series_id","series_index");