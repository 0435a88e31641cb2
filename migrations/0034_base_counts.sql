CREATE TABLE "base_counts" (
	"node" "ltree" NOT NULL,
	"measure" text NOT NULL,
	"value" text NOT NULL,
	"day" date NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "base_counts_node_measure_value_day_pk" PRIMARY KEY("node","measure","value","day")
);
--> statement-breakpoint
CREATE TABLE "base_counts_queue" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"node" "ltree" NOT NULL,
	"measure" text NOT NULL,
	"value" text NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "assessment_results_rank_idx" ON "assessment_results" USING btree ("run_id","rank","grid_path","subject_name","subject_key");--> statement-breakpoint
CREATE INDEX "cases_running_due_idx" ON "cases" USING btree ((case "state" when 'reported' then "accept_due" when 'handled' then "verify_due" else "handle_due" end),"grid_path") WHERE state in ('reported', 'accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated', 'handled');--> statement-breakpoint
CREATE INDEX "visits_visited_idx" ON "visits" USING btree ("visited_at");--> statement-breakpoint
CREATE INDEX "patrols_running_gist" ON "patrols" USING gist ("grid_path") WHERE state = 'running';--> statement-breakpoint
CREATE INDEX "grid_posts_accounts_idx" ON "grid_posts" USING btree ("user_id","grid_id") WHERE user_id is not null;--> statement-breakpoint
-- Hand-written from here: the base-data summary's contributions, the triggers that queue them, and
-- the summary of the rows already there. A fact is one row's part in a measure under a grid path,
-- counted from a day ('-infinity' when the measure is not dated), +1 or −1.
CREATE TYPE base_fact AS (path ltree, measure text, value text, day date, n int);
--> statement-breakpoint
-- The nodes a path counts under: the root '' and its ancestors down to depth 3 (itself included).
CREATE FUNCTION base_count_nodes(path ltree) RETURNS SETOF ltree LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN i = 0 THEN ''::ltree ELSE subpath(path, 0, i) END
  FROM generate_series(0, least(nlevel(path), 3)) i
$$;
--> statement-breakpoint
-- Queues a statement's facts, summed per node, measure, value and day: an update's old (−1) and new
-- (+1) facts of a row that did not move cancel here and queue nothing.
CREATE FUNCTION base_counts_add(facts base_fact[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO base_counts_queue (node, measure, value, day, n)
  SELECT nd, f.measure, f.value, f.day, sum(f.n)
  FROM unnest(facts) f CROSS JOIN LATERAL base_count_nodes(f.path) nd
  GROUP BY 1, 2, 3, 4 HAVING sum(f.n) <> 0
$$;
--> statement-breakpoint
-- Dated facts: +1 from the first day, −1 from the day after the last (never current: nothing).
CREATE FUNCTION base_dated_facts(path ltree, measure text, value text, from_day date, to_day date, sign int)
RETURNS SETOF base_fact LANGUAGE sql IMMUTABLE AS $$
  SELECT (path, measure, value, x.day, x.n)::base_fact
  FROM (VALUES (from_day, sign), (to_day + 1, -sign)) x(day, n)
  WHERE (to_day IS NULL OR to_day >= from_day) AND x.day IS NOT NULL
$$;
--> statement-breakpoint
CREATE FUNCTION base_counts_people() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f base_fact[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    f := f || array(SELECT (r.grid_path, 'people', r.kind, '-infinity', -1)::base_fact FROM old_rows r);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    f := f || array(SELECT (r.grid_path, 'people', r.kind, '-infinity', 1)::base_fact FROM new_rows r);
  END IF;
  PERFORM base_counts_add(f);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION base_counts_households() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f base_fact[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    f := f || array(SELECT (r.grid_path, 'households', '', '-infinity', -1)::base_fact FROM old_rows r);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    f := f || array(SELECT (r.grid_path, 'households', '', '-infinity', 1)::base_fact FROM new_rows r);
  END IF;
  PERFORM base_counts_add(f);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION base_counts_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f base_fact[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    f := f || array(SELECT (r.grid_path, 'organizations', r.kind, '-infinity', -1)::base_fact FROM old_rows r);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    f := f || array(SELECT (r.grid_path, 'organizations', r.kind, '-infinity', 1)::base_fact FROM new_rows r);
  END IF;
  PERFORM base_counts_add(f);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A building, and its rooms where it stands (a building that moves takes its rooms along).
CREATE FUNCTION base_building_facts(b buildings, sign int) RETURNS SETOF base_fact LANGUAGE sql STABLE AS $$
  SELECT (b.grid_path, 'buildings', '', '-infinity', sign)::base_fact
  UNION ALL
  SELECT (b.grid_path, x.measure, '', '-infinity', sign * x.n)::base_fact
  FROM (SELECT count(*)::int AS rooms, count(*) FILTER (WHERE r.occupancy = 'rented')::int AS rented
    FROM rooms r WHERE r.building_id = b.id) c,
    LATERAL (VALUES ('rooms', c.rooms), ('rented', c.rented)) x(measure, n)
  WHERE x.n > 0
$$;
--> statement-breakpoint
CREATE FUNCTION base_counts_buildings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f base_fact[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    f := f || array(SELECT x FROM old_rows r, base_building_facts(r, -1) x);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    f := f || array(SELECT x FROM new_rows r, base_building_facts(r, 1) x);
  END IF;
  PERFORM base_counts_add(f);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A room counts where its building stands.
CREATE FUNCTION base_room_facts(r rooms, sign int) RETURNS SETOF base_fact LANGUAGE sql STABLE AS $$
  SELECT (b.grid_path, x.measure, '', '-infinity', sign)::base_fact
  FROM buildings b, LATERAL (VALUES ('rooms', true), ('rented', r.occupancy = 'rented')) x(measure, counts)
  WHERE b.id = r.building_id AND x.counts
$$;
--> statement-breakpoint
CREATE FUNCTION base_counts_rooms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f base_fact[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    f := f || array(SELECT x FROM old_rows r, base_room_facts(r, -1) x);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    f := f || array(SELECT x FROM new_rows r, base_room_facts(r, 1) x);
  END IF;
  PERFORM base_counts_add(f);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION base_counts_group_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f base_fact[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    f := f || array(SELECT x FROM old_rows r,
      base_dated_facts(r.grid_path, 'groups', r.group_code, r.starts_on, r.ends_on, -1) x);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    f := f || array(SELECT x FROM new_rows r,
      base_dated_facts(r.grid_path, 'groups', r.group_code, r.starts_on, r.ends_on, 1) x);
  END IF;
  PERFORM base_counts_add(f);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A post counts where its grid is (a grid that moves takes its posts along: base_grid_facts).
CREATE FUNCTION base_counts_grid_posts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f base_fact[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    f := f || array(SELECT x FROM old_rows r JOIN grids g ON g.id = r.grid_id,
      base_dated_facts(g.path, 'posts', r.post, r.valid_from, r.valid_to, -1) x);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    f := f || array(SELECT x FROM new_rows r JOIN grids g ON g.id = r.grid_id,
      base_dated_facts(g.path, 'posts', r.post, r.valid_from, r.valid_to, 1) x);
  END IF;
  PERFORM base_counts_add(f);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A current grid counts under its own path, by its depth and level ('4 grid'), with its posts.
CREATE FUNCTION base_grid_facts(g grids, sign int) RETURNS SETOF base_fact LANGUAGE sql STABLE AS $$
  SELECT (g.path, 'grids', nlevel(g.path) || ' ' || g.level, '-infinity', sign)::base_fact
  WHERE g.valid_to IS NULL
  UNION ALL
  SELECT x FROM grid_posts p, base_dated_facts(g.path, 'posts', p.post, p.valid_from, p.valid_to, sign) x
  WHERE p.grid_id = g.id
$$;
--> statement-breakpoint
CREATE FUNCTION base_counts_grids() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f base_fact[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    f := f || array(SELECT x FROM old_rows r, base_grid_facts(r, -1) x);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    f := f || array(SELECT x FROM new_rows r, base_grid_facts(r, 1) x);
  END IF;
  PERFORM base_counts_add(f);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER people_base_counts_insert AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_people();
--> statement-breakpoint
CREATE TRIGGER people_base_counts_update AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_people();
--> statement-breakpoint
CREATE TRIGGER people_base_counts_delete AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_people();
--> statement-breakpoint
CREATE TRIGGER households_base_counts_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_households();
--> statement-breakpoint
CREATE TRIGGER households_base_counts_update AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_households();
--> statement-breakpoint
CREATE TRIGGER households_base_counts_delete AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_households();
--> statement-breakpoint
CREATE TRIGGER organizations_base_counts_insert AFTER INSERT ON organizations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_organizations();
--> statement-breakpoint
CREATE TRIGGER organizations_base_counts_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_organizations();
--> statement-breakpoint
CREATE TRIGGER organizations_base_counts_delete AFTER DELETE ON organizations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_organizations();
--> statement-breakpoint
CREATE TRIGGER buildings_base_counts_insert AFTER INSERT ON buildings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_buildings();
--> statement-breakpoint
CREATE TRIGGER buildings_base_counts_update AFTER UPDATE ON buildings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_buildings();
--> statement-breakpoint
CREATE TRIGGER buildings_base_counts_delete AFTER DELETE ON buildings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_buildings();
--> statement-breakpoint
CREATE TRIGGER rooms_base_counts_insert AFTER INSERT ON rooms REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_rooms();
--> statement-breakpoint
CREATE TRIGGER rooms_base_counts_update AFTER UPDATE ON rooms REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_rooms();
--> statement-breakpoint
CREATE TRIGGER rooms_base_counts_delete AFTER DELETE ON rooms REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_rooms();
--> statement-breakpoint
CREATE TRIGGER group_memberships_base_counts_insert AFTER INSERT ON group_memberships REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_group_memberships();
--> statement-breakpoint
CREATE TRIGGER group_memberships_base_counts_update AFTER UPDATE ON group_memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_group_memberships();
--> statement-breakpoint
CREATE TRIGGER group_memberships_base_counts_delete AFTER DELETE ON group_memberships REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_group_memberships();
--> statement-breakpoint
CREATE TRIGGER grid_posts_base_counts_insert AFTER INSERT ON grid_posts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_grid_posts();
--> statement-breakpoint
CREATE TRIGGER grid_posts_base_counts_update AFTER UPDATE ON grid_posts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_grid_posts();
--> statement-breakpoint
CREATE TRIGGER grid_posts_base_counts_delete AFTER DELETE ON grid_posts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_grid_posts();
--> statement-breakpoint
CREATE TRIGGER grids_base_counts_insert AFTER INSERT ON grids REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_grids();
--> statement-breakpoint
CREATE TRIGGER grids_base_counts_update AFTER UPDATE ON grids REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_grids();
--> statement-breakpoint
CREATE TRIGGER grids_base_counts_delete AFTER DELETE ON grids REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION base_counts_grids();
--> statement-breakpoint
-- Every fact of the rows there now (for the summary's first fill, and `wangge`'s rebuild after a
-- bulk load with the triggers off or a TRUNCATE, which no trigger sees).
CREATE FUNCTION base_facts_now() RETURNS SETOF base_fact LANGUAGE sql STABLE AS $$
  SELECT (grid_path, 'people', kind, '-infinity', 1)::base_fact FROM people
  UNION ALL SELECT (grid_path, 'households', '', '-infinity', 1)::base_fact FROM households
  UNION ALL SELECT (grid_path, 'organizations', kind, '-infinity', 1)::base_fact FROM organizations
  UNION ALL SELECT (grid_path, 'buildings', '', '-infinity', 1)::base_fact FROM buildings
  UNION ALL SELECT x FROM rooms r, base_room_facts(r, 1) x
  UNION ALL SELECT x FROM group_memberships r,
    base_dated_facts(r.grid_path, 'groups', r.group_code, r.starts_on, r.ends_on, 1) x
  UNION ALL SELECT x FROM grids g, base_grid_facts(g, 1) x
$$;
--> statement-breakpoint
INSERT INTO base_counts (node, measure, value, day, n)
  SELECT nd, f.measure, f.value, f.day, sum(f.n)
  FROM base_facts_now() f CROSS JOIN LATERAL base_count_nodes(f.path) nd
  GROUP BY 1, 2, 3, 4 HAVING sum(f.n) <> 0;
