CREATE TABLE "tags" (
	"name" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "content" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "group_files" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "group_files" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "tags_name_prefix_idx" ON "tags" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "content_tags_idx" ON "content" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "group_files_tags_idx" ON "group_files" USING gin ("tags");--> statement-breakpoint
-- D7 D4: tags are searched as the title is (weight A). A new three-argument function: the
-- trigger below now also runs when the tags change. Items saved before have no tags, so their
-- vectors are already what this computes (no rewrite of every row).
CREATE OR REPLACE FUNCTION portico_content_vector(title text, body text, tags text[]) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$
    SELECT setweight(to_tsvector('portico_search'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('portico_search'::regconfig, array_to_string(coalesce(tags, '{}'), ' ')), 'A')
      || setweight(to_tsvector('portico_search'::regconfig, portico_html_text(left(coalesce(body, ''), 200000))), 'B')
  $fn$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION content_search_vector_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
  BEGIN
    NEW.search_vector := portico_content_vector(NEW.title, NEW.body, NEW.tags);
    RETURN NEW;
  END
  $fn$;--> statement-breakpoint
DROP TRIGGER IF EXISTS content_search_vector ON "content";--> statement-breakpoint
CREATE TRIGGER content_search_vector BEFORE INSERT OR UPDATE OF title, body, tags ON "content"
  FOR EACH ROW EXECUTE FUNCTION content_search_vector_update();--> statement-breakpoint
-- D7: the vocabulary (the tags table) learns every tag an item is given, in the same
-- transaction, whichever path tagged it (actions, the organisation loader, the benchmark's
-- set-based builder). Tags no item uses any more stay until a webmaster deletes them.
CREATE OR REPLACE FUNCTION portico_tags_learn() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
  BEGIN
    INSERT INTO tags (name) SELECT DISTINCT unnest(NEW.tags) ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $fn$;--> statement-breakpoint
CREATE TRIGGER content_tags_learn AFTER INSERT OR UPDATE OF tags ON "content"
  FOR EACH ROW WHEN (cardinality(NEW.tags) > 0) EXECUTE FUNCTION portico_tags_learn();--> statement-breakpoint
CREATE TRIGGER ideas_tags_learn AFTER INSERT OR UPDATE OF tags ON "ideas"
  FOR EACH ROW WHEN (cardinality(NEW.tags) > 0) EXECUTE FUNCTION portico_tags_learn();--> statement-breakpoint
CREATE TRIGGER group_files_tags_learn AFTER INSERT OR UPDATE OF tags ON "group_files"
  FOR EACH ROW WHEN (cardinality(NEW.tags) > 0) EXECUTE FUNCTION portico_tags_learn();--> statement-breakpoint
INSERT INTO tags (name) SELECT DISTINCT unnest(tags) FROM ideas ON CONFLICT DO NOTHING;--> statement-breakpoint
-- D4 G7: group files are found by their name, tags, description and the text of their
-- newest version (PDF, Word, plain text: lib/group-docs/extract-text.ts, bounded in size and
-- time). The text and the vector stay out of db/schema, like content's vector, so no
-- whole-row read carries them. A name's dots, dashes and underscores part its words
-- ("budget_2027-v2.pdf" is found by "budget").
ALTER TABLE "group_files" ADD COLUMN IF NOT EXISTS "extracted_text" text;--> statement-breakpoint
ALTER TABLE "group_files" ADD COLUMN IF NOT EXISTS "search_vector" tsvector;--> statement-breakpoint
CREATE OR REPLACE FUNCTION portico_group_file_vector(name text, description text, tags text[], body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$
    SELECT setweight(to_tsvector('portico_search'::regconfig, regexp_replace(coalesce(name, ''), '[._-]+', ' ', 'g')), 'A')
      || setweight(to_tsvector('portico_search'::regconfig, array_to_string(coalesce(tags, '{}'), ' ')), 'A')
      || setweight(to_tsvector('portico_search'::regconfig, coalesce(description, '')), 'B')
      || setweight(to_tsvector('portico_search'::regconfig, left(coalesce(body, ''), 200000)), 'C')
  $fn$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION group_file_search_vector_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
  BEGIN
    NEW.search_vector := portico_group_file_vector(NEW.name, NEW.description, NEW.tags, NEW.extracted_text);
    RETURN NEW;
  END
  $fn$;--> statement-breakpoint
CREATE TRIGGER group_file_search_vector BEFORE INSERT OR UPDATE OF name, description, tags, extracted_text ON "group_files"
  FOR EACH ROW EXECUTE FUNCTION group_file_search_vector_update();--> statement-breakpoint
UPDATE "group_files" SET "search_vector" = portico_group_file_vector("name", "description", "tags", "extracted_text") WHERE "search_vector" IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "group_files_search_idx" ON "group_files" USING gin ("search_vector");
