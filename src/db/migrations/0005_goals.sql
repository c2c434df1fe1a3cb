CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"title" text NOT NULL,
	"success_criteria" text DEFAULT '' NOT NULL,
	"due_date" date NOT NULL,
	"competency_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"guideline_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"progress" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mid_reflection" text DEFAULT '' NOT NULL,
	"year_end_reflection" text DEFAULT '' NOT NULL,
	"comments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "goals_person_year_idx" ON "goals" USING btree ("person_id","fiscal_year");