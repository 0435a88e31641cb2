CREATE TABLE "grid_lineage" (
	"id" uuid PRIMARY KEY NOT NULL,
	"predecessor_id" uuid NOT NULL,
	"successor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_lineage_kind_check" CHECK ("grid_lineage"."kind" in ('split', 'merge', 'recode'))
);
--> statement-breakpoint
CREATE TABLE "grid_post_photos" (
	"post_id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grid_lineage" ADD CONSTRAINT "grid_lineage_predecessor_id_grids_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_lineage" ADD CONSTRAINT "grid_lineage_successor_id_grids_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_post_photos" ADD CONSTRAINT "grid_post_photos_post_id_grid_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."grid_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grid_lineage_predecessor_idx" ON "grid_lineage" USING btree ("predecessor_id");--> statement-breakpoint
CREATE INDEX "grid_lineage_successor_idx" ON "grid_lineage" USING btree ("successor_id");