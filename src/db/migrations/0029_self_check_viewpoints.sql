CREATE TABLE "competency_viewpoints" (
	"framework_version" text NOT NULL,
	"level_id" text NOT NULL,
	"competency_id" text NOT NULL,
	"text_ja" text NOT NULL,
	"text_en" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competency_viewpoints_framework_version_level_id_competency_id_pk" PRIMARY KEY("framework_version","level_id","competency_id")
);
--> statement-breakpoint
ALTER TABLE "self_checks" ADD COLUMN "feedback_completed_at" timestamp with time zone;