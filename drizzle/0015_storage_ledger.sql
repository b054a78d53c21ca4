CREATE TABLE "unclaimed_objects" (
	"key" uuid PRIMARY KEY NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "unclaimed_objects_since_idx" ON "unclaimed_objects" USING btree ("since");