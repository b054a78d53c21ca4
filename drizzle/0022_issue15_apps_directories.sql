CREATE TYPE "public"."idea_status" AS ENUM('new', 'under_review', 'planned', 'done', 'declined');--> statement-breakpoint
CREATE TYPE "public"."query_status" AS ENUM('open', 'answered', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."moderated_app" AS ENUM('ideas', 'messageWall', 'queries');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'query_new';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'query_resolved';--> statement-breakpoint
CREATE TABLE "idea_votes" (
	"idea_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_votes_idea_id_person_id_pk" PRIMARY KEY("idea_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "ideas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "idea_status" DEFAULT 'new' NOT NULL,
	"status_note" text,
	"status_changed_at" timestamp with time zone,
	"status_changed_by" uuid,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ideas_title_length" CHECK (char_length("ideas"."title") between 1 and 200),
	CONSTRAINT "ideas_vote_count" CHECK ("ideas"."vote_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "wall_favourites" (
	"person_id" uuid NOT NULL,
	"wall_post_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wall_favourites_person_id_wall_post_id_pk" PRIMARY KEY("person_id","wall_post_id")
);
--> statement-breakpoint
CREATE TABLE "wall_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"image_id" uuid,
	"image_alt" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_by" uuid,
	"hidden_reason" text,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"favourite_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "wall_posts_body_length" CHECK (char_length("wall_posts"."body") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "queries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asker_id" uuid NOT NULL,
	"team_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" "query_status" DEFAULT 'open' NOT NULL,
	"accepted_answer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "queries_title_length" CHECK (char_length("queries"."title") between 1 and 200),
	CONSTRAINT "queries_body_length" CHECK (char_length("queries"."body") <= 10000)
);
--> statement-breakpoint
CREATE TABLE "query_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"query_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "query_answers_body_length" CHECK (char_length("query_answers"."body") between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "app_moderators" (
	"app" "moderated_app" NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_moderators_app_person_id_pk" PRIMARY KEY("app","person_id")
);
--> statement-breakpoint
ALTER TABLE "follows" DROP CONSTRAINT "follows_one_target";--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "show_mobile" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "accepts_queries" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "follows" ADD COLUMN "idea_id" uuid;--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "idea_id" uuid;--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "wall_post_id" uuid;--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "query_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "idea_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "wall_post_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "query_id" uuid;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_status_changed_by_people_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_favourites" ADD CONSTRAINT "wall_favourites_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_favourites" ADD CONSTRAINT "wall_favourites_wall_post_id_wall_posts_id_fk" FOREIGN KEY ("wall_post_id") REFERENCES "public"."wall_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_posts" ADD CONSTRAINT "wall_posts_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_posts" ADD CONSTRAINT "wall_posts_hidden_by_people_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queries" ADD CONSTRAINT "queries_asker_id_people_id_fk" FOREIGN KEY ("asker_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queries" ADD CONSTRAINT "queries_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queries" ADD CONSTRAINT "queries_accepted_answer_id_query_answers_id_fk" FOREIGN KEY ("accepted_answer_id") REFERENCES "public"."query_answers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "query_answers" ADD CONSTRAINT "query_answers_query_id_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "query_answers" ADD CONSTRAINT "query_answers_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_moderators" ADD CONSTRAINT "app_moderators_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_votes_person_idx" ON "idea_votes" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "ideas_newest_idx" ON "ideas" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_votes_idx" ON "ideas" USING btree ("vote_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_status_newest_idx" ON "ideas" USING btree ("status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_status_votes_idx" ON "ideas" USING btree ("status","vote_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_author_idx" ON "ideas" USING btree ("author_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_tags_idx" ON "ideas" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "wall_favourites_post_idx" ON "wall_favourites" USING btree ("wall_post_id");--> statement-breakpoint
CREATE INDEX "wall_posts_newest_idx" ON "wall_posts" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "wall_posts_author_idx" ON "wall_posts" USING btree ("author_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "queries_newest_idx" ON "queries" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "queries_status_newest_idx" ON "queries" USING btree ("status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "queries_team_idx" ON "queries" USING btree ("team_id","status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "queries_asker_idx" ON "queries" USING btree ("asker_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "query_answers_query_idx" ON "query_answers" USING btree ("query_id","created_at","id");--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_wall_post_id_wall_posts_id_fk" FOREIGN KEY ("wall_post_id") REFERENCES "public"."wall_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_query_id_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_wall_post_id_wall_posts_id_fk" FOREIGN KEY ("wall_post_id") REFERENCES "public"."wall_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_query_id_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_idea_key" ON "follows" USING btree ("idea_id","person_id") WHERE "follows"."idea_id" is not null;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_one_target" CHECK (num_nonnulls("follows"."content_id", "follows"."section_id", "follows"."group_id", "follows"."followed_person_id", "follows"."idea_id") = 1);