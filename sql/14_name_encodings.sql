-- names in databases that are not UTF-8
CREATE DATABASE pgs_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
CREATE DATABASE pgs_sqlascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c pgs_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION pg_screen;
SELECT screen.to_name('Crédit Agricole S.A.'), screen.to_name('Müller Straße');
SELECT screen.name_score('Crédit Agricole S.A.', 'Credit Agricole SA') AS latin1_score;
\c pgs_sqlascii
CREATE EXTENSION pg_screen;
SELECT screen.to_name('Plain ASCII Name Ltd');
-- valid UTF-8 bytes are read as UTF-8
SELECT screen.to_name(convert_from('\x56756369c487'::bytea, 'SQL_ASCII'));
-- invalid UTF-8 is refused with the byte position
SELECT screen.to_name(convert_from('\x4162cdff'::bytea, 'SQL_ASCII'));
\c contrib_regression
DROP DATABASE pgs_latin1;
DROP DATABASE pgs_sqlascii;
