CREATE TABLE "field_changes" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "field_changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tx" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"kind" text NOT NULL,
	"id" uuid NOT NULL,
	"old_path" "ltree",
	"new_path" "ltree",
	"deleted" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_changes_kind_check" CHECK ("field_changes"."kind" in ('building', 'household', 'person'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"caller" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_caller_key_pk" PRIMARY KEY("caller","key")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "kind" text DEFAULT 'browser' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "device_name" text;--> statement-breakpoint
CREATE INDEX "field_changes_tx_idx" ON "field_changes" USING btree ("tx","seq");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_kind_check" CHECK ("sessions"."kind" in ('browser', 'device'));--> statement-breakpoint
-- Hand-written: the field app's change log, filled by statement triggers on what the phone keeps.
-- An update is logged when the record's version or grid moved (not when a key rotation re-seals it);
-- a person's change also refreshes their current household (its view shows the members masked).
CREATE FUNCTION field_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO field_changes (kind, id, new_path) SELECT TG_ARGV[0], n.id, n.grid_path FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO field_changes (kind, id, old_path, deleted) SELECT TG_ARGV[0], o.id, o.grid_path, true FROM old_rows o;
  ELSE
    INSERT INTO field_changes (kind, id, old_path, new_path)
      SELECT TG_ARGV[0], n.id, o.grid_path, n.grid_path FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.version <> o.version OR n.grid_path <> o.grid_path;
    IF TG_ARGV[0] = 'person' THEN
      INSERT INTO field_changes (kind, id, old_path, new_path)
        SELECT DISTINCT 'household', h.id, h.grid_path, h.grid_path
        FROM new_rows n JOIN old_rows o ON o.id = n.id
          JOIN household_members m ON m.person_id = n.id AND m.to_date IS NULL
          JOIN households h ON h.id = m.household_id
        WHERE n.version <> o.version;
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER buildings_field_insert AFTER INSERT ON buildings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('building');
--> statement-breakpoint
CREATE TRIGGER buildings_field_update AFTER UPDATE ON buildings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('building');
--> statement-breakpoint
CREATE TRIGGER buildings_field_delete AFTER DELETE ON buildings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('building');
--> statement-breakpoint
CREATE TRIGGER households_field_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('household');
--> statement-breakpoint
CREATE TRIGGER households_field_update AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('household');
--> statement-breakpoint
CREATE TRIGGER households_field_delete AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('household');
--> statement-breakpoint
CREATE TRIGGER people_field_insert AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('person');
--> statement-breakpoint
CREATE TRIGGER people_field_update AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('person');
--> statement-breakpoint
CREATE TRIGGER people_field_delete AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION field_log_changes('person');
