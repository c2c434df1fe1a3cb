CREATE TABLE "mailbox_send_pacing" (
	"mailbox" text PRIMARY KEY NOT NULL,
	"reserved_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "no_teams_link" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "no_teams_link" boolean DEFAULT false NOT NULL;