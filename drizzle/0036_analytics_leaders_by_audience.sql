ALTER TABLE "view_leader_days" ADD COLUMN "audience" text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE "view_leader_days" DROP CONSTRAINT "view_leader_days_kind_day_key_pk";--> statement-breakpoint
ALTER TABLE "view_leader_days" ADD CONSTRAINT "view_leader_days_kind_audience_day_key_pk" PRIMARY KEY("kind","audience","day","key");--> statement-breakpoint
ALTER TABLE "view_leader_days" ADD CONSTRAINT "view_leader_days_audience" CHECK ("view_leader_days"."audience" in ('all', 'organisational', 'external'));--> statement-breakpoint
-- Each audience's leaders for the days already counted, from the figures kept for every item, section and group (the first 100 a day, as the rollup keeps).
INSERT INTO "view_leader_days" ("day", "kind", "audience", "key", "views", "visitors")
SELECT "day", 'item', "audience"::text, "content_id"::text, "views", "visitors"
FROM (SELECT *, row_number() OVER (PARTITION BY "day", "audience" ORDER BY "views" DESC, "content_id") AS "place" FROM "view_item_days") "ranked"
WHERE "place" <= 100;--> statement-breakpoint
INSERT INTO "view_leader_days" ("day", "kind", "audience", "key", "views", "visitors")
SELECT "day", "scope", "audience"::text, "scope_key", "views", "visitors"
FROM (SELECT *, row_number() OVER (PARTITION BY "day", "scope", "audience" ORDER BY "views" DESC, "scope_key") AS "place" FROM "view_days" WHERE "scope" IN ('section', 'group')) "ranked"
WHERE "place" <= 100;--> statement-breakpoint
-- Searches that found nothing: each day's first 100 terms are kept, as the rollup now keeps them.
DELETE FROM "search_miss_days" "m" USING (
  SELECT "day", "term", row_number() OVER (PARTITION BY "day" ORDER BY "searches" DESC, "term") AS "place" FROM "search_miss_days"
) "ranked"
WHERE "ranked"."day" = "m"."day" AND "ranked"."term" = "m"."term" AND "ranked"."place" > 100;
