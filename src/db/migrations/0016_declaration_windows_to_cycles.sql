-- 自己申告 windows become cycle windows of kind 'declaration' (one source of truth), with their history.
INSERT INTO "cycle_windows" ("fiscal_year", "kind", "state", "opens_on", "closes_on", "opened_at", "opened_by", "closed_at", "closed_by", "created_by", "created_at")
SELECT "fiscal_year", 'declaration', CASE WHEN "closed_at" IS NULL THEN 'open' ELSE 'closed' END,
  LEAST(GREATEST((("opened_at" AT TIME ZONE 'UTC') + interval '9 hours')::date, make_date("fiscal_year", 4, 1)), "closes_on"),
  "closes_on", "opened_at", "opened_by", "closed_at", "closed_by", "opened_by", "opened_at"
FROM "declaration_windows"
ON CONFLICT ("fiscal_year", "kind") DO NOTHING;
--> statement-breakpoint
INSERT INTO "cycle_window_events" ("window_id", "at", "actor_id", "action", "state", "opens_on", "closes_on")
SELECT w."id", d."opened_at", d."opened_by", 'opened', 'open', w."opens_on", w."closes_on"
FROM "declaration_windows" d JOIN "cycle_windows" w ON w."fiscal_year" = d."fiscal_year" AND w."kind" = 'declaration'
ORDER BY d."fiscal_year";
--> statement-breakpoint
INSERT INTO "cycle_window_events" ("window_id", "at", "actor_id", "action", "state", "opens_on", "closes_on")
SELECT w."id", d."closed_at", d."closed_by", 'closed', 'closed', w."opens_on", w."closes_on"
FROM "declaration_windows" d JOIN "cycle_windows" w ON w."fiscal_year" = d."fiscal_year" AND w."kind" = 'declaration'
WHERE d."closed_at" IS NOT NULL AND d."closed_by" IS NOT NULL
ORDER BY d."fiscal_year";
--> statement-breakpoint
DROP TABLE "declaration_windows" CASCADE;