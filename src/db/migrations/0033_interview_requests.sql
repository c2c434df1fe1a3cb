CREATE TABLE "interview_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"supervisor_id" text NOT NULL,
	"topic" text NOT NULL,
	"preferred_week" text,
	"status" text DEFAULT 'open' NOT NULL,
	"decline_reason" text,
	"interview_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "interview_requests_one_open" ON "interview_requests" USING btree ("person_id") WHERE "interview_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "interview_requests_supervisor_idx" ON "interview_requests" USING btree ("supervisor_id","status");--> statement-breakpoint
CREATE INDEX "interview_requests_person_idx" ON "interview_requests" USING btree ("person_id","created_at");