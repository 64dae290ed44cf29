-- the extension installs into schema screen and defines its GUCs
CREATE EXTENSION pg_screen;
SELECT extname, extversion, n.nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'pg_screen';
SHOW pg_screen.threshold;
SET pg_screen.threshold = 1.5;
RESET pg_screen.threshold;
