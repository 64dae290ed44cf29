-- token knowledge is data: users extend the tables, backends notice at once
CREATE EXTENSION IF NOT EXISTS pg_screen;

SELECT count(*) > 100 AS legal_forms FROM screen.legal_forms;
SELECT count(*) > 50 AS honorifics FROM screen.honorifics;
SELECT count(*) > 30 AS particles FROM screen.name_particles;
SELECT count(*) > 200 AS given_names FROM screen.given_names;
SELECT count(*) > 50 AS common_tokens FROM screen.common_tokens;

-- before: Zhenya is not known as a form of Yevgeny
SELECT screen.name_score('Zhenya Prigozhin', 'Yevgeny Prigozhin') >= 0.8 AS matched_before;
INSERT INTO screen.given_names (name, canonical) VALUES ('Zhenya', 'evgeny');
SELECT screen.name_score('Zhenya Prigozhin', 'Yevgeny Prigozhin') >= 0.8 AS matched_after;
SELECT canonical FROM screen.name_tokens('Zhenya') ;

-- a new legal form
SELECT class FROM screen.name_tokens('Acme Kft') WHERE token = 'kft';
INSERT INTO screen.legal_forms (form, class) VALUES ('Kft.', 'llc');
SELECT class, canonical FROM screen.name_tokens('Acme Kft') WHERE token = 'kft';
SELECT screen.name_score('Acme Kft', 'Acme LLC') >= 0.8 AS kft_is_llc;

-- a new honorific is set aside
INSERT INTO screen.honorifics (token) VALUES ('Comrade');
SELECT class FROM screen.name_tokens('Comrade Ivanov') WHERE token = 'comrade';

-- titles are listed in Latin letters: an Arabic word without vowels that
-- spells one is a name (عمر, Omar, reads "mr"; آدم, Adam, "adm"), while
-- "Mr" and "Adm" in Latin letters stay titles
SELECT token, class, script FROM screen.name_tokens('عمر آدم سبعاوي');
SELECT token, class FROM screen.name_tokens('Mr Adm Sabawi');
SELECT screen.name_score('عمر سبعاوي', 'سعد سبعاوي') < 0.8 AS omar_is_not_saad;

-- user rows are kept by pg_dump, shipped rows are not (they come with the extension)
SELECT c.relname, x.cond
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond)
  JOIN pg_class c ON c.oid = x.oid
 WHERE e.extname = 'pg_screen' AND c.relname IN
       ('legal_forms', 'honorifics', 'name_particles', 'given_names', 'common_tokens')
 ORDER BY 1;

DELETE FROM screen.given_names WHERE NOT shipped;
DELETE FROM screen.legal_forms WHERE NOT shipped;
DELETE FROM screen.honorifics WHERE NOT shipped;
SELECT screen.name_score('Zhenya Prigozhin', 'Yevgeny Prigozhin') >= 0.8 AS matched_after_delete;

-- the trigger function is not for direct calls
SELECT screen.knowledge_changed();
