CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text,
	"description_ja" text DEFAULT '' NOT NULL,
	"description_en" text,
	"target_level_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"min_years_of_service" integer,
	"max_years_of_service" integer,
	"competency_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"guideline_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"format" text NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"seed_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"requested_by_id" text,
	"reason" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"eligibility_overridden" boolean DEFAULT false NOT NULL,
	"waitlisted_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"invited_at" timestamp with time zone,
	"closing_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"capacity" integer NOT NULL,
	"application_deadline" date NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"outlook_action" text,
	"outbox_seq" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"outlook_attempts" integer DEFAULT 0 NOT NULL,
	"outlook_failed" boolean DEFAULT false NOT NULL,
	"transaction_id" text NOT NULL,
	"event_id" text,
	"join_url" text,
	"web_link" text,
	"error" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "training_courses_seed_key" ON "training_courses" USING btree ("seed_key");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_one_live" ON "training_enrolments" USING btree ("session_id","person_id") WHERE "training_enrolments"."status" not in ('withdrawn', 'declined');--> statement-breakpoint
CREATE INDEX "training_enrolments_person_idx" ON "training_enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_sessions_transaction_id" ON "training_sessions" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "training_sessions_course_idx" ON "training_sessions" USING btree ("course_id","starts_at");--> statement-breakpoint
CREATE INDEX "training_sessions_outlook_action_idx" ON "training_sessions" USING btree ("outlook_action") WHERE "training_sessions"."outlook_action" is not null;