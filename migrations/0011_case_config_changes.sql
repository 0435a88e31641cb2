CREATE TABLE "case_config_changes" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "case_config_changes" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
-- Every statement that changes categories or routing rules bumps the version once: intake compares
-- it with the version of its in-memory copy (config/config.cache.ts) inside its own statement.
CREATE FUNCTION case_config_changes_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_config_changes SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_categories_changed AFTER INSERT OR UPDATE OR DELETE ON case_categories
  FOR EACH STATEMENT EXECUTE FUNCTION case_config_changes_bump();
--> statement-breakpoint
CREATE TRIGGER case_routes_changed AFTER INSERT OR UPDATE OR DELETE ON case_routes
  FOR EACH STATEMENT EXECUTE FUNCTION case_config_changes_bump();
