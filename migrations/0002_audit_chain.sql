-- The audit trail is append-only and hash-chained (see src/modules/audit/README.md).

-- The content a row's hash covers: every column but the chain's own, in a fixed order and format.
CREATE FUNCTION audit_row_digest(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(
    r.id, (extract(epoch FROM r.at) * 1000000)::bigint, r.actor_type, r.actor_id, r.actor_name, r.action,
    r.resource_type, r.resource_id, r.ip, r.request_id, r.summary
  )::text
$$;
--> statement-breakpoint
CREATE FUNCTION audit_chain_hash(prev_hash text, r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || audit_row_digest(r), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Rows come in unsealed; only the sealer's one update (setting seq, prev_hash, hash on an unsealed row,
-- nothing else) gets through. Everything else is refused.
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.seq := NULL; NEW.prev_hash := NULL; NEW.hash := NULL;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate();
--> statement-breakpoint
-- Seals up to max_rows unsealed rows in id order after the last sealed one. One sealer at a time
-- (advisory lock); a row whose transaction commits late is simply sealed by a later call.
CREATE FUNCTION audit_seal(max_rows int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  r audit_log;
  n int := 0;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('wangge.audit_seal')) THEN
    RETURN 0;
  END IF;
  SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
  last_seq := coalesce(last_seq, 0);
  last_hash := coalesce(last_hash, repeat('0', 64));
  FOR r IN SELECT * FROM audit_log a WHERE a.seq IS NULL ORDER BY a.id LIMIT max_rows LOOP
    last_seq := last_seq + 1;
    UPDATE audit_log SET seq = last_seq, prev_hash = last_hash, hash = audit_chain_hash(last_hash, r)
      WHERE id = r.id RETURNING hash INTO last_hash;
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;
