-- D4: full-text search of content, in PostgreSQL (and PGlite) itself: no search server to run
-- or keep in step. Hand-written, like the trigram indexes: drizzle-kit neither creates
-- extensions nor text search configurations, and the column stays out of db/schema so that
-- no whole-row read of content carries it (lib/search/ reads it by name).
--
-- portico_search: the organisation's language's stemming (English by default) with accents
-- folded first (unaccent), so "cafe" finds "café" and "policies" finds "policy". unaccent
-- is a trusted extension (PostgreSQL 13+); PGlite loads it from its contrib (db/connect.ts).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
DO $$ BEGIN
  CREATE TEXT SEARCH CONFIGURATION portico_search (COPY = english);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION portico_search
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;--> statement-breakpoint
-- The text of stored rich text (C6: sanitised, so only the entities sanitize-html writes
-- remain): tags become spaces so words at block ends stay apart; &amp; last, so "&amp;lt;"
-- stays the text "&lt;".
CREATE OR REPLACE FUNCTION portico_html_text(html text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $fn$
    SELECT replace(replace(replace(replace(replace(replace(
      regexp_replace(html, '<[^>]*>', ' ', 'g'),
      '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&')
  $fn$;--> statement-breakpoint
-- Title above body (weights A and B; lib/search/ ranks with them). The body's first 200 000
-- characters (BODY_MAX) keep any vector far below tsvector's 1 MB limit.
CREATE OR REPLACE FUNCTION portico_content_vector(title text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$
    SELECT setweight(to_tsvector('portico_search'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('portico_search'::regconfig, portico_html_text(left(coalesce(body, ''), 200000))), 'B')
  $fn$;--> statement-breakpoint
ALTER TABLE "content" ADD COLUMN IF NOT EXISTS "search_vector" tsvector;--> statement-breakpoint
-- Kept in the same transaction as every change (a trigger, not a job): a saved item is found
-- at once, and a title that changed is never found by its old words. Only when the title or
-- the body changes: publishing, sharing and counters do not recompute it.
CREATE OR REPLACE FUNCTION content_search_vector_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
  BEGIN
    NEW.search_vector := portico_content_vector(NEW.title, NEW.body);
    RETURN NEW;
  END
  $fn$;--> statement-breakpoint
DROP TRIGGER IF EXISTS content_search_vector ON "content";--> statement-breakpoint
CREATE TRIGGER content_search_vector BEFORE INSERT OR UPDATE OF title, body ON "content"
  FOR EACH ROW EXECUTE FUNCTION content_search_vector_update();--> statement-breakpoint
UPDATE "content" SET "search_vector" = portico_content_vector("title", "body") WHERE "search_vector" IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "content_search_idx" ON "content" USING gin ("search_vector");
--> statement-breakpoint
-- D4: the header's suggestions find sections by a part of their title, as groups, people and
-- teams are found by their names (0012_search_trgm, 0020_groups_name_trgm, 0026_teams_name_trgm).
CREATE INDEX IF NOT EXISTS "sections_title_trgm_idx" ON "sections" USING gin ("title" gin_trgm_ops);
