CREATE TABLE "training_course_interests" (
	"course_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_course_interests_course_id_person_id_pk" PRIMARY KEY("course_id","person_id")
);
--> statement-breakpoint
CREATE INDEX "training_course_interests_person_idx" ON "training_course_interests" USING btree ("person_id");