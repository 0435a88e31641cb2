CREATE TABLE "warnings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"scope_path" "ltree" NOT NULL,
	"dedup_key" text NOT NULL,
	"level" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"category_code" text,
	"location" geometry(Point, 4326),
	"inputs" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"reason" text,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_dedup_key" ON "warnings" USING btree ("dedup_key");--> statement-breakpoint
CREATE INDEX "warnings_scope_gist" ON "warnings" USING gist ("scope_path");--> statement-breakpoint
CREATE INDEX "warnings_open_idx" ON "warnings" USING btree ("created_at") WHERE "warnings"."state" = 'open';