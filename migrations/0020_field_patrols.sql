CREATE TABLE "compliance_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"grid_path" "ltree",
	"patrols" integer NOT NULL,
	"patrol_s" integer NOT NULL,
	"in_grid_s" integer NOT NULL,
	"work_s" integer NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"patrols_met" boolean NOT NULL,
	"in_grid_met" boolean NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "latest_positions" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"accuracy_m" real,
	"patrol_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_checkpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"name" text NOT NULL,
	"location" geometry(Point, 4326) NOT NULL,
	"radius_m" integer DEFAULT 50 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_rules" (
	"level" text PRIMARY KEY NOT NULL,
	"min_patrols_per_day" integer NOT NULL,
	"min_in_grid_share" real NOT NULL,
	"coverage_radius_m" integer NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patrol_rules_share_check" CHECK ("patrol_rules"."min_in_grid_share" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "patrols" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"grid_id" uuid,
	"grid_path" "ltree",
	"source" text NOT NULL,
	"tracker_id" uuid,
	"state" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"point_count" integer,
	"distance_m" double precision,
	"duration_s" integer,
	"in_grid_s" integer,
	"gap_s" integer,
	"coverage" real,
	"buildings_passed" integer,
	"buildings_total" integer,
	"checkpoints_reached" jsonb,
	"flags" jsonb,
	"track" geometry(MultiLineString, 4326),
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patrols_state_check" CHECK ("patrols"."state" in ('running', 'ended')),
	CONSTRAINT "patrols_source_check" CHECK ("patrols"."source" in ('app', 'tracker'))
);
--> statement-breakpoint
CREATE TABLE "track_points" (
	"stream_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"user_id" uuid NOT NULL,
	"patrol_id" uuid,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"accuracy_m" real,
	"mocked" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "track_points_stream_id_seq_recorded_at_pk" PRIMARY KEY("stream_id","seq","recorded_at")
) PARTITION BY RANGE ("recorded_at");
--> statement-breakpoint
CREATE TABLE "trackers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"user_id" uuid,
	"bound_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compliance_days" ADD CONSTRAINT "compliance_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "latest_positions" ADD CONSTRAINT "latest_positions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkpoints" ADD CONSTRAINT "patrol_checkpoints_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_tracker_id_trackers_id_fk" FOREIGN KEY ("tracker_id") REFERENCES "public"."trackers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trackers" ADD CONSTRAINT "trackers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compliance_days_grid_path_gist" ON "compliance_days" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "patrol_checkpoints_grid_path_gist" ON "patrol_checkpoints" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "patrols_user_started_idx" ON "patrols" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "patrols_grid_path_gist" ON "patrols" USING gist ("grid_path");--> statement-breakpoint
CREATE UNIQUE INDEX "patrols_running_tracker_key" ON "patrols" USING btree ("tracker_id") WHERE state = 'running';--> statement-breakpoint
CREATE INDEX "track_points_user_time_idx" ON "track_points" USING btree ("user_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trackers_code_key" ON "trackers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "trackers_user_idx" ON "trackers" USING btree ("user_id");