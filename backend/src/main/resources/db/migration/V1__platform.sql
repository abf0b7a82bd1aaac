-- Extensions and schemas. PostGIS is created by ./grid (as the cluster's superuser) on a fresh
-- database; IF NOT EXISTS keeps this a no-op there and creates it where the user may.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS grid;
