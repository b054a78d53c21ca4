CREATE TABLE "calendar_feeds" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"seed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "content_events_span_idx" ON "content" USING gist (tstzrange("event_starts_at", coalesce("event_ends_at", "event_starts_at"), '[]')) WHERE "content"."type" = 'event' and "content"."status" = 'published' and "content"."event_starts_at" is not null;--> statement-breakpoint
CREATE INDEX "content_events_start_idx" ON "content" USING btree ("event_starts_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "content"."type" = 'event' and "content"."status" = 'published' and "content"."event_starts_at" is not null;