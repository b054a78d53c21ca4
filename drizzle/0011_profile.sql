ALTER TABLE "people" ADD COLUMN "job_title" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "organisation" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "work_phone" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "about" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "image_id" uuid;