CREATE TABLE "learning_paths" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title_ja" text NOT NULL,
	"title_en" text,
	"description_ja" text DEFAULT '' NOT NULL,
	"description_en" text,
	"steps" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_self_study_courses" (
	"course_id" uuid PRIMARY KEY NOT NULL,
	"external_url" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_self_study_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"enrolled_by_id" text NOT NULL,
	"enrolled_on" date NOT NULL,
	"progress_percent" integer DEFAULT 0 NOT NULL,
	"completed_on" date,
	"report" text DEFAULT '' NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "training_self_study_enrolments_one" ON "training_self_study_enrolments" USING btree ("course_id","person_id");--> statement-breakpoint
CREATE INDEX "training_self_study_enrolments_person_idx" ON "training_self_study_enrolments" USING btree ("person_id");