CREATE TABLE "field_photos" (
	"sha256" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"taken_by" uuid NOT NULL,
	"owner_paths" "ltree"[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "field_photos" ADD CONSTRAINT "field_photos_taken_by_users_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "field_photos_taken_by_idx" ON "field_photos" USING btree ("taken_by");