CREATE TABLE "outlook_delta_links" (
	"mailbox" text PRIMARY KEY NOT NULL,
	"delta_link" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outlook_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"mailbox" text NOT NULL,
	"resource" text NOT NULL,
	"client_state" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"renewed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD COLUMN "outlook_response" text;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD COLUMN "outlook_response_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "outlook_subscriptions_mailbox" ON "outlook_subscriptions" USING btree ("mailbox");