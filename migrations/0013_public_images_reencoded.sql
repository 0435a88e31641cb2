ALTER TABLE "grid_post_photos" ADD COLUMN "reencoded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The public copies made by stripping segments by hand kept JPEG comments and unknown segments, and a
-- photo judged to have no metadata had none: forget them all, so each photo's copy is encoded anew
-- from its pixels the first time it is served (the files stay under their hashes, harmless).
UPDATE "case_attachments" SET "public_path" = NULL WHERE "content_type" LIKE 'image/%';
