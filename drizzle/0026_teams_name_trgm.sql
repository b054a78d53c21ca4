-- P6: the people directory's search matches team names too ("people in a team called …",
-- lib/people/directory.ts). At 10 000 teams a scan of every name cost 3 ms of each search;
-- this trigram index finds the matching teams instead, as people's and groups' names are found
-- (0012_search_trgm, 0020_groups_name_trgm).
CREATE INDEX IF NOT EXISTS "teams_name_trgm_idx" ON "teams" USING gin ("name" gin_trgm_ops);
