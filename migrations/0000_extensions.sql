-- PostGIS for grid boundaries and locations, ltree for grid paths and scopes.
CREATE EXTENSION IF NOT EXISTS postgis;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS ltree;
