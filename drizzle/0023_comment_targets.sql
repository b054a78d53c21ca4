ALTER TABLE "comments" ALTER COLUMN "content_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "idea_id" uuid;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "wall_post_id" uuid;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "query_id" uuid;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "comments_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "wall_posts" ADD COLUMN "comments_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "queries" ADD COLUMN "comment_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "queries" ADD COLUMN "comments_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_wall_post_id_wall_posts_id_fk" FOREIGN KEY ("wall_post_id") REFERENCES "public"."wall_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_query_id_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_idea_top_idx" ON "comments" USING btree ("idea_id","created_at","id") WHERE "comments"."parent_id" is null and "comments"."idea_id" is not null;--> statement-breakpoint
CREATE INDEX "comments_wall_post_top_idx" ON "comments" USING btree ("wall_post_id","created_at","id") WHERE "comments"."parent_id" is null and "comments"."wall_post_id" is not null;--> statement-breakpoint
CREATE INDEX "comments_query_top_idx" ON "comments" USING btree ("query_id","created_at","id") WHERE "comments"."parent_id" is null and "comments"."query_id" is not null;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_one_target" CHECK (num_nonnulls("comments"."content_id", "comments"."idea_id", "comments"."wall_post_id", "comments"."query_id") = 1);