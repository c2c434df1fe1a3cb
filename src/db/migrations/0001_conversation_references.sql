CREATE TABLE "conversation_references" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"service_url" text NOT NULL,
	"tenant_id" text,
	"bot_id" text NOT NULL,
	"user_aad_id" text,
	"team_id" text,
	"channel_id" text,
	"channel_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_installations" (
	"team_id" text PRIMARY KEY NOT NULL,
	"team_name" text,
	"aad_group_id" text,
	"tenant_id" text,
	"service_url" text NOT NULL,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uninstalled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "conversation_references_user_idx" ON "conversation_references" USING btree ("user_aad_id");--> statement-breakpoint
CREATE INDEX "conversation_references_team_idx" ON "conversation_references" USING btree ("team_id");