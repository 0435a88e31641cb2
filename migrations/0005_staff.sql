CREATE TABLE "department_grids" (
	"department_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	CONSTRAINT "department_grids_department_id_grid_id_pk" PRIMARY KEY("department_id","grid_id")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"contact_phone" text,
	"parent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_posts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"post" text NOT NULL,
	"user_id" uuid,
	"person_name" text,
	"work_phone" text,
	"duties" text,
	"valid_from" date DEFAULT now() NOT NULL,
	"valid_to" date,
	"role_grant_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_posts_holder_check" CHECK ("grid_posts"."user_id" is not null or "grid_posts"."person_name" is not null)
);
--> statement-breakpoint
ALTER TABLE "department_grids" ADD CONSTRAINT "department_grids_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_grids" ADD CONSTRAINT "department_grids_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_posts" ADD CONSTRAINT "grid_posts_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_posts" ADD CONSTRAINT "grid_posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_posts" ADD CONSTRAINT "grid_posts_role_grant_id_role_grants_id_fk" FOREIGN KEY ("role_grant_id") REFERENCES "public"."role_grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "departments_code_key" ON "departments" USING btree ("code");--> statement-breakpoint
CREATE INDEX "grid_posts_grid_idx" ON "grid_posts" USING btree ("grid_id");