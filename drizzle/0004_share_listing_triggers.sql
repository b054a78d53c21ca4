-- content_shares keeps copies of its item's status, published_at and type (see
-- db/schema/content.ts), so shared items can be listed along an index. Triggers keep
-- them right whatever writes the tables: the app, the organisation loader, scripts.
CREATE OR REPLACE FUNCTION content_shares_copy_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.status, c.published_at, c.type INTO NEW.status, NEW.published_at, NEW.type
  FROM content c WHERE c.id = NEW.content_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER content_shares_copy_item BEFORE INSERT OR UPDATE OF content_id ON content_shares
  FOR EACH ROW EXECUTE FUNCTION content_shares_copy_item();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION content_sync_shares() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE content_shares SET status = NEW.status, published_at = NEW.published_at, type = NEW.type
  WHERE content_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER content_sync_shares AFTER UPDATE OF status, published_at, type ON content
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at OR OLD.type IS DISTINCT FROM NEW.type)
  EXECUTE FUNCTION content_sync_shares();
--> statement-breakpoint
UPDATE content_shares cs SET status = c.status, published_at = c.published_at, type = c.type
FROM content c WHERE c.id = cs.content_id;
