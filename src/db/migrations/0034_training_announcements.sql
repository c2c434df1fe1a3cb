CREATE TABLE "training_announcement_recipients" (
	"session_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"announcement_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"opened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_announcement_recipients_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"audience" jsonb NOT NULL,
	"audience_key" text NOT NULL,
	"announced_by_id" text NOT NULL,
	"resolved_on" text NOT NULL,
	"cursor" text,
	"fanned_out_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "training_announcement_recipients_announcement_idx" ON "training_announcement_recipients" USING btree ("announcement_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_announcements_audience" ON "training_announcements" USING btree ("session_id","audience_key");