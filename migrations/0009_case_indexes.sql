CREATE INDEX "case_participants_department_idx" ON "case_participants" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "cases_reporter_idx" ON "cases" USING btree ("reporter_id");--> statement-breakpoint
CREATE INDEX "cases_reported_idx" ON "cases" USING btree ("reported_at","id");