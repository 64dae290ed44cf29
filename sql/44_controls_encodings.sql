-- controls in databases that are not UTF-8: the type and the functions work;
-- the reference snapshot (regulation texts with non-LATIN1 characters) is
-- loaded only in UTF8 databases, so determinations say no list is loaded
CREATE DATABASE pgs_ctl_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
CREATE DATABASE pgs_ctl_sqlascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c pgs_ctl_latin1
CREATE EXTENSION pg_screen;
SELECT '3a001.A.1'::screen.controlcode, 'US:3A001'::screen.controlcode OPERATOR(screen.@>) '3A001.a.1' AS contains;
SELECT count(*) AS versions FROM screen.control_list_version;
SELECT outcome, basis FROM screen.licence_requirements('3A001', 'DE');
\c pgs_ctl_sqlascii
CREATE EXTENSION pg_screen;
SELECT screen.ancestors('WA:ML8.a.1');
SELECT count(*) AS versions FROM screen.control_list_version;
\c contrib_regression
DROP DATABASE pgs_ctl_latin1;
DROP DATABASE pgs_ctl_sqlascii;
