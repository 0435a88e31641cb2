CREATE TABLE "case_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"catalogue" text NOT NULL,
	"parent_code" text,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"legacy" text[] DEFAULT '{}'::text[] NOT NULL,
	"standard" jsonb,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"edited" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_intake_keys" (
	"caller" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"case_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_intake_keys_caller_key_pk" PRIMARY KEY("caller","key")
);
--> statement-breakpoint
CREATE TABLE "case_routes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"category_prefix" text NOT NULL,
	"department_id" uuid,
	"level" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_routes_target_check" CHECK ("case_routes"."department_id" is not null or "case_routes"."level" is not null)
);
--> statement-breakpoint
CREATE TABLE "case_transitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"public_text" text,
	"private_note" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"location" geometry(Point, 4326),
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"no" text NOT NULL,
	"category_code" text NOT NULL,
	"nature" text,
	"source" text NOT NULL,
	"state" text NOT NULL,
	"suspended_from" text,
	"version" integer DEFAULT 1 NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"location" geometry(Point, 4326),
	"grid_id" uuid,
	"grid_path" "ltree",
	"level" text NOT NULL,
	"owner_path" "ltree",
	"department_id" uuid,
	"unowned_reason" text,
	"reporter_id" uuid,
	"tracking_token_hash" text,
	"deferred" boolean DEFAULT false NOT NULL,
	"accept_due" timestamp with time zone,
	"handle_due" timestamp with time zone,
	"verify_due" timestamp with time zone,
	"accept_overdue" boolean,
	"handle_overdue" boolean,
	"verify_overdue" boolean,
	"paused_ms" bigint DEFAULT 0 NOT NULL,
	"suspended_at" timestamp with time zone,
	"merged_into" uuid,
	"rating" integer,
	"reported_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_rating_check" CHECK ("cases"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "case_intake_keys" ADD CONSTRAINT "case_intake_keys_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_routes" ADD CONSTRAINT "case_routes_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transitions" ADD CONSTRAINT "case_transitions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transitions" ADD CONSTRAINT "case_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_code_case_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."case_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_routes_key" ON "case_routes" USING btree ("grid_path","category_prefix");--> statement-breakpoint
CREATE INDEX "case_transitions_case_idx" ON "case_transitions" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_no_key" ON "cases" USING btree ("no");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_tracking_key" ON "cases" USING btree ("tracking_token_hash");--> statement-breakpoint
CREATE INDEX "cases_grid_path_gist" ON "cases" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "cases_owner_path_gist" ON "cases" USING gist ("owner_path");--> statement-breakpoint
CREATE INDEX "cases_location_gist" ON "cases" USING gist ("location");--> statement-breakpoint
CREATE INDEX "cases_state_idx" ON "cases" USING btree ("state","reported_at");--> statement-breakpoint
CREATE INDEX "cases_department_idx" ON "cases" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at") WHERE delivered_at is null;--> statement-breakpoint
-- Tracking numbers: one sequence for every case (the number also carries the day).
CREATE SEQUENCE "case_no_seq";
