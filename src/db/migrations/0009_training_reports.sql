CREATE TABLE "training_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"session_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"learned" text DEFAULT '' NOT NULL,
	"application" text DEFAULT '' NOT NULL,
	"competency_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"guideline_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"satisfaction" integer,
	"wanted_text" text DEFAULT '' NOT NULL,
	"wanted_course_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submission_id" text,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "training_reports_person_session" ON "training_reports" USING btree ("person_id","session_id");--> statement-breakpoint
CREATE INDEX "training_reports_session_idx" ON "training_reports" USING btree ("session_id");