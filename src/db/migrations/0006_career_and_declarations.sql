CREATE TABLE "career_designs" (
	"person_id" text PRIMARY KEY NOT NULL,
	"vision_mid_term" text DEFAULT '' NOT NULL,
	"vision_long_term" text DEFAULT '' NOT NULL,
	"path" text DEFAULT 'undecided' NOT NULL,
	"path_field" text DEFAULT '' NOT NULL,
	"interests" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"qualifications_held" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"qualifications_planned" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"trainings_wanted" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rotation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_windows" (
	"fiscal_year" integer PRIMARY KEY NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by" text NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"transfer_wishes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"circumstances" text DEFAULT '' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "declarations_person_year" UNIQUE("person_id","fiscal_year")
);
