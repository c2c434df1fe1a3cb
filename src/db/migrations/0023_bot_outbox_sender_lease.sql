CREATE TABLE "bot_outbox_sender" (
	"name" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bot_outbox" ADD COLUMN "lease_owner" text;