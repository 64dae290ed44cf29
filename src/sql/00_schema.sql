-- pg_screen extension script.  Built by concatenating src/sql/NN_*.sql.
\echo Use "CREATE EXTENSION pg_screen" to load this file. \quit

COMMENT ON SCHEMA screen IS 'pg_screen: sanctions and export-control screening';
