CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"user_principal_name" text NOT NULL,
	"display_name" text NOT NULL,
	"mail" text,
	"job_title" text,
	"department" text,
	"division" text,
	"employee_type" text,
	"hire_date" date,
	"manager_id" text,
	"level_id" text,
	"employment_type" text DEFAULT 'regular' NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "people_manager_idx" ON "people" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "people_upn_idx" ON "people" USING btree ("user_principal_name");