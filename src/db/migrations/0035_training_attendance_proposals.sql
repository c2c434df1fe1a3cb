CREATE TABLE "training_attendance_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"on_roster" boolean NOT NULL,
	"attended_seconds" integer DEFAULT 0 NOT NULL,
	"proposed_present" boolean NOT NULL,
	"checked_in_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_attendance_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"source" text DEFAULT 'teams' NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"checkin_code" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"error" text,
	"min_share_percent" integer NOT NULL,
	"meeting_seconds" integer,
	"fetched_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_checkin_failures" (
	"person_id" text NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "training_checkin_failures_person_id_pk" PRIMARY KEY("person_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendance_marks_person" ON "training_attendance_marks" USING btree ("session_id","person_id");--> statement-breakpoint
CREATE INDEX "training_attendance_marks_person_idx" ON "training_attendance_marks" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendance_proposals_session" ON "training_attendance_proposals" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendance_proposals_code" ON "training_attendance_proposals" USING btree ("checkin_code");--> statement-breakpoint
CREATE INDEX "training_attendance_proposals_due_idx" ON "training_attendance_proposals" USING btree ("next_attempt_at") WHERE "training_attendance_proposals"."state" = 'waiting';