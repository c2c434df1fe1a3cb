CREATE TABLE "directory_exclusions" (
	"person_id" text PRIMARY KEY NOT NULL,
	"erasure_id" uuid NOT NULL,
	"excluded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" text
);
--> statement-breakpoint
CREATE TABLE "line_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"effective_from" date NOT NULL,
	"supervisor_id" text,
	"replaced_manager_id" text,
	"import_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "directory_department" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "directory_division" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "directory_manager_id" text;--> statement-breakpoint
ALTER TABLE "line_overrides" ADD CONSTRAINT "line_overrides_import_id_people_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."people_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "line_overrides_person_date" ON "line_overrides" USING btree ("person_id","effective_from");--> statement-breakpoint
-- Until the next directory sync rewrites them, the directory's values are taken to be the ones in force,
-- except a manager a transfer replaced (the sync at start corrects anything else).
UPDATE "people" SET "directory_department" = "department", "directory_division" = "division", "directory_manager_id" = "manager_id";--> statement-breakpoint
UPDATE "people" p SET "directory_manager_id" = l."replaced_manager_id"
FROM (SELECT DISTINCT ON ("person_id") * FROM "person_levels" WHERE "effective_from" <= (now() AT TIME ZONE 'Asia/Tokyo')::date ORDER BY "person_id", "effective_from" DESC) l
WHERE l."person_id" = p."id" AND l."supervisor_id" IS NOT NULL AND p."manager_id" = l."supervisor_id";
