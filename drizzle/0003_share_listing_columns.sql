ALTER TABLE "content_shares" ADD COLUMN "status" "content_status";--> statement-breakpoint
ALTER TABLE "content_shares" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "content_shares" ADD COLUMN "type" "content_type";--> statement-breakpoint
CREATE INDEX "content_shares_section_published_idx" ON "content_shares" USING btree ("section_id","published_at" DESC NULLS LAST,"content_id" DESC NULLS LAST) WHERE "content_shares"."status" = 'published';