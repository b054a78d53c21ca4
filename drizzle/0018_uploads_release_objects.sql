-- Rich-text images (C6) and profile images (E3): whatever deletes an image's row (its item's
-- deletion, by cascade) or replaces or clears a person's image (or deletes the person), the
-- stored object's key is put in the unclaimed_objects ledger in the same transaction, so
-- it is deleted once that commits (lib/storage/lifecycle.ts), as group files are (0017).
CREATE OR REPLACE FUNCTION uploads_release_object() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO unclaimed_objects (key) VALUES (OLD.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER uploads_release_object AFTER DELETE ON uploads
  FOR EACH ROW EXECUTE FUNCTION uploads_release_object();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_release_image() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.image_id IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.image_id IS NOT DISTINCT FROM NEW.image_id THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO unclaimed_objects (key) VALUES (OLD.image_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER people_release_image AFTER UPDATE OF image_id OR DELETE ON people
  FOR EACH ROW EXECUTE FUNCTION people_release_image();
