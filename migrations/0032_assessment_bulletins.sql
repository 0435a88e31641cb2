CREATE TABLE "assessment_bulletins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scope_path" "ltree" NOT NULL,
	"period" text NOT NULL,
	"body" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"composed_by" uuid,
	"composed_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "assessment_bulletins" ADD CONSTRAINT "assessment_bulletins_composed_by_users_id_fk" FOREIGN KEY ("composed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_bulletins" ADD CONSTRAINT "assessment_bulletins_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_bulletins_key" ON "assessment_bulletins" USING btree ("scope_path","period");--> statement-breakpoint
CREATE INDEX "assessment_bulletins_scope_gist" ON "assessment_bulletins" USING gist ("scope_path");