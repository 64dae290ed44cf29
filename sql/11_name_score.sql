-- screen.name_score: each tolerance and each resistance has a pair
CREATE EXTENSION IF NOT EXISTS pg_screen;
SHOW pg_screen.threshold;

CREATE TEMP TABLE cases (rule text, a text, b text, expect boolean);
INSERT INTO cases VALUES
  -- tolerances: these must match
  ('word order',              'Vladimir Putin',            'Putin Vladimir',                     true),
  ('SURNAME, Given',          'PUTIN, Vladimir',           'Vladimir Putin',                     true),
  ('transliteration',         'Wolodymyr Selenskyj',       'Volodymyr Zelenskyy',                true),
  ('given-name variant',      'Mohamed bin Salman',        'Muhammad bin Salman',                true),
  ('typo, long word',         'Alexandr Lukashnko',        'Alexander Lukashenko',               true),
  ('typo, transposition',     'Olaf Schloz',               'Olaf Scholz',                        true),
  ('glued tokens',            'AbdulRahman Khalil',        'Abdul Rahman Khalil',                true),
  ('split tokens',            'Nikolai Patr ushev',        'Nikolai Patrushev',                  true),
  ('whole name glued',        'VladimirPutin',             'Vladimir Putin',                     true),
  ('initial',                 'V. Putin',                  'Vladimir Putin',                     true),
  ('middle initial',          'Hans J Friedrich',          'Hans Joachim Friedrich',             true),
  ('missing patronymic',      'Vladimir Putin',            'Vladimir Vladimirovich Putin',       true),
  ('missing middle name',     'Sirajuddin Haqqani',        'Sirajuddin Jallaloudine Haqqani',    true),
  ('honorific',               'Dr. Rami Makhlouf',         'Rami Makhlouf',                      true),
  ('honorific (Sheikh)',      'Isa Bin Tarif Al Bin Ali',  'Shaikh Isa Bin Tarif Al Bin Ali',    true),
  ('legal form spelling',     'Oboronnye Initsiativy OOO', 'Obshchestvo s Ogranichennoy Otvetstvennostyu Oboronnye Initsiativy', true),
  ('legal form L.L.C.',       'Bowne Global Solutions, L.L.C.', 'Bowne Global Solutions LLC',    true),
  ('legal form JSC ~ OAO',    'Gazprom Neft JSC',          'Gazprom Neft OAO',                   true),
  ('legal form misspelt',     'Siemens Aktiengeselschaft', 'Siemens AG',                         true),
  ('legal form absent',       'CRYSTALORD',                'CRYSTALORD LTD',                     true),
  ('Cyrillic vs Latin',       'Сергей Лавров',             'Sergey Lavrov',                      true),
  ('Arabic vs Latin',         'فرناندو بيريز',             'Fernando Perez',                     true),
  ('Greek vs Greek typo',     'Κυριάκος Μητσοτάκος',       'Κυριάκος Μητσοτάκης',                true),
  ('digits for letters',      'Ig0r Sech1n',               'Igor Sechin',                        true),
  ('ordinal',                 '1st International Bank',    'First International Bank',           true),
  ('number words',            'Brigade Forty-four',        'Brigade 44',                         true),
  ('ampersand',               'H&M Hennes & Mauritz AB',   'H and M Hennes and Mauritz AB',      true),
  ('dotted initialism',       'J.P. Morgan & Co.',         'JP Morgan & Co.',                    true),
  -- resistances: these must not match
  ('different number',        'Company 1',                 'Company 2',                          false),
  ('number on one side',      'Management Company 23',     'Management Company',                 false),
  ('contradicting given names','Andrei Navalny',           'Alexei Navalny',                     false),
  ('contradicting patronymic','Sergey Viktorovich Lavrov', 'Sergey Borisovitch Lavrov',          false),
  ('contradicting initial',   'Hans O Friedrich',          'Hans Joachim Friedrich',             false),
  ('short names, few letters','Pol Pot',                   'Pot Pouv',                           false),
  ('short names, few letters','Olga Barynova',             'Oleg Baranov',                       false),
  ('one token inside long',   'EMMA LLC',                  'Emma Daniels',                       false),
  ('common tokens only',      'Bank of China Limited',     'Bank of America Corporation',        false),
  ('common tokens only',      'The Sigma Group',           'The Cigna Group',                    false),
  ('different surname',       'Ali Saddam Hussein al-Rawi','Ali Saddam Hussein al-Tikriti',      false),
  ('different legal form',    'Deutsche Bank AG',          'Deutsche Bank GmbH',                 false),
  ('extra org word',          'Deutsche Bank Trust Company','Deutsche Bank',                     false),
  ('different initialism',    'C.B.A. Company',            'A.B.C. Company',                     false),
  ('different qualifier',     'Bowne of Atlanta, Inc.',    'Bowne of Boston, Inc.',              false),
  ('no common script',        'Vita Klave',                'Фуад Гулієв',                        false);

SELECT rule, a, b, expect,
       (screen.name_score(a, b) >= current_setting('pg_screen.threshold')::real) = expect AS ok
  FROM cases ORDER BY expect DESC, rule, a;

-- symmetric, in [0, 1], 1 for equal names, 0 when a side has no tokens
SELECT count(*) FILTER (WHERE screen.name_score(a, b) <> screen.name_score(b, a)) AS asymmetric,
       count(*) FILTER (WHERE screen.name_score(a, b) NOT BETWEEN 0 AND 1) AS out_of_range,
       count(*) FILTER (WHERE screen.name_score(a, a) <> 1) AS self_not_one
  FROM cases;
SELECT screen.name_score('', 'Vladimir Putin') AS empty, screen.name_score('  ', '  ') AS blank,
       screen.name_score(NULL::text, 'x') IS NULL AS null_in;

-- the text form equals the pre-parsed form
SELECT count(*) FILTER (WHERE screen.name_score(a, b) <> screen.name_score(a::screen.name, b::screen.name))
  FROM cases;

-- operators: % uses the threshold GUC, <-> is 1 - score
SELECT 'Vladimir Putin'::screen.name OPERATOR(screen.%) 'PUTIN, Vladimir'::screen.name AS match,
       'Company 1'::screen.name OPERATOR(screen.%) 'Company 2'::screen.name AS no_match,
       round(('Olaf Schloz'::screen.name OPERATOR(screen.<->) 'Olaf Scholz'::screen.name)::numeric, 4)
         = round(1 - screen.name_score('Olaf Schloz', 'Olaf Scholz')::numeric, 4) AS distance;
SET pg_screen.threshold = 0.99;
SELECT 'Olaf Schloz'::screen.name OPERATOR(screen.%) 'Olaf Scholz'::screen.name AS strict_match;
SET pg_screen.threshold = 0.5;
SELECT 'Olaf Schloz'::screen.name OPERATOR(screen.%) 'Olaf Scholz'::screen.name AS loose_match;
SET pg_screen.threshold = 1.5;
SET pg_screen.threshold = -0.1;
RESET pg_screen.threshold;

-- the examples of doc/names.md
SELECT round(screen.name_score('PUTIN, Vladimir', 'Vladimir Putin')::numeric, 2) AS putin,
       round(screen.name_score('Wolodymyr Selenskyj', 'Volodymyr Zelenskyy')::numeric, 3) AS zelenskyy,
       round(screen.name_score('Сергей Лавров', 'Sergey Lavrov')::numeric, 2) AS lavrov,
       round(screen.name_score('Company 1', 'Company 2')::numeric, 2) AS company,
       round(screen.name_score('EMMA LLC', 'Emma Daniels')::numeric, 2) AS emma;
