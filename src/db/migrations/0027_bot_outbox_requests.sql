CREATE TABLE "bot_outbox_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"outbox_id" uuid,
	"tenant_id" text NOT NULL,
	"conversation_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"settle_until" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "bot_outbox_requests_started_idx" ON "bot_outbox_requests" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "bot_outbox_requests_outbox_idx" ON "bot_outbox_requests" USING btree ("outbox_id");