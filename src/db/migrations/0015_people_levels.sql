CREATE TABLE "directory_sync_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"file_name" text,
	"encoding" text NOT NULL,
	"rows" integer NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"level_id" text NOT NULL,
	"employment_type" text NOT NULL,
	"department" text,
	"division" text,
	"hire_date" date,
	"effective_from" date NOT NULL,
	"supervisor_id" text,
	"replaced_manager_id" text,
	"import_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_syncs" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "directory_syncs" ADD COLUMN "added" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_syncs" ADD COLUMN "changed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_syncs" ADD COLUMN "supervisors_changed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_syncs" ADD COLUMN "interviews_reassigned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "employee_id" text;--> statement-breakpoint
ALTER TABLE "person_levels" ADD CONSTRAINT "person_levels_import_id_people_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."people_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "person_levels_person_date" ON "person_levels" USING btree ("person_id","effective_from");--> statement-breakpoint
CREATE INDEX "people_employee_id_idx" ON "people" USING btree ("employee_id");