-- M8: the audit log is append-only, whatever role writes to the database (the app's own,
-- the table's owner, even a superuser: triggers bind them all).
--   * UPDATE is refused, except the foreign key's own ON DELETE SET NULL when a person is
--     deleted (actor_id becomes null, the actor's e-mail stays, nothing else changes).
--   * DELETE is refused, except for rows older than the retention period the
--     organisation set (settings 'auditRetention' → {"days": n}, never under 30 days;
--     no setting: nothing is ever deleted). portico_purge_audit_events() is that purge.
--   * TRUNCATE is refused, except to a superuser who says it is the organisation loader's
--     reset (db/seed/load.ts, used by tests).
-- Only a role that may alter the table (its owner) could drop the trigger: run the app as
-- a role that does not own the tables for that too (docs/ARCHITECTURE.md, "Audit log").
CREATE OR REPLACE FUNCTION portico_audit_retention_days() RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT greatest(30, (value ->> 'days')::integer) FROM settings
  WHERE key = 'auditRetention' AND jsonb_typeof(value -> 'days') = 'number'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION portico_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  keep_days integer;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    -- Only the organisation loader's reset (tests, a fresh demo), and only as a superuser.
    IF current_setting('portico.reset_organisation', true) = 'on'
       AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
      RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only (M8): it cannot be truncated' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = OLD.actor_id)
       AND (NEW.id, NEW.at, NEW.actor_email, NEW.action, NEW.target_type, NEW.target_id, NEW.details, NEW.address)
           IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_email, OLD.action, OLD.target_type, OLD.target_id, OLD.details, OLD.address) THEN
      RETURN NEW; -- the person was deleted: ON DELETE SET NULL
    END IF;
    RAISE EXCEPTION 'audit_events is append-only (M8): rows cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  keep_days := portico_audit_retention_days();
  IF keep_days IS NULL OR OLD.at >= now() - make_interval(days => keep_days) THEN
    RAISE EXCEPTION 'audit_events is append-only (M8): only rows older than the retention period can be deleted'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION portico_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION portico_audit_append_only();
--> statement-breakpoint
-- The purge: deletes at most `batch` rows older than the retention period, oldest first,
-- and answers how many. SECURITY DEFINER runs it with the owner's rights, so a deployment
-- may revoke DELETE on audit_events from the app's role and still purge.
CREATE OR REPLACE FUNCTION portico_purge_audit_events(batch integer DEFAULT 10000) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  keep_days integer := portico_audit_retention_days();
  removed integer;
BEGIN
  IF keep_days IS NULL THEN
    RETURN 0;
  END IF;
  DELETE FROM audit_events WHERE id IN (
    SELECT id FROM audit_events WHERE at < now() - make_interval(days => keep_days) ORDER BY at LIMIT greatest(batch, 1)
  );
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END
$$;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
