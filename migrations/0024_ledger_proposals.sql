CREATE TABLE "ledger_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"base_version" integer NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"changes_sealed" text,
	"state" text NOT NULL,
	"version_at_receipt" integer NOT NULL,
	"applied_version" integer,
	"source" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"request_hash" text NOT NULL,
	"answer" jsonb NOT NULL,
	CONSTRAINT "ledger_proposals_kind_check" CHECK ("ledger_proposals"."kind" in ('household', 'person')),
	CONSTRAINT "ledger_proposals_state_check" CHECK ("ledger_proposals"."state" in ('applied', 'pending', 'conflict', 'approved', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "ledger_changes" ADD COLUMN "version" integer;--> statement-breakpoint
ALTER TABLE "ledger_proposals" ADD CONSTRAINT "ledger_proposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_proposals" ADD CONSTRAINT "ledger_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_proposals_grid_path_gist" ON "ledger_proposals" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "ledger_proposals_state_idx" ON "ledger_proposals" USING btree ("state","proposed_at");--> statement-breakpoint
CREATE INDEX "ledger_proposals_proposer_idx" ON "ledger_proposals" USING btree ("proposed_by","proposed_at");--> statement-breakpoint
CREATE INDEX "ledger_proposals_target_idx" ON "ledger_proposals" USING btree ("kind","target_id");