-- ---------------------------------------------------------------------------
-- Token knowledge: data the parser uses, shipped with rows, extendable.
-- Rows are normalized like names when loaded (so 'L.L.C.' = 'llc').  Rows
-- the extension ships have shipped = true; pg_dump keeps the others.
-- After changing these tables, re-parse stored names (screen.name columns,
-- expression indexes on screen.to_name) as for a text search configuration.
-- ---------------------------------------------------------------------------

CREATE TABLE screen.legal_forms (
    form        text PRIMARY KEY,
    class       text NOT NULL,
    description text,
    shipped     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE screen.legal_forms IS
    'legal-form words and phrases; forms of one class (llc, jsc, ltd, ...) are interchangeable when scoring';

CREATE TABLE screen.honorifics (
    token   text PRIMARY KEY,
    shipped boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE screen.honorifics IS 'titles and honorifics set aside when scoring (Mr, Dr, Sheikh, General, ...)';

CREATE TABLE screen.name_particles (
    token   text PRIMARY KEY,
    kind    text NOT NULL DEFAULT 'particle' CHECK (kind IN ('particle', 'stop')),
    shipped boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE screen.name_particles IS
    'name particles (al, bin, van, de: low weight) and stop words (the, of, and: lowest weight)';

CREATE TABLE screen.given_names (
    name      text PRIMARY KEY,
    canonical text NOT NULL,
    shipped   boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE screen.given_names IS
    'given-name equivalence groups across transliterations: names with one canonical form are the same name; '
    'two listed names of different groups contradict each other';

CREATE TABLE screen.common_tokens (
    token   text PRIMARY KEY,
    weight  real NOT NULL CHECK (weight > 0 AND weight <= 1),
    kind    text NOT NULL DEFAULT 'name' CHECK (kind IN ('name', 'organization')),
    shipped boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE screen.common_tokens IS
    'frequent name words and their weight (information) in a score: a match on them counts for less; '
    'kind organization marks words that make a name an organisation''s (bank, company, trust)';

CREATE FUNCTION screen.knowledge_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'pgs_knowledge_changed' LANGUAGE C;
COMMENT ON FUNCTION screen.knowledge_changed() IS
    'statement trigger: tells every backend to reload the token knowledge';

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['legal_forms','honorifics','name_particles','given_names','common_tokens'] LOOP
        EXECUTE format('CREATE TRIGGER knowledge_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
                        ON screen.%I FOR EACH STATEMENT EXECUTE FUNCTION screen.knowledge_changed()', t);
        PERFORM pg_catalog.pg_extension_config_dump(format('screen.%I', t), 'WHERE NOT shipped');
    END LOOP;
END $$;

-- legal forms ---------------------------------------------------------------
INSERT INTO screen.legal_forms (form, class, description, shipped)
SELECT f, c, d, true FROM (VALUES
  ('LLC','llc','limited liability company'), ('L.L.C.','llc',NULL), ('Limited Liability Company','llc',NULL),
  ('Limited Liability Co','llc',NULL), ('OOO','llc','obshchestvo s ogranichennoy otvetstvennostyu'),
  ('ООО','llc',NULL), ('Obshchestvo s Ogranichennoy Otvetstvennostyu','llc',NULL),
  ('Общество с ограниченной ответственностью','llc',NULL), ('TOO','llc','Kazakh LLP'), ('ТОВ','llc','Ukrainian LLC'),
  ('Tovarystvo z Obmezhenoyu Vidpovidalnistyu','llc',NULL),
  ('GmbH','gmbh','Gesellschaft mit beschränkter Haftung'), ('G.m.b.H.','gmbh',NULL),
  ('Gesellschaft mit beschränkter Haftung','gmbh',NULL), ('Gesellschaft mbH','gmbh',NULL), ('mbH','gmbh',NULL),
  ('AG','ag','Aktiengesellschaft'), ('Aktiengesellschaft','ag',NULL),
  ('JSC','jsc','joint stock company'), ('Joint Stock Company','jsc',NULL), ('Joint-Stock Company','jsc',NULL),
  ('OJSC','jsc','open joint stock company'), ('Open Joint Stock Company','jsc',NULL), ('CJSC','jsc','closed joint stock company'),
  ('Closed Joint Stock Company','jsc',NULL), ('PJSC','jsc','public joint stock company'), ('Public Joint Stock Company','jsc',NULL),
  ('AO','jsc','aktsionernoe obshchestvo'), ('АО','jsc',NULL), ('OAO','jsc',NULL), ('ОАО','jsc',NULL), ('ZAO','jsc',NULL),
  ('ЗАО','jsc',NULL), ('PAO','jsc',NULL), ('ПАО','jsc',NULL), ('AAT','jsc','Ukrainian joint stock company'),
  ('Aktsionernoe Obshchestvo','jsc',NULL), ('Aktsionernoye Obshchestvo','jsc',NULL), ('Акционерное общество','jsc',NULL),
  ('Otkrytoe Aktsionernoe Obshchestvo','jsc',NULL), ('Открытое акционерное общество','jsc',NULL),
  ('Zakrytoe Aktsionernoe Obshchestvo','jsc',NULL), ('Публичное акционерное общество','jsc',NULL),
  ('Ltd','ltd','limited company'), ('Limited','ltd',NULL), ('Co Ltd','ltd',NULL), ('Company Limited','ltd',NULL),
  ('Co Limited','ltd',NULL), ('Pvt Ltd','ltd',NULL), ('Private Limited','ltd',NULL), ('Pty Ltd','ltd',NULL),
  ('Proprietary Limited','ltd',NULL), ('Pte Ltd','ltd',NULL), ('Sdn Bhd','ltd','Malaysian private limited'),
  ('Yugen Kaisha','ltd',NULL), ('KK','kk','kabushiki kaisha'), ('Kabushiki Kaisha','kk',NULL),
  ('PLC','plc','public limited company'), ('P.L.C.','plc',NULL), ('Public Limited Company','plc',NULL),
  ('Inc','inc','incorporated'), ('Incorporated','inc',NULL),
  ('Corp','corp','corporation'),
  ('LLP','llp','limited liability partnership'), ('Limited Liability Partnership','llp',NULL),
  ('LP','lp','limited partnership'), ('L.P.','lp',NULL), ('Limited Partnership','lp',NULL),
  ('SA','sa','société anonyme / sociedad anónima'), ('S.A.','sa',NULL), ('Société Anonyme','sa',NULL),
  ('Sociedad Anonima','sa',NULL), ('Sociedade Anonima','sa',NULL), ('SpA','sa','società per azioni'),
  ('Società per Azioni','sa',NULL), ('SA de CV','sa',NULL), ('S.A. de C.V.','sa',NULL),
  ('SARL','sarl','société à responsabilité limitée'), ('S.A.R.L.','sarl',NULL), ('Société à Responsabilité Limitée','sarl',NULL),
  ('SRL','sarl','società/societatea cu răspundere limitată'), ('S.R.L.','sarl',NULL), ('Societatea cu Raspundere Limitata','sarl',NULL),
  ('Società a Responsabilità Limitata','sarl',NULL), ('SL','sarl','sociedad limitada'), ('Sociedad Limitada','sarl',NULL),
  ('Ltda','sarl','limitada'), ('Limitada','sarl',NULL), ('SAS','sas','société par actions simplifiée'), ('S.A.S.','sas',NULL),
  ('BV','bv','besloten vennootschap'), ('B.V.','bv',NULL), ('Besloten Vennootschap','bv',NULL),
  ('BVBA','bv','Belgian private limited'), ('B.V.B.A.','bv',NULL),
  ('NV','nv','naamloze vennootschap'), ('N.V.','nv',NULL), ('Naamloze Vennootschap','nv',NULL),
  ('AB','ab','aktiebolag'), ('Aktiebolag','ab',NULL), ('AS','as','aksjeselskap / aktieselskab'), ('A/S','as',NULL),
  ('ASA','as',NULL), ('Aktieselskab','as',NULL), ('Oy','oy','osakeyhtiö'), ('Oyj','oy',NULL),
  ('Sp z oo','spzoo','spółka z ograniczoną odpowiedzialnością'), ('Sp. z o.o.','spzoo',NULL),
  ('Spolka z ograniczona odpowiedzialnoscia','spzoo',NULL), ('sro','spzoo','společnost s ručením omezeným'), ('s.r.o.','spzoo',NULL),
  ('KG','kg','Kommanditgesellschaft'), ('Kommanditgesellschaft','kg',NULL), ('GmbH & Co KG','kg',NULL),
  ('PT','pt','perseroan terbatas'), ('P.T.','pt',NULL), ('Perseroan Terbatas','pt',NULL), ('Tbk','pt',NULL),
  ('FZE','fze','free zone establishment'), ('FZCO','fze','free zone company'), ('FZ LLC','fze',NULL), ('DMCC','fze',NULL),
  ('ANO','ano','autonomous non-profit organisation'), ('Avtonomnaya Nekommercheskaya Organizatsiya','ano',NULL),
  ('FGUP','fgup','federal state unitary enterprise'), ('GUP','fgup',NULL), ('Federal State Unitary Enterprise','fgup',NULL),
  ('ФГУП','fgup',NULL), ('NAO','jsc','non-public joint stock company'), ('Non-Public Joint Stock Company','jsc',NULL),
  ('NA','na','national association (US banks)'), ('N.A.','na',NULL), ('National Association','na',NULL),
  ('SE','se','societas europaea'), ('Societas Europaea','se',NULL),
  ('Tic Ltd Sti','ltd','Turkish limited'), ('Ltd Sti','ltd',NULL), ('AS Turk','as',NULL),
  ('Co','co','company (abbreviation)'), ('Cie','co',NULL), ('Et Cie','co',NULL)
) AS v(f, c, d);

-- honorifics and titles -------------------------------------------------------
INSERT INTO screen.honorifics (token, shipped)
SELECT t, true FROM unnest(ARRAY[
  'mr','mrs','ms','miss','mx','dr','doctor','prof','professor','sir','dame','lord','madam','madame','mme','mlle',
  'monsieur','herr','frau','senor','senora','sr','sra','sheikh','shaikh','shaykh','sheik','cheikh','haji','hajji',
  'hadji','alhaji','mullah','mulla','maulana','maulvi','mawlawi','molvi','qari','sayyid','sayed','sayyed','syed',
  'imam','ayatollah','hojatoleslam','mufti','emir','amir al-muminin','general','gen','colonel','col','lt','major',
  'maj','captain','capt','lieutenant','admiral','adm','brigadier','sergeant','sgt','commander','cmdr','marshal',
  'president','präsident','presidente','prime minister','minister','deputy','senator','governor','ambassador',
  'prince','princess','king','queen','his excellency','her excellency','excellency','hon','honourable',
  'honorable','rev','reverend','father','pastor','rabbi','engineer','eng','ing','dipl','jr','junior','sr.','snr',
  'esq','phd','md'
]) AS t
ON CONFLICT DO NOTHING;

-- particles and stop words -----------------------------------------------------
INSERT INTO screen.name_particles (token, kind, shipped)
SELECT t, 'particle', true FROM unnest(ARRAY[
  'al','el','ul','ur','ud','ad','as','an','bin','bn','ibn','ben','bint','binti','bte','bt','abu','abou','abo','umm',
  'ait','ould','ag','de','da','di','do','du','del','della','dei','der','den','des','dos','das','la','le','lo',
  'van','von','ter','ten','vd','y','e','zu','mac','bar','bat','bou'
]) AS t
ON CONFLICT DO NOTHING;
INSERT INTO screen.name_particles (token, kind, shipped)
SELECT t, 'stop', true FROM unnest(ARRAY['the','of','and','for','in','on','at','und','et','und','les','der die das'])
AS t
ON CONFLICT DO NOTHING;

-- given-name equivalence groups (canonical first) ----------------------------
INSERT INTO screen.given_names (name, canonical, shipped)
SELECT n, g[1], true
  FROM (VALUES
   (ARRAY['muhammad','mohammed','mohammad','mohamed','mohamad','muhammed','mohammod','mehmet','mehmed','muhamad','mohd','mhd','md','mohamud','maxamed']),
   (ARRAY['bin','ibn','bn','ben']),
   (ARRAY['ahmad','ahmed','ahmet','achmed','ahmat','axmed']),
   (ARRAY['mahmud','mahmood','mahmoud','mahmut']),
   (ARRAY['hassan','hasan','hassen','xasan']),
   (ARRAY['hussein','husain','hussain','husayn','hussien','huseyin','hossein','husein','xuseen']),
   (ARRAY['abdullah','abdallah','abdulla','abdellah','abdollah','cabdullaahi','abdullahi']),
   (ARRAY['abdulaziz','abdelaziz','abdul aziz','abd al aziz']),
   (ARRAY['abdulrahman','abdelrahman','abdurrahman','abdul rahman','abd al rahman','abdulrahmane','abdirahman']),
   (ARRAY['usama','osama','oussama','ousama']),
   (ARRAY['yusuf','yousef','yousuf','youssef','yusef','yosef','joseph','josef','iosif','yusif','yousif']),
   (ARRAY['ibrahim','ebrahim','abraham','ibraheem','brahim']),
   (ARRAY['ismail','ismael','esmail','ismoil']),
   (ARRAY['umar','omar','omer','oumar']),
   (ARRAY['uthman','othman','osman','usman','othmane']),
   (ARRAY['ali','aly','alee']),
   (ARRAY['khalid','khaled','halid','xaalid']),
   (ARRAY['said','saeed','sayed','saed','saeid','saied']),
   (ARRAY['yahya','yahia','yehia','yahiya']),
   (ARRAY['mustafa','mostafa','moustafa','mustapha','mostapha']),
   (ARRAY['jamal','gamal','djamal','jamaal']),
   (ARRAY['qasim','kassem','kasim','qassem','qassim','kacem']),
   (ARRAY['abdulkarim','abdelkarim','abdul karim']),
   (ARRAY['nasrallah','nasrullah','nasrollah']),
   (ARRAY['aleksandr','alexander','alexandr','oleksandr','aleksander','aliaksandr','alyaksandr','alexandre','alessandro','alejandro','aleksandar']),
   (ARRAY['aleksei','alexei','alexey','aleksey','oleksiy','oleksii','alexis']),
   (ARRAY['andrei','andrey','andriy','andrii','andrzej','andreas','andrew','andre']),
   (ARRAY['anatoly','anatolii','anatoliy','anatoli']),
   (ARRAY['arkady','arkadii','arkadiy','arkadi']),
   (ARRAY['boris','borys']),
   (ARRAY['dmitry','dmitri','dmitrii','dmytro','dimitri','dmitriy']),
   (ARRAY['evgeny','yevgeny','evgenii','yevgeniy','evgeniy','yevhen','ievgen','eugene','evgueni','yevgeni']),
   (ARRAY['georgy','georgii','georgiy','heorhiy','george','jorge','giorgi','georg']),
   (ARRAY['grigory','grigorii','grigoriy','hryhoriy','gregory']),
   (ARRAY['igor','ihor','ygor']),
   (ARRAY['ilya','illia','ilia','elijah']),
   (ARRAY['ivan','iwan','ivane','ioann','john','juan','jean','johann','johannes','giovanni','joao','jan','hans']),
   (ARRAY['konstantin','kostiantyn','kostyantyn','constantin','constantine']),
   (ARRAY['maksim','maxim','maksym','maxime']),
   (ARRAY['mikhail','mykhailo','mikhael','michael','michail','michal','miguel','mikhailo','michel']),
   (ARRAY['nikolai','nikolay','mykola','nicolai','nikolaj','nicholas','nicolas','nikolaus','nicola']),
   (ARRAY['oleg','oleh']),
   (ARRAY['pavel','pavlo','paul','pablo','paolo','pawel']),
   (ARRAY['pyotr','petr','petro','peter','pierre','pedro','pietro','piotr']),
   (ARRAY['sergey','sergei','serhiy','serhii','sergiy','serguei','sergej','sergii','sergio']),
   (ARRAY['vladimir','volodymyr','wladimir','uladzimir','vladimer','wolodymyr']),
   (ARRAY['vyacheslav','viacheslav','vjaceslav']),
   (ARRAY['viktor','victor','wiktor']),
   (ARRAY['yuri','yury','iurii','yuriy','yurii','jurij','juri','iouri']),
   (ARRAY['yakov','iakov','jakob','jacob','yaakov','jacques','jakub']),
   (ARRAY['fyodor','fedor','fiodor','theodore','teodor','feodor','ted']),
   (ARRAY['tatyana','tatiana','tetiana','tatjana']),
   (ARRAY['natalya','natalia','nataliya','natalie']),
   (ARRAY['yelena','elena','olena','helen','helena','jelena']),
   (ARRAY['yekaterina','ekaterina','kateryna','katerina','catherine','katharina']),
   (ARRAY['olga','olha']),
   (ARRAY['svetlana','sviatlana','svitlana']),
   (ARRAY['xi','shi','si','hsi']),
   (ARRAY['mao','mau']),
   (ARRAY['friedrich','frederick','fridrich','frederic','federico']),
   (ARRAY['wilhelm','william','guillaume','willem','guillermo']),
   (ARRAY['barack','barak']),
   (ARRAY['benjamin','binyamin','benyamin','binyamin']),
   (ARRAY['jose','josé']),
   (ARRAY['fernando','ferdinand','hernando']),
   (ARRAY['vicente','vincent','vincenzo']),
   (ARRAY['hugo','ugo']),
   (ARRAY['fidel']),
   (ARRAY['donald']),
   (ARRAY['daniel','danil','danylo','daniil']),
   (ARRAY['roberto','robert']),
   (ARRAY['antonin','antonio','anton','antoine','anthony']),
   (ARRAY['andrej']),
   (ARRAY['marcel','marcello']),
   (ARRAY['luis','louis','luiz','ludwig']),
   (ARRAY['thomas','tomas','tomasz','foma']),
   (ARRAY['aaron','harun','haroun']),
   (ARRAY['josh','joshua']),
   (ARRAY['gerd','gerhard']),
   (ARRAY['gena','gennady','gennadiy','hennadiy']),
   (ARRAY['geoffrey','jeffrey']),
   (ARRAY['alice','alicia']),
   (ARRAY['sandeep']),
   (ARRAY['sundar']),
   (ARRAY['pekka']),
   (ARRAY['petteri']),
   (ARRAY['rami']),
   (ARRAY['hafez','hafiz']),
   (ARRAY['octavian','octavio']),
   (ARRAY['olaf','olav'])
  ) AS groups(g), unnest(g) AS n
ON CONFLICT DO NOTHING;

-- common tokens and their weight ----------------------------------------------
INSERT INTO screen.common_tokens (token, weight, kind, shipped)
SELECT t, w, k, true FROM (VALUES
  ('muhammad',0.45,'name'), ('ahmad',0.5,'name'), ('ali',0.5,'name'), ('hassan',0.55,'name'), ('hussein',0.55,'name'), ('abdul',0.35,'name'),
  ('abd',0.35,'name'), ('abdel',0.35,'name'), ('abdullah',0.55,'name'), ('mahmud',0.6,'name'), ('ibrahim',0.6,'name'), ('khan',0.5,'name'),
  ('kim',0.5,'name'), ('li',0.5,'name'), ('wang',0.5,'name'), ('zhang',0.5,'name'), ('chen',0.5,'name'), ('liu',0.5,'name'),
  ('singh',0.5,'name'), ('kumar',0.6,'name'), ('shah',0.6,'name'), ('din',0.6,'name'), ('deen',0.6,'name'), ('allah',0.6,'name'),
  ('ullah',0.6,'name'), ('rahman',0.6,'name'), ('umar',0.6,'name'), ('yusuf',0.6,'name'), ('ivanov',0.7,'name'), ('smith',0.7,'name'),
  ('company',0.3,'organization'), ('corporation',0.3,'organization'), ('group',0.35,'organization'), ('holding',0.35,'organization'), ('holdings',0.35,'organization'), ('international',0.35,'organization'),
  ('trading',0.35,'organization'), ('trade',0.4,'organization'), ('industries',0.4,'organization'), ('industrial',0.4,'organization'), ('industry',0.4,'organization'), ('enterprise',0.4,'organization'),
  ('enterprises',0.4,'organization'), ('services',0.35,'organization'), ('service',0.35,'organization'), ('solutions',0.4,'organization'), ('global',0.4,'organization'), ('general',0.4,'organization'),
  ('national',0.4,'organization'), ('bank',0.35,'organization'), ('banking',0.4,'organization'), ('trust',0.45,'organization'), ('fund',0.45,'organization'), ('capital',0.45,'organization'),
  ('investment',0.45,'organization'), ('investments',0.45,'organization'), ('management',0.45,'organization'), ('partners',0.45,'organization'), ('systems',0.45,'organization'), ('technology',0.45,'organization'),
  ('technologies',0.45,'organization'), ('shipping',0.45,'organization'), ('logistics',0.45,'organization'), ('marine',0.5,'organization'), ('maritime',0.5,'organization'), ('petroleum',0.5,'organization'),
  ('oil',0.5,'organization'), ('gas',0.5,'organization'), ('energy',0.5,'organization'), ('engineering',0.5,'organization'), ('construction',0.5,'organization'), ('development',0.5,'organization'),
  ('import',0.45,'organization'), ('business',0.4,'organization'), ('export',0.45,'organization'), ('commercial',0.45,'organization'), ('financial',0.45,'organization'), ('finance',0.45,'organization'), ('securities',0.45,'organization'),
  ('insurance',0.5,'organization'), ('foundation',0.45,'organization'), ('organization',0.4,'organization'), ('organisation',0.4,'organization'), ('association',0.45,'organization'), ('institute',0.45,'organization'),
  ('center',0.45,'organization'), ('centre',0.45,'organization'), ('committee',0.45,'organization'), ('ministry',0.45,'organization'), ('agency',0.45,'organization'), ('office',0.45,'organization'),
  ('factory',0.45,'organization'), ('plant',0.45,'organization'), ('works',0.45,'organization'), ('bureau',0.45,'organization'), ('research',0.45,'organization'), ('scientific',0.45,'organization'),
  ('production',0.45,'organization'), ('association',0.45,'organization'), ('state',0.45,'organization'), ('federal',0.45,'organization'), ('republic',0.45,'organization'), ('islamic',0.45,'organization'),
  ('army',0.5,'organization'), ('brigade',0.5,'organization'), ('front',0.5,'organization'), ('movement',0.5,'organization'), ('party',0.5,'organization'), ('union',0.5,'organization'),
  ('new',0.4,'organization'), ('first',0.4,'organization'), ('china',0.5,'organization'), ('russia',0.5,'organization'), ('iran',0.5,'organization'), ('asia',0.5,'organization'),
  ('europe',0.5,'organization'), ('middle',0.45,'organization'), ('east',0.45,'organization'), ('gulf',0.5,'organization'), ('star',0.5,'organization'), ('ocean',0.5,'organization'),
  ('sea',0.5,'organization'), ('real',0.45,'organization'), ('estate',0.45,'organization'), ('mortgage',0.45,'organization'), ('loan',0.45,'organization'), ('backed',0.45,'organization'),
  ('asset',0.45,'organization'), ('assets',0.45,'organization')
) AS v(t, w, k)
ON CONFLICT DO NOTHING;
