CREATE TYPE "public"."content_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."content_type" AS ENUM('news', 'policy', 'page', 'blog', 'event', 'poll');--> statement-breakpoint
CREATE TYPE "public"."group_visibility" AS ENUM('public', 'private', 'secret');--> statement-breakpoint
CREATE TYPE "public"."audience" AS ENUM('organisational', 'external');--> statement-breakpoint
CREATE TYPE "public"."global_role" AS ENUM('webmaster');--> statement-breakpoint
CREATE TYPE "public"."section_role" AS ENUM('manager', 'editor', 'author');--> statement-breakpoint
CREATE TABLE "content" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_key" text,
	"type" "content_type" NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"status" "content_status" DEFAULT 'draft' NOT NULL,
	"author_id" uuid NOT NULL,
	"home_section_id" integer,
	"home_group_id" integer,
	"event_starts_at" timestamp with time zone,
	"event_ends_at" timestamp with time zone,
	"event_place" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "content_one_home" CHECK (("content"."home_section_id" is null) <> ("content"."home_group_id" is null)),
	CONSTRAINT "content_event_ends_after_start" CHECK ("content"."event_ends_at" is null or "content"."event_ends_at" >= "content"."event_starts_at")
);
--> statement-breakpoint
CREATE TABLE "content_shares" (
	"content_id" uuid NOT NULL,
	"section_id" integer NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_shares_content_id_section_id_pk" PRIMARY KEY("content_id","section_id")
);
--> statement-breakpoint
CREATE TABLE "poll_options" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poll_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"content_id" uuid NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_votes" (
	"content_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"option_id" integer NOT NULL,
	"voted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_votes_content_id_person_id_pk" PRIMARY KEY("content_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	CONSTRAINT "group_members_group_id_person_id_pk" PRIMARY KEY("group_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"visibility" "group_visibility" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "locations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"audience" "audience" NOT NULL,
	"roles" "global_role"[] DEFAULT '{}'::global_role[] NOT NULL,
	"password_hash" text,
	"blocked" boolean DEFAULT false NOT NULL,
	"authorised_at" timestamp with time zone,
	"welcome_sent_at" timestamp with time zone,
	"last_access_at" timestamp with time zone,
	"sessions_valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"mobile" text,
	"location_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sign_in_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"bucket" text NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "section_closure" (
	"ancestor_id" integer NOT NULL,
	"descendant_id" integer NOT NULL,
	"depth" integer NOT NULL,
	CONSTRAINT "section_closure_ancestor_id_descendant_id_pk" PRIMARY KEY("ancestor_id","descendant_id")
);
--> statement-breakpoint
CREATE TABLE "section_member_people" (
	"section_id" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "section_member_people_section_id_person_id_pk" PRIMARY KEY("section_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "section_member_teams" (
	"section_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"include_children" boolean DEFAULT false NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "section_member_teams_section_id_team_id_pk" PRIMARY KEY("section_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "section_roles" (
	"section_id" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "section_role" NOT NULL,
	CONSTRAINT "section_roles_section_id_person_id_role_pk" PRIMARY KEY("section_id","person_id","role")
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" integer,
	"restricted" boolean DEFAULT false NOT NULL,
	"effectively_restricted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_closure" (
	"ancestor_id" integer NOT NULL,
	"descendant_id" integer NOT NULL,
	"depth" integer NOT NULL,
	CONSTRAINT "team_closure_ancestor_id_descendant_id_pk" PRIMARY KEY("ancestor_id","descendant_id")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	CONSTRAINT "team_members_team_id_person_id_pk" PRIMARY KEY("team_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" integer
);
--> statement-breakpoint
ALTER TABLE "content" ADD CONSTRAINT "content_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content" ADD CONSTRAINT "content_home_section_id_sections_id_fk" FOREIGN KEY ("home_section_id") REFERENCES "public"."sections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content" ADD CONSTRAINT "content_home_group_id_groups_id_fk" FOREIGN KEY ("home_group_id") REFERENCES "public"."groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_shares" ADD CONSTRAINT "content_shares_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_shares" ADD CONSTRAINT "content_shares_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_option_id_poll_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."poll_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_closure" ADD CONSTRAINT "section_closure_ancestor_id_sections_id_fk" FOREIGN KEY ("ancestor_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_closure" ADD CONSTRAINT "section_closure_descendant_id_sections_id_fk" FOREIGN KEY ("descendant_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_member_people" ADD CONSTRAINT "section_member_people_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_member_people" ADD CONSTRAINT "section_member_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_member_teams" ADD CONSTRAINT "section_member_teams_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_member_teams" ADD CONSTRAINT "section_member_teams_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_roles" ADD CONSTRAINT "section_roles_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_roles" ADD CONSTRAINT "section_roles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_parent_id_sections_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."sections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_closure" ADD CONSTRAINT "team_closure_ancestor_id_teams_id_fk" FOREIGN KEY ("ancestor_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_closure" ADD CONSTRAINT "team_closure_descendant_id_teams_id_fk" FOREIGN KEY ("descendant_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_parent_id_teams_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "content_import_key_key" ON "content" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "content_home_section_published_idx" ON "content" USING btree ("home_section_id","published_at" DESC NULLS LAST) WHERE "content"."status" = 'published';--> statement-breakpoint
CREATE INDEX "content_published_idx" ON "content" USING btree ("published_at" DESC NULLS LAST) WHERE "content"."status" = 'published';--> statement-breakpoint
CREATE INDEX "content_home_group_idx" ON "content" USING btree ("home_group_id");--> statement-breakpoint
CREATE INDEX "content_author_idx" ON "content" USING btree ("author_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "content_shares_section_idx" ON "content_shares" USING btree ("section_id","content_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_options_content_position_key" ON "poll_options" USING btree ("content_id","position");--> statement-breakpoint
CREATE INDEX "poll_votes_option_idx" ON "poll_votes" USING btree ("option_id");--> statement-breakpoint
CREATE INDEX "group_members_person_idx" ON "group_members" USING btree ("person_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "groups_slug_key" ON "groups" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "groups_visibility_idx" ON "groups" USING btree ("visibility");--> statement-breakpoint
CREATE UNIQUE INDEX "locations_key_key" ON "locations" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_lower_key" ON "people" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "people_location_idx" ON "people" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "people_audience_idx" ON "people" USING btree ("audience");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("name");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_bucket_idx" ON "sign_in_attempts" USING btree ("bucket","attempted_at");--> statement-breakpoint
CREATE INDEX "section_closure_descendant_idx" ON "section_closure" USING btree ("descendant_id","ancestor_id");--> statement-breakpoint
CREATE INDEX "section_member_people_person_idx" ON "section_member_people" USING btree ("person_id","section_id");--> statement-breakpoint
CREATE INDEX "section_member_teams_team_idx" ON "section_member_teams" USING btree ("team_id","section_id");--> statement-breakpoint
CREATE INDEX "section_roles_person_idx" ON "section_roles" USING btree ("person_id","section_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sections_slug_key" ON "sections" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "sections_parent_idx" ON "sections" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "sections_open_idx" ON "sections" USING btree ("id") WHERE not "sections"."effectively_restricted";--> statement-breakpoint
CREATE INDEX "team_closure_descendant_idx" ON "team_closure" USING btree ("descendant_id","ancestor_id");--> statement-breakpoint
CREATE INDEX "team_members_person_idx" ON "team_members" USING btree ("person_id","team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_key_key" ON "teams" USING btree ("key");--> statement-breakpoint
CREATE INDEX "teams_parent_idx" ON "teams" USING btree ("parent_id");