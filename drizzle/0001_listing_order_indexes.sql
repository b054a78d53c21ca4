DROP INDEX "content_home_section_published_idx";--> statement-breakpoint
DROP INDEX "content_published_idx";--> statement-breakpoint
DROP INDEX "content_author_idx";--> statement-breakpoint
CREATE INDEX "content_home_section_published_idx" ON "content" USING btree ("home_section_id","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "content"."status" = 'published';--> statement-breakpoint
CREATE INDEX "content_published_idx" ON "content" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "content"."status" = 'published';--> statement-breakpoint
CREATE INDEX "content_author_idx" ON "content" USING btree ("author_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);