CREATE TABLE "evaluation_ratings" (
	"evaluation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"position" integer NOT NULL,
	"first_rating" text NOT NULL,
	"first_comment" text DEFAULT '' NOT NULL,
	"adjusted_rating" text,
	"adjust_reason" text,
	CONSTRAINT "evaluation_ratings_evaluation_id_kind_item_id_pk" PRIMARY KEY("evaluation_id","kind","item_id")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"level_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"first_evaluator_id" text NOT NULL,
	"second_evaluator_id" text,
	"submitted_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluator_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"first_evaluator_id" text,
	"second_evaluator_id" text,
	"set_by_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluator_trainings" (
	"person_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"completed" boolean NOT NULL,
	"recorded_by_id" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluator_trainings_person_id_fiscal_year_pk" PRIMARY KEY("person_id","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "evaluation_ratings" ADD CONSTRAINT "evaluation_ratings_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_person_year_idx" ON "evaluations" USING btree ("person_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "evaluations_year_status_idx" ON "evaluations" USING btree ("fiscal_year","status");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluator_overrides_person_year_idx" ON "evaluator_overrides" USING btree ("person_id","fiscal_year");