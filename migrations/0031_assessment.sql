CREATE TABLE "assessment_marks" (
	"scheme_id" uuid NOT NULL,
	"period" text NOT NULL,
	"subject_key" text NOT NULL,
	"kind" text NOT NULL,
	"score" real NOT NULL,
	"note" text,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_marks_scheme_id_period_subject_key_kind_pk" PRIMARY KEY("scheme_id","period","subject_key","kind")
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"run_id" uuid NOT NULL,
	"subject_key" text NOT NULL,
	"subject_name" text NOT NULL,
	"grid_path" "ltree" NOT NULL,
	"grid_name" text NOT NULL,
	"counts" jsonb NOT NULL,
	"values" jsonb NOT NULL,
	"points" jsonb NOT NULL,
	"bonus" real NOT NULL,
	"score" real NOT NULL,
	"stars" integer NOT NULL,
	"rank" integer NOT NULL,
	"previous_rank" integer,
	"list" text,
	"subsidy" jsonb,
	CONSTRAINT "assessment_results_run_id_subject_key_pk" PRIMARY KEY("run_id","subject_key")
);
--> statement-breakpoint
CREATE TABLE "assessment_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"scheme_version" integer NOT NULL,
	"scheme" jsonb NOT NULL,
	"scope_path" "ltree" NOT NULL,
	"period" text NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"data_version" text NOT NULL,
	"state" text DEFAULT 'computed' NOT NULL,
	"computed_by" uuid,
	"computed_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"subject" text NOT NULL,
	"level" text,
	"body" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_schemes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "assessment_marks" ADD CONSTRAINT "assessment_marks_scheme_id_assessment_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_marks" ADD CONSTRAINT "assessment_marks_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_run_id_assessment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."assessment_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_scheme_id_assessment_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_computed_by_users_id_fk" FOREIGN KEY ("computed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_results_grid_gist" ON "assessment_results" USING gist ("grid_path");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_runs_key" ON "assessment_runs" USING btree ("scheme_id","scope_path","period");