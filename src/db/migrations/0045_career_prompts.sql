CREATE TABLE "career_prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"milestone_key" text NOT NULL,
	"kind" text NOT NULL,
	"years" integer NOT NULL,
	"due_on" date NOT NULL,
	"prompted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "career_prompts_person_milestone" ON "career_prompts" USING btree ("person_id","milestone_key");