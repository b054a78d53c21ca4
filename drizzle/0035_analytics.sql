CREATE TYPE "public"."viewed_page" AS ENUM('home', 'section', 'item', 'group', 'app', 'search', 'directory', 'other');--> statement-breakpoint
CREATE TABLE "analytics_days" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" "bytea",
	"rolled_up_at" timestamp with time zone,
	"rolled_up_views" integer
);
--> statement-breakpoint
CREATE TABLE "page_views" (
	"at" timestamp with time zone NOT NULL,
	"audience" "audience" NOT NULL,
	"page" "viewed_page" NOT NULL,
	"section_id" integer,
	"group_id" integer,
	"content_id" uuid,
	"app" text,
	"missed_term" text,
	"visitor" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_miss_days" (
	"day" date NOT NULL,
	"term" text NOT NULL,
	"searches" integer NOT NULL,
	CONSTRAINT "search_miss_days_day_term_pk" PRIMARY KEY("day","term")
);
--> statement-breakpoint
CREATE TABLE "view_days" (
	"day" date NOT NULL,
	"scope" text NOT NULL,
	"scope_key" text NOT NULL,
	"audience" "audience" NOT NULL,
	"views" integer NOT NULL,
	"visitors" integer NOT NULL,
	CONSTRAINT "view_days_scope_scope_key_day_audience_pk" PRIMARY KEY("scope","scope_key","day","audience"),
	CONSTRAINT "view_days_scope" CHECK ("view_days"."scope" in ('site', 'section', 'group', 'app'))
);
--> statement-breakpoint
CREATE TABLE "view_item_days" (
	"day" date NOT NULL,
	"content_id" uuid NOT NULL,
	"section_id" integer,
	"group_id" integer,
	"audience" "audience" NOT NULL,
	"views" integer NOT NULL,
	"visitors" integer NOT NULL,
	CONSTRAINT "view_item_days_content_id_day_audience_pk" PRIMARY KEY("content_id","day","audience")
);
--> statement-breakpoint
CREATE TABLE "view_leader_days" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"views" integer NOT NULL,
	"visitors" integer NOT NULL,
	CONSTRAINT "view_leader_days_kind_day_key_pk" PRIMARY KEY("kind","day","key"),
	CONSTRAINT "view_leader_days_kind" CHECK ("view_leader_days"."kind" in ('item', 'section', 'group'))
);
--> statement-breakpoint
CREATE INDEX "page_views_at_idx" ON "page_views" USING btree ("at");--> statement-breakpoint
CREATE INDEX "view_days_day_idx" ON "view_days" USING btree ("scope","day");--> statement-breakpoint
CREATE INDEX "view_item_days_section_idx" ON "view_item_days" USING btree ("section_id","day");--> statement-breakpoint
CREATE INDEX "view_item_days_group_idx" ON "view_item_days" USING btree ("group_id","day");