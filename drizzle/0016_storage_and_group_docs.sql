CREATE TABLE "unclaimed_objects" (
	"key" uuid PRIMARY KEY NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_file_versions" (
	"file_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"storage_key" uuid NOT NULL,
	"byte_size" integer NOT NULL,
	"mime_type" text NOT NULL,
	"uploader_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_file_versions_file_id_number_pk" PRIMARY KEY("file_id","number")
);
--> statement-breakpoint
CREATE TABLE "group_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" integer NOT NULL,
	"name" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"uploader_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "group_file_versions" ADD CONSTRAINT "group_file_versions_file_id_group_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."group_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_file_versions" ADD CONSTRAINT "group_file_versions_uploader_id_people_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_files" ADD CONSTRAINT "group_files_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_files" ADD CONSTRAINT "group_files_uploader_id_people_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unclaimed_objects_since_idx" ON "unclaimed_objects" USING btree ("since");--> statement-breakpoint
CREATE UNIQUE INDEX "group_file_versions_storage_key" ON "group_file_versions" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "group_files_group_idx" ON "group_files" USING btree ("group_id","updated_at" DESC NULLS LAST);