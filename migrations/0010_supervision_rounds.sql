DROP INDEX "supervision_notices_once";--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD COLUMN "round_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: notices the sweep issued before rounds were kept belong to the round they were issued
-- in (as cases.sweep.ts finds rounds), so the sweep does not issue them again. Report-in notices were
-- per case; each department still late gets its own notice once.
UPDATE "supervision_notices" n SET "round_started_at" = CASE n."stage"
  WHEN 'accept' THEN c."reported_at"
  WHEN 'handle' THEN coalesce((SELECT max(t."at") FROM "case_transitions" t WHERE t."case_id" = n."case_id"
    AND t."at" <= n."issued_at" AND t."from_state" IN ('reported', 'handled', 'verified', 'closed')
    AND t."to_state" IN ('accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated')), c."accepted_at")
  WHEN 'verify' THEN coalesce((SELECT max(t."at") FROM "case_transitions" t WHERE t."case_id" = n."case_id"
    AND t."at" <= n."issued_at" AND t."action" = 'handle'), c."handled_at")
END
FROM "cases" c WHERE c."id" = n."case_id" AND n."issued_by" IS NULL AND n."stage" <> 'report_in';--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_notices_department_once" ON "supervision_notices" USING btree ("case_id","department_id","stage","grade","round_started_at") WHERE "supervision_notices"."issued_by" is null and "supervision_notices"."department_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_notices_once" ON "supervision_notices" USING btree ("case_id","stage","grade","round_started_at") WHERE "supervision_notices"."issued_by" is null and "supervision_notices"."department_id" is null;