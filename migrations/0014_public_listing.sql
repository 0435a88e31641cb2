ALTER TABLE "case_categories" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "publish_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Categories already in the database: the city-management matters a passer-by sees are public, as
-- the shipped catalogue sets them (categories/categories.public.ts); start-up keeps unedited rows in
-- step from then on.
UPDATE "case_categories" SET "is_public" = ("catalogue" = 'city' AND "code" NOT IN ('09001', '09003'));
