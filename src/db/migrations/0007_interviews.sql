CREATE TABLE "interview_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organizer_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"organizer_id" text NOT NULL,
	"person_id" text NOT NULL,
	"type" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"outlook_action" text,
	"lease_until" timestamp with time zone,
	"outlook_attempts" integer DEFAULT 0 NOT NULL,
	"transaction_id" text NOT NULL,
	"event_id" text,
	"join_url" text,
	"web_link" text,
	"response" text DEFAULT 'none' NOT NULL,
	"changed_in_outlook" text,
	"error" text,
	"cancel_reason" text,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"shared_notes" text DEFAULT '' NOT NULL,
	"private_notes" text DEFAULT '' NOT NULL,
	"action_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "interview_bookings_key" ON "interview_bookings" USING btree ("organizer_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "interviews_transaction_id" ON "interviews" USING btree ("transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interviews_one_live_per_type" ON "interviews" USING btree ("person_id","type","fiscal_year") WHERE "interviews"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "interviews_organizer_idx" ON "interviews" USING btree ("organizer_id","starts_at");--> statement-breakpoint
CREATE INDEX "interviews_person_idx" ON "interviews" USING btree ("person_id","starts_at");--> statement-breakpoint
CREATE INDEX "interviews_outlook_action_idx" ON "interviews" USING btree ("outlook_action") WHERE "interviews"."outlook_action" is not null;