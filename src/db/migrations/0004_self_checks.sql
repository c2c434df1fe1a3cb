CREATE TABLE "self_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"period" text NOT NULL,
	"level_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"ratings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reflections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"feedback" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "self_checks_person_period" UNIQUE("person_id","period")
);
