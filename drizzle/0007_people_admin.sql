CREATE TABLE "welcome_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "people_name_idx";--> statement-breakpoint
ALTER TABLE "welcome_links" ADD CONSTRAINT "welcome_links_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "welcome_links_person_idx" ON "welcome_links" USING btree ("person_id") WHERE used_at is null and superseded_at is null;--> statement-breakpoint
CREATE INDEX "people_name_id_idx" ON "people" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "people_last_access_idx" ON "people" USING btree ("last_access_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "people_blocked_name_idx" ON "people" USING btree ("name","id") WHERE blocked;--> statement-breakpoint
CREATE INDEX "people_unauthorised_name_idx" ON "people" USING btree ("name","id") WHERE authorised_at is null and not blocked;