ALTER TABLE "goals" ADD COLUMN "visibility" text DEFAULT 'workplace' NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "placement" text;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "revised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "revisions" integer DEFAULT 0 NOT NULL;