CREATE TABLE "ojt_checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_id" text
);
--> statement-breakpoint
CREATE TABLE "ojt_guidance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"day" date NOT NULL,
	"text" text NOT NULL,
	"given_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ojt_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"mentor_person_id" text NOT NULL,
	"created_by_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"suggestion_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ojt_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"supervisor_id" text NOT NULL,
	"arrival_key" text NOT NULL,
	"kind" text NOT NULL,
	"department" text,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ojt_checklist_items" ADD CONSTRAINT "ojt_checklist_items_plan_id_ojt_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."ojt_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ojt_guidance" ADD CONSTRAINT "ojt_guidance_plan_id_ojt_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."ojt_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ojt_checklist_items_plan_idx" ON "ojt_checklist_items" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "ojt_guidance_plan_idx" ON "ojt_guidance" USING btree ("plan_id","day");--> statement-breakpoint
CREATE INDEX "ojt_guidance_given_by_idx" ON "ojt_guidance" USING btree ("given_by_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "ojt_plans_one_active_idx" ON "ojt_plans" USING btree ("person_id") WHERE "ojt_plans"."status" = 'active';--> statement-breakpoint
CREATE INDEX "ojt_plans_mentor_idx" ON "ojt_plans" USING btree ("mentor_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ojt_suggestions_arrival_idx" ON "ojt_suggestions" USING btree ("arrival_key");--> statement-breakpoint
CREATE INDEX "ojt_suggestions_supervisor_idx" ON "ojt_suggestions" USING btree ("supervisor_id","status");