CREATE TABLE "pulse_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department" text NOT NULL,
	"quarter" text NOT NULL,
	"text" text NOT NULL,
	"updated_by_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pulse_id" uuid NOT NULL,
	"department" text,
	"ratings" integer[] NOT NULL,
	"free_text" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_participations" (
	"pulse_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	CONSTRAINT "pulse_participations_pulse_id_person_id_pk" PRIMARY KEY("pulse_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "pulses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quarter" text NOT NULL,
	"questions" jsonb NOT NULL,
	"free_text_question" jsonb,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"sent_at" timestamp with time zone,
	"created_by_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pulses_dates_check" CHECK ("pulses"."closes_on" >= "pulses"."opens_on")
);
--> statement-breakpoint
ALTER TABLE "pulse_answers" ADD CONSTRAINT "pulse_answers_pulse_id_pulses_id_fk" FOREIGN KEY ("pulse_id") REFERENCES "public"."pulses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_participations" ADD CONSTRAINT "pulse_participations_pulse_id_pulses_id_fk" FOREIGN KEY ("pulse_id") REFERENCES "public"."pulses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pulse_actions_department_quarter_idx" ON "pulse_actions" USING btree ("department","quarter");--> statement-breakpoint
CREATE INDEX "pulse_answers_pulse_department_idx" ON "pulse_answers" USING btree ("pulse_id","department");--> statement-breakpoint
CREATE UNIQUE INDEX "pulses_quarter_idx" ON "pulses" USING btree ("quarter");