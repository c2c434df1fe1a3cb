CREATE TABLE "training_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"role" text NOT NULL,
	"recipient_id" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"answer" text,
	"text" text,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversation_references" ADD COLUMN "locale" text;--> statement-breakpoint
CREATE UNIQUE INDEX "training_follow_ups_session_person_role" ON "training_follow_ups" USING btree ("session_id","person_id","role");--> statement-breakpoint
CREATE INDEX "training_follow_ups_recipient_idx" ON "training_follow_ups" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "training_follow_ups_person_idx" ON "training_follow_ups" USING btree ("person_id");