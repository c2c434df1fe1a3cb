CREATE TABLE "rate_limit_counters" (
	"person_id" text NOT NULL,
	"tier" text NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "rate_limit_counters_person_id_tier_pk" PRIMARY KEY("person_id","tier")
);
--> statement-breakpoint
ALTER TABLE "goals" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "goals_person_idempotency_key" ON "goals" USING btree ("person_id","idempotency_key");