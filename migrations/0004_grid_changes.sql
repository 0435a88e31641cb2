CREATE TABLE "grid_changes" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "grid_changes" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
-- Every statement that changes grids bumps the version once: serving nodes compare it with the
-- version their in-memory locator was built from.
CREATE FUNCTION grid_changes_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE grid_changes SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER grids_changed AFTER INSERT OR UPDATE OR DELETE ON grids
  FOR EACH STATEMENT EXECUTE FUNCTION grid_changes_bump();
