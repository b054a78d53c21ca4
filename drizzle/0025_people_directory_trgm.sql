-- P6 E5: the people directory's one search box ("name, job title, team, location, department
-- or organisation contains …", lib/people/directory.ts directorySearch) reads these trigram
-- indexes, beside people_name_trgm_idx (0012_search_trgm), instead of every person; teams
-- and locations are small tables matched by name and then followed along their indexes.
CREATE INDEX IF NOT EXISTS "people_job_title_trgm_idx" ON "people" USING gin ("job_title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "people_organisation_trgm_idx" ON "people" USING gin ("organisation" gin_trgm_ops);
