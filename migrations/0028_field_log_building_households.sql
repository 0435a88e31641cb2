-- Hand-written: a building's change (its address, which a household's masked place shows) also
-- refreshes the households living in its rooms on the phones, as a person's change refreshes theirs.
CREATE OR REPLACE FUNCTION field_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
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
    ELSIF TG_ARGV[0] = 'building' THEN
      INSERT INTO field_changes (kind, id, old_path, new_path)
        SELECT DISTINCT 'household', h.id, h.grid_path, h.grid_path
        FROM new_rows n JOIN old_rows o ON o.id = n.id
          JOIN rooms r ON r.building_id = n.id
          JOIN households h ON h.room_id = r.id
        WHERE n.version <> o.version;
    END IF;
  END IF;
  RETURN NULL;
END $$;
