-- The audit log and the erasure records are append-only: the service offers no update or delete, and
-- the database refuses them too, so neither a bug nor a hand-run statement rewrites history.
CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER erasure_records_append_only BEFORE UPDATE OR DELETE ON "erasure_records" FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER erasure_records_no_truncate BEFORE TRUNCATE ON "erasure_records" FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
