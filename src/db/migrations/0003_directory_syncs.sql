CREATE TABLE "directory_syncs" (
	"id" serial PRIMARY KEY NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"people" integer NOT NULL
);
