CREATE TABLE "campaign_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"label" text,
	"assignee_id" uuid,
	"state" text DEFAULT 'open' NOT NULL,
	"revisit_on" date,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_outcome_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "campaign_tasks_state_check" CHECK ("campaign_tasks"."state" in ('open', 'done', 'revisit', 'refused', 'moved', 'wrong_address'))
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"scope_path" "ltree" NOT NULL,
	"target" text NOT NULL,
	"form" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"task_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_target_check" CHECK ("campaigns"."target" in ('household', 'building', 'person')),
	CONSTRAINT "campaigns_state_check" CHECK ("campaigns"."state" in ('active', 'closed')),
	CONSTRAINT "campaigns_dates_check" CHECK ("campaigns"."starts_on" <= "campaigns"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "task_outcomes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"lon" double precision,
	"lat" double precision,
	"revisit_on" date,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"request_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_outcomes_outcome_check" CHECK ("task_outcomes"."outcome" in ('done', 'revisit', 'refused', 'moved', 'wrong_address'))
);
--> statement-breakpoint
ALTER TABLE "visits" ALTER COLUMN "membership_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "household_id" uuid;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "photos" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "distance_m" real;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "campaign_tasks" ADD CONSTRAINT "campaign_tasks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tasks" ADD CONSTRAINT "campaign_tasks_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tasks" ADD CONSTRAINT "campaign_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_outcomes" ADD CONSTRAINT "task_outcomes_task_id_campaign_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."campaign_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_outcomes" ADD CONSTRAINT "task_outcomes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_tasks_target_key" ON "campaign_tasks" USING btree ("campaign_id","target_id");--> statement-breakpoint
CREATE INDEX "campaign_tasks_assignee_idx" ON "campaign_tasks" USING btree ("assignee_id","state");--> statement-breakpoint
CREATE INDEX "campaign_tasks_grid_path_gist" ON "campaign_tasks" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "campaigns_scope_path_gist" ON "campaigns" USING gist ("scope_path");--> statement-breakpoint
CREATE INDEX "task_outcomes_task_idx" ON "task_outcomes" USING btree ("task_id","recorded_at");--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visits_household_idx" ON "visits" USING btree ("household_id","visited_at");--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_subject_check" CHECK ("visits"."membership_id" is not null or "visits"."household_id" is not null);