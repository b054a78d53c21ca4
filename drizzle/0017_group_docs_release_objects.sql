-- G7: whatever deletes a group file's version row (the file's deletion, its group's, a
-- script), its stored object is put in the unclaimed_objects ledger in the same
-- transaction, so the sweep deletes it once that commits (lib/storage/lifecycle.ts).
CREATE OR REPLACE FUNCTION group_file_versions_release_object() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO unclaimed_objects (key) VALUES (OLD.storage_key) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER group_file_versions_release_object AFTER DELETE ON group_file_versions
  FOR EACH ROW EXECUTE FUNCTION group_file_versions_release_object();
