CREATE TABLE "qualification_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"qualification_name" text NOT NULL,
	"exam_date" date NOT NULL,
	"fiscal_year" integer NOT NULL,
	"cost_yen" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"supervisor_id" text,
	"supervisor_comment" text DEFAULT '' NOT NULL,
	"supervisor_decided_at" timestamp with time zone,
	"hr_decided_by_id" text,
	"hr_comment" text DEFAULT '' NOT NULL,
	"hr_decided_at" timestamp with time zone,
	"result_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"amount_yen" integer NOT NULL,
	"updated_by_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "cost_yen" integer;--> statement-breakpoint
CREATE INDEX "qualification_applications_person_idx" ON "qualification_applications" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "qualification_applications_year_status_idx" ON "qualification_applications" USING btree ("fiscal_year","status");--> statement-breakpoint
CREATE UNIQUE INDEX "training_budgets_fiscal_year" ON "training_budgets" USING btree ("fiscal_year");