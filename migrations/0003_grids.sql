CREATE TABLE "grids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"path" "ltree" NOT NULL,
	"parent_id" uuid,
	"exclusive" boolean DEFAULT false NOT NULL,
	"sector" text,
	"boundary" geometry(MultiPolygon, 4326) NOT NULL,
	"households" integer,
	"population" integer,
	"responsible_unit" text,
	"valid_from" date DEFAULT now() NOT NULL,
	"valid_to" date,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grids_code_digits" CHECK ("grids"."code" ~ '^[0-9]+$'),
	CONSTRAINT "grids_sector_check" CHECK (("grids"."exclusive" and "grids"."sector" is not null) or (not "grids"."exclusive" and "grids"."sector" is null)),
	CONSTRAINT "grids_counts_check" CHECK (coalesce("grids"."households", 0) >= 0 and coalesce("grids"."population", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_parent_id_grids_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grids_code_key" ON "grids" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "grids_path_key" ON "grids" USING btree ("path");--> statement-breakpoint
CREATE INDEX "grids_path_gist" ON "grids" USING gist ("path");--> statement-breakpoint
CREATE INDEX "grids_boundary_gist" ON "grids" USING gist ("boundary");--> statement-breakpoint
CREATE INDEX "grids_parent_idx" ON "grids" USING btree ("parent_id");