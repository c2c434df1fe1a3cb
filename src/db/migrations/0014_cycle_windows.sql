CREATE TABLE "cycle_window_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"window_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"state" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycle_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"opened_at" timestamp with time zone,
	"opened_by" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycle_windows_year_kind" UNIQUE("fiscal_year","kind"),
	CONSTRAINT "cycle_windows_closes_after_opens" CHECK ("cycle_windows"."closes_on" >= "cycle_windows"."opens_on")
);
--> statement-breakpoint
ALTER TABLE "cycle_window_events" ADD CONSTRAINT "cycle_window_events_window_id_cycle_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."cycle_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cycle_window_events_window_idx" ON "cycle_window_events" USING btree ("window_id","id");--> statement-breakpoint
-- A window's history is never rewritten: the same guard as the audit log (0011).
CREATE TRIGGER cycle_window_events_append_only BEFORE UPDATE OR DELETE ON "cycle_window_events" FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER cycle_window_events_no_truncate BEFORE TRUNCATE ON "cycle_window_events" FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
