-- G1: the groups directory's name search (`name ilike '%…%'`, lib/groups/queries.ts) reads
-- this trigram index instead of every group, as people's search does (0012_search_trgm).
CREATE INDEX IF NOT EXISTS "groups_name_trgm_idx" ON "groups" USING gin ("name" gin_trgm_ops);
