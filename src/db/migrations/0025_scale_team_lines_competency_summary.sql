CREATE TABLE "competency_slots" (
	"competency_id" text PRIMARY KEY NOT NULL,
	"slot" integer GENERATED ALWAYS AS IDENTITY (sequence name "competency_slots_slot_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	CONSTRAINT "competency_slots_slot" UNIQUE("slot")
);
--> statement-breakpoint
CREATE TABLE "self_check_latest" (
	"person_id" text PRIMARY KEY NOT NULL,
	"self_check_id" uuid NOT NULL,
	"period" text NOT NULL,
	"ratings" double precision[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "line_overrides_supervisor_idx" ON "line_overrides" USING btree ("supervisor_id");--> statement-breakpoint
CREATE INDEX "people_directory_manager_idx" ON "people" USING btree ("directory_manager_id");--> statement-breakpoint
CREATE INDEX "person_levels_supervisor_idx" ON "person_levels" USING btree ("supervisor_id");--> statement-breakpoint
-- Each person's latest submitted self-check, kept by triggers (docs/analytics.md, "Competency picture").
-- For the people a statement touched: take a lock per person (per one of 256 buckets of people, so a
-- statement touching 100,000 people takes at most 256 locks, in order), so two transactions changing
-- the same person's self-checks recompute one after the other (each statement of this VOLATILE
-- function reads a fresh snapshot under READ COMMITTED, so the second sees the first's committed
-- rows); give new competency ids a slot; then write each person's row again from self_checks, or none.
CREATE OR REPLACE FUNCTION refresh_self_check_latest(person_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1936482668, bucket)
    FROM (SELECT DISTINCT hashtext(id) & 255 AS bucket FROM unnest(person_ids) AS id ORDER BY 1) AS buckets;
  INSERT INTO competency_slots (competency_id)
    SELECT DISTINCT rated.key
    FROM self_checks s, jsonb_each(CASE WHEN jsonb_typeof(s.ratings) = 'object' THEN s.ratings ELSE '{}' END) AS rated
    WHERE s.person_id = ANY (person_ids) AND s.status = 'submitted' AND s.submitted_at IS NOT NULL
      AND jsonb_typeof(rated.value -> 'rating') = 'number'
      AND NOT EXISTS (SELECT 1 FROM competency_slots c WHERE c.competency_id = rated.key)
    ON CONFLICT DO NOTHING;
  DELETE FROM self_check_latest WHERE person_id = ANY (person_ids);
  INSERT INTO self_check_latest (person_id, self_check_id, period, ratings)
    SELECT DISTINCT ON (s.person_id) s.person_id, s.id, s.period,
      ARRAY(
        SELECT (CASE WHEN jsonb_typeof(s.ratings -> c.competency_id -> 'rating') = 'number'
          THEN (s.ratings -> c.competency_id ->> 'rating')::float8 END)
        FROM generate_series(1, (SELECT coalesce(max(slot), 0) FROM competency_slots)) AS g(slot)
        LEFT JOIN competency_slots c ON c.slot = g.slot
        ORDER BY g.slot)
    FROM self_checks s
    WHERE s.person_id = ANY (person_ids) AND s.status = 'submitted' AND s.submitted_at IS NOT NULL
    ORDER BY s.person_id, s.period DESC;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION self_check_latest_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_self_check_latest(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION self_check_latest_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_self_check_latest(ARRAY(
    SELECT person_id FROM new_rows UNION SELECT person_id FROM old_rows));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION self_check_latest_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_self_check_latest(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER self_check_latest_insert AFTER INSERT ON "self_checks" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION self_check_latest_after_insert();--> statement-breakpoint
CREATE TRIGGER self_check_latest_update AFTER UPDATE ON "self_checks" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION self_check_latest_after_update();--> statement-breakpoint
CREATE TRIGGER self_check_latest_delete AFTER DELETE ON "self_checks" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION self_check_latest_after_delete();--> statement-breakpoint
CREATE OR REPLACE FUNCTION self_check_latest_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM self_check_latest;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER self_check_latest_truncate AFTER TRUNCATE ON "self_checks" FOR EACH STATEMENT EXECUTE FUNCTION self_check_latest_after_truncate();--> statement-breakpoint
-- What is already there (a deploy onto a city with self-checks).
SELECT refresh_self_check_latest(ARRAY(SELECT DISTINCT person_id FROM self_checks));
