CREATE TABLE "building_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"building_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"road" text,
	"number" text,
	"estate" text,
	"use" text,
	"floors" integer,
	"point" geometry(Point, 4326) NOT NULL,
	"footprint" geometry(MultiPolygon, 4326),
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_subjects" (
	"case_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_subjects_case_id_subject_type_subject_id_pk" PRIMARY KEY("case_id","subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "device_status_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"owner_organization_id" uuid,
	"point" geometry(Point, 4326),
	"status" text DEFAULT 'normal' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"scale" text NOT NULL,
	"summary" text NOT NULL,
	"parties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mediation_method" text,
	"mediator" text,
	"deadline" date,
	"outcome" text,
	"resolved_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"group_code" text NOT NULL,
	"sub_kind" text,
	"attention" integer DEFAULT 1 NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"responsible_user_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes_sealed" text,
	"next_visit_due" date,
	"escalated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_memberships_attention_check" CHECK ("group_memberships"."attention" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"household_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"from_date" date DEFAULT now() NOT NULL,
	"to_date" date,
	CONSTRAINT "household_members_household_id_person_id_pk" PRIMARY KEY("household_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"number" text,
	"room_id" uuid,
	"head_person_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_rotations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"target_key_id" text NOT NULL,
	"status" text NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"failure" text,
	"rows_done" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_codes" (
	"code_table" text NOT NULL,
	"code" text NOT NULL,
	"zh" text NOT NULL,
	"en" text NOT NULL,
	"parent_code" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"shipped" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ledger_codes_code_table_code_pk" PRIMARY KEY("code_table","code")
);
--> statement-breakpoint
CREATE TABLE "ledger_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_type" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"user_id" uuid NOT NULL,
	"grid_path" "ltree",
	"file_name" text NOT NULL,
	"upload" "bytea",
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_created" integer DEFAULT 0 NOT NULL,
	"rows_updated" integer DEFAULT 0 NOT NULL,
	"rows_failed" integer DEFAULT 0 NOT NULL,
	"error_report" "bytea",
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"legal_representative" text,
	"contact_phone_sealed" text,
	"building_id" uuid,
	"address" text,
	"point" geometry(Point, 4326),
	"staff_count" integer,
	"parent_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number_sealed" text,
	"id_number_bidx" text,
	"name" text NOT NULL,
	"former_name" text,
	"sex" text,
	"birth_date" date,
	"ethnicity" text,
	"native_place" text,
	"marital_status" text,
	"political_status" text,
	"education" text,
	"occupation" text,
	"workplace" text,
	"phone_sealed" text,
	"phone_bidx" text,
	"registered_address_sealed" text,
	"current_address_sealed" text,
	"lives_where_registered" boolean,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"erased_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_kind_check" CHECK ("people"."kind" in ('registered', 'floating', 'foreign'))
);
--> statement-breakpoint
CREATE TABLE "rentals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"landlord_person_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"purpose" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"rental_id" uuid,
	"from_date" date NOT NULL,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residences_dates_check" CHECK ("residences"."to_date" is null or "residences"."to_date" >= "residences"."from_date")
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"building_id" uuid NOT NULL,
	"unit_id" uuid,
	"number" text NOT NULL,
	"floor" integer,
	"house_category" text,
	"ownership" text,
	"house_use" text,
	"area" numeric(9, 2),
	"owner_person_id" uuid,
	"occupancy" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_policies" (
	"group_code" text NOT NULL,
	"min_attention" integer DEFAULT 1 NOT NULL,
	"every_days" integer NOT NULL,
	CONSTRAINT "visit_policies_group_code_min_attention_pk" PRIMARY KEY("group_code","min_attention"),
	CONSTRAINT "visit_policies_days_check" CHECK ("visit_policies"."every_days" between 1 and 366)
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"membership_id" uuid NOT NULL,
	"visitor_id" uuid NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"place" geometry(Point, 4326),
	"outcome" text NOT NULL,
	"notes_sealed" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "building_units" ADD CONSTRAINT "building_units_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_subjects" ADD CONSTRAINT "case_subjects_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_status_changes" ADD CONSTRAINT "device_status_changes_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_status_changes" ADD CONSTRAINT "device_status_changes_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_head_person_id_people_id_fk" FOREIGN KEY ("head_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_imports" ADD CONSTRAINT "ledger_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_id_organizations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rentals" ADD CONSTRAINT "rentals_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rentals" ADD CONSTRAINT "rentals_landlord_person_id_people_id_fk" FOREIGN KEY ("landlord_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residences" ADD CONSTRAINT "residences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residences" ADD CONSTRAINT "residences_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residences" ADD CONSTRAINT "residences_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_unit_id_building_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."building_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_membership_id_group_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."group_memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_visitor_id_users_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "building_units_name_key" ON "building_units" USING btree ("building_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_grid_code_key" ON "buildings" USING btree ("grid_id","code");--> statement-breakpoint
CREATE INDEX "buildings_grid_path_gist" ON "buildings" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "buildings_point_gist" ON "buildings" USING gist ("point");--> statement-breakpoint
CREATE INDEX "case_subjects_subject_idx" ON "case_subjects" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "device_status_changes_device_idx" ON "device_status_changes" USING btree ("device_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_code_key" ON "devices" USING btree ("code");--> statement-breakpoint
CREATE INDEX "devices_grid_path_gist" ON "devices" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "disputes_grid_path_gist" ON "disputes" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "group_memberships_person_idx" ON "group_memberships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "group_memberships_grid_path_gist" ON "group_memberships" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "group_memberships_due_idx" ON "group_memberships" USING btree ("next_visit_due");--> statement-breakpoint
CREATE INDEX "household_members_person_idx" ON "household_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "households_grid_path_gist" ON "households" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "key_rotations_started_idx" ON "key_rotations" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "ledger_changes_record_idx" ON "ledger_changes" USING btree ("record_type","record_id","at");--> statement-breakpoint
CREATE INDEX "ledger_imports_user_idx" ON "ledger_imports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_credit_code_key" ON "organizations" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "organizations_grid_path_gist" ON "organizations" USING gist ("grid_path");--> statement-breakpoint
CREATE UNIQUE INDEX "people_id_number_bidx_key" ON "people" USING btree ("id_number_bidx");--> statement-breakpoint
CREATE INDEX "people_phone_bidx_idx" ON "people" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "people_grid_path_gist" ON "people" USING gist ("grid_path");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "rentals_room_idx" ON "rentals" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "residences_person_idx" ON "residences" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "residences_room_idx" ON "residences" USING btree ("room_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_number_key" ON "rooms" USING btree ("building_id",coalesce("unit_id"::text, ''),"number");--> statement-breakpoint
CREATE INDEX "rooms_building_idx" ON "rooms" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "visits_membership_idx" ON "visits" USING btree ("membership_id","visited_at");