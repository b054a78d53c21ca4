ALTER TABLE "sessions" ADD COLUMN "viewing_as_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "viewing_as_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_viewing_as_id_people_id_fk" FOREIGN KEY ("viewing_as_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;