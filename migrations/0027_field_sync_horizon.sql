CREATE TABLE "field_sync_horizon" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"epoch" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pruned_tx" "xid8" DEFAULT '0'::xid8 NOT NULL,
	"pruned_at" timestamp with time zone,
	CONSTRAINT "field_sync_horizon_one_row" CHECK ("field_sync_horizon"."id" = 1)
);
--> statement-breakpoint
CREATE INDEX "field_changes_at_idx" ON "field_changes" USING btree ("at");