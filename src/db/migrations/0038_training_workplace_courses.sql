ALTER TABLE "training_courses" ADD COLUMN "scope" text DEFAULT 'catalog' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "owner_department" text;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "organiser_id" text;--> statement-breakpoint
CREATE INDEX "training_courses_owner_idx" ON "training_courses" USING btree ("owner_department") WHERE "training_courses"."owner_department" is not null;