CREATE TABLE "bot_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"recipient" jsonb NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"conversation_id" text,
	"sent_at" timestamp with time zone,
	"activity_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bot_outbox_key" ON "bot_outbox" USING btree ("key");--> statement-breakpoint
CREATE INDEX "bot_outbox_due_idx" ON "bot_outbox" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "bot_outbox_sent_idx" ON "bot_outbox" USING btree ("sent_at");