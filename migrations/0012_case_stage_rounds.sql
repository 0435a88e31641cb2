ALTER TABLE "cases" ADD COLUMN "stage_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "stage_paused_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written: the running round of each open case as the supervision sweep found it from the
-- timeline before the round was kept on the case (a suspended case by the state it left).
UPDATE "cases" c SET "stage_started_at" = CASE coalesce(c."suspended_from", c."state")
  WHEN 'reported' THEN c."reported_at"
  WHEN 'handled' THEN c."handled_at"
  ELSE coalesce((SELECT max(t."at") FROM "case_transitions" t WHERE t."case_id" = c."id"
    AND t."from_state" IN ('reported', 'handled', 'verified', 'closed')
    AND t."to_state" IN ('accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated')), c."accepted_at")
END
WHERE c."state" NOT IN ('closed', 'rejected', 'merged', 'voided', 'verified');--> statement-breakpoint
UPDATE "cases" c SET "stage_paused_ms" = coalesce((SELECT sum((t."data"->>'pausedMs')::bigint)
  FROM "case_transitions" t WHERE t."case_id" = c."id" AND t."action" = 'resume' AND t."at" >= c."stage_started_at"), 0)
WHERE c."stage_started_at" IS NOT NULL;
