-- Directory sync reads users delta: keep the deltaLink of each run so the next one reads only changes.
ALTER TABLE "directory_syncs" ADD COLUMN "delta_link" text;--> statement-breakpoint
ALTER TABLE "directory_syncs" ADD COLUMN "full" boolean DEFAULT true NOT NULL;