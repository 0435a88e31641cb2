-- Hand-written first: writers of cases wait (SHARE) until the rollup holds the deadlines, so no change
-- is queued without its deadline after the backfill below has counted the cases as they are.
LOCK TABLE cases IN SHARE MODE;
--> statement-breakpoint
ALTER TABLE "case_rollup_queue" ADD COLUMN "running_due" timestamp with time zone;--> statement-breakpoint
-- Hand-written from here: the running deadline as a rollup fact, so the big screen's overdue count
-- reads the days before today from the rollup and only today's deadlines from cases_running_due_idx.
-- The running stage's deadline 超期 is measured against (cases_running_due_idx's expression), or null
-- when the case is in no state with a clock.
CREATE FUNCTION case_running_due(state text, accept_due timestamptz, handle_due timestamptz, verify_due timestamptz)
RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN state IN ('reported', 'accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated', 'handled')
    THEN CASE state WHEN 'reported' THEN accept_due WHEN 'handled' THEN verify_due ELSE handle_due END END
$$;
--> statement-breakpoint
DROP FUNCTION case_rollup_rows(int, ltree, text, text, text, timestamptz, timestamptz, timestamptz, timestamptz,
  boolean, boolean, int, boolean, boolean);
--> statement-breakpoint
-- As in 0029, and one more dimension: `due`, a running case counted (received) at each node on the day
-- its running stage's deadline falls (value ''), so the cases overdue before today are a sum of days.
CREATE FUNCTION case_rollup_rows(
  sign int, grid_path ltree, category_code text, source text, state text, reported_at timestamptz,
  accepted_at timestamptz, handled_at timestamptz, closed_at timestamptz, deferred boolean,
  handle_overdue boolean, rating int, reworked boolean, extended boolean, running_due timestamptz
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
  UNION ALL
  SELECT n.node, n.parent, 'due', '', (running_due AT TIME ZONE 'Asia/Shanghai')::date,
    sign, 0, 0, 0, 0, 0, 0, 0, 0, 0::float8, 0, 0, 0, 0, 0, 0
  FROM (
    SELECT CASE WHEN i = 0 THEN ''::ltree ELSE subpath(grid_path, 0, i) END AS node,
      CASE WHEN i = 0 THEN NULL WHEN i = 1 THEN ''::ltree ELSE subpath(grid_path, 0, i - 1) END AS parent
    FROM generate_series(0, least(coalesce(nlevel(grid_path), 0), 3)) i
  ) n
  WHERE running_due IS NOT NULL
$$;
--> statement-breakpoint
-- As in 0029, with the running deadline: a change of the deadline that runs (an extension, a new
-- stage) queues the case's facts before and after; one of a stage not running queues nothing.
CREATE OR REPLACE FUNCTION case_rollup_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_rollup_queue (sign,
        grid_path, category_code, source, state, reported_at, accepted_at, handled_at, closed_at,
        deferred, handle_overdue, rating, reworked, extended, running_due)
      SELECT 1,
        n.grid_path, n.category_code, n.source, n.state, n.reported_at, n.accepted_at, n.handled_at,
        n.closed_at, n.deferred, n.handle_overdue, n.rating, n.reworked, n.extended,
        case_running_due(n.state, n.accept_due, n.handle_due, n.verify_due)
      FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_rollup_queue (sign,
        grid_path, category_code, source, state, reported_at, accepted_at, handled_at, closed_at,
        deferred, handle_overdue, rating, reworked, extended, running_due)
      SELECT -1,
        o.grid_path, o.category_code, o.source, o.state, o.reported_at, o.accepted_at, o.handled_at,
        o.closed_at, o.deferred, o.handle_overdue, o.rating, o.reworked, o.extended,
        case_running_due(o.state, o.accept_due, o.handle_due, o.verify_due)
      FROM old_rows o;
  ELSE
    INSERT INTO case_rollup_queue (sign,
        grid_path, category_code, source, state, reported_at, accepted_at, handled_at, closed_at,
        deferred, handle_overdue, rating, reworked, extended, running_due)
      SELECT x.* FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (SELECT case_running_due(o.state, o.accept_due, o.handle_due, o.verify_due) AS old_due,
        case_running_due(n.state, n.accept_due, n.handle_due, n.verify_due) AS new_due) r
      CROSS JOIN LATERAL (VALUES
        (-1::smallint,
          o.grid_path, o.category_code, o.source, o.state, o.reported_at, o.accepted_at, o.handled_at,
          o.closed_at, o.deferred, o.handle_overdue, o.rating, o.reworked, o.extended, r.old_due),
        (1::smallint,
          n.grid_path, n.category_code, n.source, n.state, n.reported_at, n.accepted_at, n.handled_at,
          n.closed_at, n.deferred, n.handle_overdue, n.rating, n.reworked, n.extended, r.new_due)
      ) x
      WHERE (n.grid_path, n.category_code, n.source, n.state, n.reported_at, n.accepted_at, n.handled_at,
        n.closed_at, n.deferred, n.handle_overdue, n.rating, n.reworked, n.extended, r.new_due)
        IS DISTINCT FROM (o.grid_path, o.category_code, o.source, o.state, o.reported_at, o.accepted_at, o.handled_at,
        o.closed_at, o.deferred, o.handle_overdue, o.rating, o.reworked, o.extended, r.old_due);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The running cases already there, counted on their deadlines' days (the rest of the rollup stands,
-- and the changes queued before hold no deadline, so they add none). Given no day of its own (no
-- reported, accepted or closed time), case_rollup_rows yields a case's deadline rows only.
INSERT INTO case_rollup (node, parent, dim, value, day, received)
  SELECT r.node, r.parent, r.dim, r.value, r.day, sum(r.received)
  FROM cases c CROSS JOIN LATERAL case_rollup_rows(1, c.grid_path, c.category_code, c.source, c.state,
    NULL, NULL, NULL, NULL, c.deferred, c.handle_overdue, c.rating, c.reworked, c.extended,
    case_running_due(c.state, c.accept_due, c.handle_due, c.verify_due)) r
  WHERE c.state IN ('reported', 'accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated', 'handled')
    AND r.dim = 'due'
  GROUP BY r.node, r.parent, r.dim, r.value, r.day
  ON CONFLICT (node, dim, day, value) DO UPDATE SET received = case_rollup.received + excluded.received;
