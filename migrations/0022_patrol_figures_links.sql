ALTER TABLE "cases" ADD COLUMN "patrol_id" uuid;--> statement-breakpoint
ALTER TABLE "compliance_days" ADD COLUMN "rules" jsonb;--> statement-breakpoint
ALTER TABLE "patrols" ADD COLUMN "gaps" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_patrol_idx" ON "cases" USING btree ("patrol_id") WHERE patrol_id is not null;--> statement-breakpoint
CREATE INDEX "patrols_started_idx" ON "patrols" USING btree ("started_at");