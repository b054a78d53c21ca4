-- D4: search finds ideas, wall posts and queries as it finds content: a vector each, kept by a
-- trigger in the saving transaction, read along a GIN index, outside db/schema (as content's
-- and group files' are: no whole-row read carries them). Titles (and ideas' tags) weigh A,
-- the text B. A wall post's and a query's text is plain; a mention in it (@[Name](id),
-- lib/mentions/syntax.ts) is indexed as the name alone.
CREATE OR REPLACE FUNCTION portico_plain_text(body text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $fn$
    SELECT regexp_replace(body, '@\[([^]\n]{1,200})\]\([0-9a-fA-F-]{36}\)', '@\1', 'g')
  $fn$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION portico_idea_vector(title text, description text, tags text[]) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$
    SELECT setweight(to_tsvector('portico_search'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('portico_search'::regconfig, array_to_string(coalesce(tags, '{}'), ' ')), 'A')
      || setweight(to_tsvector('portico_search'::regconfig, portico_html_text(left(coalesce(description, ''), 200000))), 'B')
  $fn$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION portico_text_vector(title text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$
    SELECT setweight(to_tsvector('portico_search'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('portico_search'::regconfig, portico_plain_text(left(coalesce(body, ''), 200000))), 'B')
  $fn$;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN IF NOT EXISTS "search_vector" tsvector;--> statement-breakpoint
ALTER TABLE "wall_posts" ADD COLUMN IF NOT EXISTS "search_vector" tsvector;--> statement-breakpoint
ALTER TABLE "queries" ADD COLUMN IF NOT EXISTS "search_vector" tsvector;--> statement-breakpoint
CREATE OR REPLACE FUNCTION idea_search_vector_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
  BEGIN
    NEW.search_vector := portico_idea_vector(NEW.title, NEW.description, NEW.tags);
    RETURN NEW;
  END
  $fn$;--> statement-breakpoint
CREATE TRIGGER idea_search_vector BEFORE INSERT OR UPDATE OF title, description, tags ON "ideas"
  FOR EACH ROW EXECUTE FUNCTION idea_search_vector_update();--> statement-breakpoint
CREATE OR REPLACE FUNCTION wall_post_search_vector_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
  BEGIN
    NEW.search_vector := portico_text_vector(NULL, NEW.body);
    RETURN NEW;
  END
  $fn$;--> statement-breakpoint
CREATE TRIGGER wall_post_search_vector BEFORE INSERT OR UPDATE OF body ON "wall_posts"
  FOR EACH ROW EXECUTE FUNCTION wall_post_search_vector_update();--> statement-breakpoint
CREATE OR REPLACE FUNCTION query_search_vector_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
  BEGIN
    NEW.search_vector := portico_text_vector(NEW.title, NEW.body);
    RETURN NEW;
  END
  $fn$;--> statement-breakpoint
CREATE TRIGGER query_search_vector BEFORE INSERT OR UPDATE OF title, body ON "queries"
  FOR EACH ROW EXECUTE FUNCTION query_search_vector_update();--> statement-breakpoint
UPDATE "ideas" SET "search_vector" = portico_idea_vector("title", "description", "tags") WHERE "search_vector" IS NULL;--> statement-breakpoint
UPDATE "wall_posts" SET "search_vector" = portico_text_vector(NULL, "body") WHERE "search_vector" IS NULL;--> statement-breakpoint
UPDATE "queries" SET "search_vector" = portico_text_vector("title", "body") WHERE "search_vector" IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ideas_search_idx" ON "ideas" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "wall_posts_search_idx" ON "wall_posts" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "queries_search_idx" ON "queries" USING gin ("search_vector");--> statement-breakpoint
-- D4: the names panel finds locations by a part of their name, as it finds teams.
CREATE INDEX IF NOT EXISTS "locations_name_trgm_idx" ON "locations" USING gin ("name" gin_trgm_ops);
