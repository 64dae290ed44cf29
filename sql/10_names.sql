-- screen.name: parsing, normalization of every script, output, casts
CREATE EXTENSION IF NOT EXISTS pg_screen;
SET extra_float_digits = 0;

-- parse once; the output is the normalized tokens
SELECT screen.to_name('Mr. Vladimir V. PUTIN');
SELECT 'PUTIN, Vladimir Vladimirovich'::screen.name;
SELECT screen.to_name('Bowne Global Solutions, L.L.C.');
SELECT screen.to_name('Abd al-''Aziz');
SELECT screen.to_name('AT&T Inc.');
SELECT screen.to_name('Ig0r Sech1n'), screen.to_name('1st International Bank'),
       screen.to_name('Brigade Forty-four');
-- output parses back to the same value
SELECT screen.to_name(screen.to_name('J.P. Morgan & Co., Ltd.')::text)::text
     = screen.to_name('J.P. Morgan & Co., Ltd.')::text AS roundtrip;

-- tokens with their classes
SELECT ord, token, class, canonical, weight, phonetic, script
  FROM screen.name_tokens('Sheikh Mohammed bin Rashid Al Maktoum LLC');
SELECT token, class, canonical FROM screen.name_tokens('Oboronnye Initsiativy o.O.O.');
SELECT token, class, canonical FROM screen.name_tokens('Limited Liability Company Iskusstvo Krasoty');

-- every script becomes Latin tokens
SELECT script, screen.to_name(name) FROM (VALUES
  ('Cyrillic (Russian)',   'Владимир Путин'),
  ('Cyrillic (Ukrainian)', 'Володимир Зеленський'),
  ('Cyrillic (Kazakh)',    'Қасым-Жомарт Тоқаев'),
  ('Arabic',               'مُحَمَّد بن سلمان'),
  ('Persian',              'محمود احمدی‌نژاد'),
  ('Greek',                'Κυριάκος Μητσοτάκης'),
  ('Hebrew',               'בנימין נתניהו'),
  ('Armenian',             'Բարակ Օբամա'),
  ('Georgian',             'ბარაკ ობამა'),
  ('Chinese',              '习近平'),
  ('Japanese kana',        'バラク・オバマ'),
  ('Korean',               '김정은'),
  ('Latin with accents',   'Aleksandar Vučić, Erdoğan, Łódź, Straße')
) AS v(script, name);

-- empty and blank names parse to no tokens; NULL stays NULL
SELECT screen.to_name('')::text = '' AS empty, screen.to_name('   ')::text = '' AS blank,
       screen.to_name(NULL) IS NULL AS null_in;
SELECT count(*) FROM screen.name_tokens(screen.to_name(' - , . '));

-- limits: a 1 MB name is refused with a clear error; 255 words are fine
SELECT screen.to_name(repeat('a', 1048576));
SELECT screen.to_name(repeat('abc ', 300));
SELECT count(*) FROM screen.name_tokens(screen.to_name(repeat('abc ', 255)));
-- a very long word is cut, not refused
SELECT length(screen.to_name(repeat('x', 60000))::text);

-- binary send/receive round trip
CREATE TEMP TABLE nb (n screen.name);
INSERT INTO nb VALUES ('Sheikh Mohammed bin Rashid Al Maktoum'), ('Gazprom Neft PJSC'), ('');
\copy nb TO '/tmp/pg_screen_nb.dat' WITH (FORMAT binary)
CREATE TEMP TABLE nb2 (n screen.name);
\copy nb2 FROM '/tmp/pg_screen_nb.dat' WITH (FORMAT binary)
SELECT n::text FROM nb2 ORDER BY 1;
SELECT screen.name_send('Putin, Vladimir');

-- hostile input: many ampersands, long dotted runs
SELECT length(screen.to_name(repeat('&', 200))::text) > 0 AS ampersands;
SELECT screen.to_name(repeat('a.', 40))::text AS dotted;
