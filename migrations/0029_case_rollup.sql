CREATE TABLE "case_rollup" (
	"node" "ltree" NOT NULL,
	"parent" "ltree",
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"filed" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"reworked" integer DEFAULT 0 NOT NULL,
	"extended" integer DEFAULT 0 NOT NULL,
	"deferred" integer DEFAULT 0 NOT NULL,
	"handling_seconds" double precision DEFAULT 0 NOT NULL,
	"handling_n" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"accepted_n" integer DEFAULT 0 NOT NULL,
	"closed_n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_rollup_node_dim_day_value_pk" PRIMARY KEY("node","dim","day","value")
);
--> statement-breakpoint
CREATE TABLE "case_rollup_queue" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"sign" smallint NOT NULL,
	"grid_path" "ltree",
	"category_code" text NOT NULL,
	"source" text NOT NULL,
	"state" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"deferred" boolean NOT NULL,
	"handle_overdue" boolean,
	"rating" integer,
	"reworked" boolean NOT NULL,
	"extended" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reworked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "extended" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "case_rollup_parent_idx" ON "case_rollup" USING btree ("parent","dim","day") WHERE "case_rollup"."parent" is not null;--> statement-breakpoint
-- Hand-written from here: the rollup's contributions, the triggers that queue them, the flags the
-- indicators need on the case row, and the rollup of the cases already there.
-- One case's contribution to the rollup, with `sign` +1 (its facts now) or -1 (its facts before):
-- for the root '' and each ancestor down to depth 3, for `all` and its category, source and state,
-- the cohort counts on the day it was reported, and one accepted or closed on the day that happened.
CREATE FUNCTION case_rollup_rows(
  sign int, grid_path ltree, category_code text, source text, state text, reported_at timestamptz,
  accepted_at timestamptz, handled_at timestamptz, closed_at timestamptz, deferred boolean,
  handle_overdue boolean, rating int, reworked boolean, extended boolean
) RETURNS TABLE (
  node ltree, parent ltree, dim text, value text, day date, received int, filed int, due int,
  closed int, on_time int, handled int, reworked_n int, extended_n int, deferred_n int,
  handling_seconds float8, handling_n int, rated int, rating_sum int, satisfied int, accepted_n int,
  closed_n int
) LANGUAGE sql IMMUTABLE AS $$
  SELECT n.node, n.parent, d.dim, d.value, k.day,
    sign * k.cohort,
    sign * k.cohort * v.filed,
    sign * k.cohort * v.due,
    sign * k.cohort * v.closed,
    sign * k.cohort * v.on_time,
    sign * k.cohort * v.handled,
    sign * k.cohort * reworked::int,
    sign * k.cohort * v.filed * extended::int,
    sign * k.cohort * v.filed * deferred::int,
    sign * k.cohort * v.handling_seconds,
    sign * k.cohort * v.handling_n,
    sign * k.cohort * (rating IS NOT NULL)::int,
    sign * k.cohort * coalesce(rating, 0),
    sign * k.cohort * (coalesce(rating, 0) >= 4)::int,
    sign * k.accepted,
    sign * k.closed
  FROM (
    SELECT f.filed,
      f.filed * (NOT deferred)::int AS due,
      f.filed * (NOT deferred AND state = 'closed')::int AS closed,
      f.filed * (NOT deferred AND state = 'closed' AND NOT coalesce(handle_overdue, false))::int AS on_time,
      (handled_at IS NOT NULL)::int AS handled,
      coalesce(extract(epoch FROM handled_at - accepted_at)::float8, 0) AS handling_seconds,
      (handled_at IS NOT NULL AND accepted_at IS NOT NULL)::int AS handling_n
    FROM (SELECT (accepted_at IS NOT NULL AND state NOT IN ('rejected', 'voided', 'merged'))::int AS filed) f
  ) v,
  LATERAL (
    SELECT CASE WHEN i = 0 THEN ''::ltree ELSE subpath(grid_path, 0, i) END AS node,
      CASE WHEN i = 0 THEN NULL WHEN i = 1 THEN ''::ltree ELSE subpath(grid_path, 0, i - 1) END AS parent
    FROM generate_series(0, least(coalesce(nlevel(grid_path), 0), 3)) i
  ) n,
  (VALUES ('all', ''), ('category', category_code), ('source', source), ('state', state)) d(dim, value),
  LATERAL (VALUES
    ((reported_at AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0),
    ((accepted_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 1, 0),
    ((closed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, 1)
  ) k(day, cohort, accepted, closed)
  WHERE k.day IS NOT NULL
$$;
--> statement-breakpoint
-- Queues the changed cases' facts: after (+1), and before (-1) when an update touched what the rollup counts.
CREATE FUNCTION case_rollup_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_rollup_queue (sign,
        grid_path, category_code, source, state, reported_at, accepted_at, handled_at, closed_at,
        deferred, handle_overdue, rating, reworked, extended)
      SELECT 1,
        n.grid_path, n.category_code, n.source, n.state, n.reported_at, n.accepted_at, n.handled_at,
        n.closed_at, n.deferred, n.handle_overdue, n.rating, n.reworked, n.extended
      FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_rollup_queue (sign,
        grid_path, category_code, source, state, reported_at, accepted_at, handled_at, closed_at,
        deferred, handle_overdue, rating, reworked, extended)
      SELECT -1,
        o.grid_path, o.category_code, o.source, o.state, o.reported_at, o.accepted_at, o.handled_at,
        o.closed_at, o.deferred, o.handle_overdue, o.rating, o.reworked, o.extended
      FROM old_rows o;
  ELSE
    INSERT INTO case_rollup_queue (sign,
        grid_path, category_code, source, state, reported_at, accepted_at, handled_at, closed_at,
        deferred, handle_overdue, rating, reworked, extended)
      SELECT x.* FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES
        (-1::smallint,
          o.grid_path, o.category_code, o.source, o.state, o.reported_at, o.accepted_at, o.handled_at,
          o.closed_at, o.deferred, o.handle_overdue, o.rating, o.reworked, o.extended),
        (1::smallint,
          n.grid_path, n.category_code, n.source, n.state, n.reported_at, n.accepted_at, n.handled_at,
          n.closed_at, n.deferred, n.handle_overdue, n.rating, n.reworked, n.extended)
      ) x
      WHERE (n.grid_path, n.category_code, n.source, n.state, n.reported_at, n.accepted_at, n.handled_at,
        n.closed_at, n.deferred, n.handle_overdue, n.rating, n.reworked, n.extended)
        IS DISTINCT FROM (o.grid_path, o.category_code, o.source, o.state, o.reported_at, o.accepted_at, o.handled_at,
        o.closed_at, o.deferred, o.handle_overdue, o.rating, o.reworked, o.extended);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_rollup_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_enqueue();
--> statement-breakpoint
CREATE TRIGGER cases_rollup_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_enqueue();
--> statement-breakpoint
CREATE TRIGGER cases_rollup_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_enqueue();
--> statement-breakpoint
-- 返工: sent back to handling at verification or by the reporter's rating.
CREATE FUNCTION case_mark_reworked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c SET reworked = true FROM new_rows t
  WHERE t.case_id = c.id AND t.to_state = 'reopened' AND t.action IN ('verify', 'rate') AND NOT c.reworked;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_transitions_reworked AFTER INSERT ON case_transitions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_mark_reworked();
--> statement-breakpoint
-- 延期: an extension approved.
CREATE FUNCTION case_mark_extended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c SET extended = true FROM new_rows e
  WHERE e.case_id = c.id AND e.approved AND NOT c.extended;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_extensions_extended_insert AFTER INSERT ON case_extensions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_mark_extended();
--> statement-breakpoint
CREATE TRIGGER case_extensions_extended_update AFTER UPDATE ON case_extensions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_mark_extended();
--> statement-breakpoint
UPDATE cases c SET reworked = true WHERE EXISTS (SELECT 1 FROM case_transitions t
  WHERE t.case_id = c.id AND t.to_state = 'reopened' AND t.action IN ('verify', 'rate'));
--> statement-breakpoint
UPDATE cases c SET extended = true WHERE EXISTS (SELECT 1 FROM case_extensions e WHERE e.case_id = c.id AND e.approved);
--> statement-breakpoint
-- The cases already there, rolled up at once (the updates above queued their own changes too, so
-- the queue is emptied first): a deployment with millions of cases starts with nothing to fold.
DELETE FROM case_rollup_queue;
--> statement-breakpoint
INSERT INTO case_rollup (node, parent, dim, value, day, received, filed, due, closed, on_time, handled,
    reworked, extended, deferred, handling_seconds, handling_n, rated, rating_sum, satisfied, accepted_n, closed_n)
  SELECT r.node, r.parent, r.dim, r.value, r.day, sum(r.received), sum(r.filed), sum(r.due), sum(r.closed),
    sum(r.on_time), sum(r.handled), sum(r.reworked_n), sum(r.extended_n), sum(r.deferred_n),
    sum(r.handling_seconds), sum(r.handling_n), sum(r.rated), sum(r.rating_sum), sum(r.satisfied),
    sum(r.accepted_n), sum(r.closed_n)
  FROM cases c CROSS JOIN LATERAL case_rollup_rows(1, c.grid_path, c.category_code, c.source, c.state,
    c.reported_at, c.accepted_at, c.handled_at, c.closed_at, c.deferred, c.handle_overdue, c.rating,
    c.reworked, c.extended) r
  GROUP BY r.node, r.parent, r.dim, r.value, r.day;
