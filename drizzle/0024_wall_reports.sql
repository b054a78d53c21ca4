CREATE TYPE "public"."wall_post_report_status" AS ENUM('open', 'dismissed', 'actioned');--> statement-breakpoint
CREATE TABLE "wall_post_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wall_post_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"wall_post_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "wall_post_report_status" DEFAULT 'open' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "wall_post_id" uuid;--> statement-breakpoint
ALTER TABLE "wall_post_reports" ADD CONSTRAINT "wall_post_reports_wall_post_id_wall_posts_id_fk" FOREIGN KEY ("wall_post_id") REFERENCES "public"."wall_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_post_reports" ADD CONSTRAINT "wall_post_reports_reporter_id_people_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_post_reports" ADD CONSTRAINT "wall_post_reports_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wall_post_reports_one_open" ON "wall_post_reports" USING btree ("wall_post_id","reporter_id") WHERE "wall_post_reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX "wall_post_reports_open_idx" ON "wall_post_reports" USING btree ("created_at","id") WHERE "wall_post_reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX "wall_post_reports_post_idx" ON "wall_post_reports" USING btree ("wall_post_id");--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_wall_post_id_wall_posts_id_fk" FOREIGN KEY ("wall_post_id") REFERENCES "public"."wall_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "uploads_wall_post_idx" ON "uploads" USING btree ("wall_post_id");