CREATE TABLE "org_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"unit" text NOT NULL,
	"policy" text DEFAULT '' NOT NULL,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "goals" ADD COLUMN "department_goal_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "org_policies_year_kind_unit" ON "org_policies" USING btree ("fiscal_year","kind","unit");--> statement-breakpoint
CREATE INDEX "org_policies_kind_unit_idx" ON "org_policies" USING btree ("kind","unit");