-- M1: substring search of people by name or e-mail (the user table's search box and the
-- people picker: `name ilike '%…%' or email ilike '%…%'`, lib/people/queries.ts) reads
-- these trigram indexes instead of the whole table. gin_trgm_ops serves ILIKE directly
-- (trigrams are case-folded), so the indexes are on the columns the query names. Terms of
-- fewer than 3 characters have no trigram: those still scan (see bench/README.md).
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it; PGlite
-- loads it from @electric-sql/pglite/contrib/pg_trgm (db/connect.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "people_name_trgm_idx" ON "people" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_email_trgm_idx" ON "people" USING gin ("email" gin_trgm_ops);
