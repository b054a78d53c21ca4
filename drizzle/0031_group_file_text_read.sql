-- D4 G7: which version of a group file its text was read from (null: never read), so that files
-- stored before text was read for search (or while reading was not possible) are read by the
-- background job (lib/group-docs/text-backfill.ts). Outside db/schema, as extracted_text is.
ALTER TABLE "group_files" ADD COLUMN IF NOT EXISTS "text_read_version" integer;--> statement-breakpoint
-- A file with text has had its current version read.
UPDATE "group_files" SET "text_read_version" = "current_version" WHERE "extracted_text" IS NOT NULL;--> statement-breakpoint
-- The job's worklist: small, as nearly every file's text has been read.
CREATE INDEX IF NOT EXISTS "group_files_text_unread_idx" ON "group_files" ("updated_at" DESC, "id") WHERE "text_read_version" IS DISTINCT FROM "current_version";
