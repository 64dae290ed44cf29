/*
 * knowledge.c — token knowledge kept as data: legal forms, honorifics, name
 * particles and stop words, given-name equivalence groups, common tokens.
 *
 * The rows live in user-extendable tables (screen.legal_forms, ...).  Each
 * backend loads them once into a hash table keyed by the normalized form of
 * the word or phrase (normalized with the same code as names, so "L.L.C."
 * and "llc" are one key).  A statement trigger on every knowledge table
 * calls screen.knowledge_changed(), which sends a relcache invalidation for
 * the table; every backend's callback then marks its cache stale and the
 * next lookup reloads it.
 */
#include "pg_screen.h"

#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "name.h"

#define N_KNOW_TABLES 5
static const char *know_tables[N_KNOW_TABLES] = {
	"legal_forms", "honorifics", "name_particles", "given_names", "common_tokens"
};

static HTAB *know_hash = NULL;
static MemoryContext know_cxt = NULL;
static bool know_valid = false;
static bool know_loading = false;
static bool callback_registered = false;
static Oid	know_relids[N_KNOW_TABLES];
static int	know_max_phrase = 1;
/* single-token legal forms, for the fuzzy lookup of long spelled-out forms */
static PgsKnow **legal_words = NULL;
static int	n_legal_words = 0;

static void
know_inval_callback(Datum arg, Oid relid)
{
	int			i;

	if (!OidIsValid(relid))
	{
		know_valid = false;
		return;
	}
	for (i = 0; i < N_KNOW_TABLES; i++)
		if (know_relids[i] == relid)
			know_valid = false;
}

/* normalize a knowledge key the way names are normalized; returns words */
static int
normalize_key(const char *raw, char *key, int keysize)
{
	uint8	   *scripts;
	int			nlen;
	char	   *norm = pgs_normalize(raw, strlen(raw), &scripts, &nlen);
	PgsToken	toks[16];
	int			n = pgs_split_words(norm, scripts, nlen, toks, 16);
	int			i,
				p = 0;

	for (i = 0; i < n; i++)
	{
		if (p + toks[i].len + 2 >= keysize)
			break;
		if (i > 0)
			key[p++] = ' ';
		memcpy(key + p, toks[i].text, toks[i].len);
		p += toks[i].len;
	}
	key[p] = '\0';
	return n;
}

static void
add_entry(int what, const char *raw, const char *canon, float4 weight)
{
	char		key[PGS_MAX_TOKEN_LEN * 2];
	int			nwords = normalize_key(raw, key, sizeof(key));
	PgsKnow    *e;
	bool		found;

	if (nwords == 0 || key[0] == '\0')
		return;
	e = hash_search(know_hash, key, HASH_ENTER, &found);
	if (!found)
	{
		e->what = 0;
		e->weight = 1.0;
		e->canon[0] = '\0';
		e->nwords = nwords;
	}
	e->what |= what;
	if (what & PGS_K_COMMON)
		e->weight = weight;
	if (canon && (what & (PGS_K_LEGAL | PGS_K_GIVEN)))
	{
		char		ckey[PGS_MAX_TOKEN_LEN * 2];

		if (what & PGS_K_GIVEN)
			normalize_key(canon, ckey, sizeof(ckey));
		else
			strlcpy(ckey, canon, sizeof(ckey));
		strlcpy(e->canon, ckey, sizeof(e->canon));
	}
	if (nwords > know_max_phrase)
		know_max_phrase = nwords;
	if (nwords > 1)
	{
		/* mark the first word so the parser tries phrases only where one starts */
		char	   *sp = strchr(key, ' ');
		PgsKnow    *f;

		if (sp == NULL)
			return;				/* first word alone filled the key */
		*sp = '\0';
		f = hash_search(know_hash, key, HASH_ENTER, &found);
		if (!found)
		{
			f->what = 0;
			f->weight = 1.0;
			f->canon[0] = '\0';
			f->nwords = 1;
		}
		f->what |= PGS_K_PHRASE;
	}
}

static void
load_knowledge(void)
{
	HASHCTL		ctl;
	Oid			nsp;
	int			i;
	uint64		r;
	HASH_SEQ_STATUS seq;
	PgsKnow    *e;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(know_inval_callback, (Datum) 0);
		callback_registered = true;
	}
	if (know_cxt == NULL)
		know_cxt = AllocSetContextCreate(TopMemoryContext, "pg_screen knowledge",
										 ALLOCSET_DEFAULT_SIZES);
	else
		MemoryContextReset(know_cxt);
	know_hash = NULL;
	legal_words = NULL;
	n_legal_words = 0;
	know_max_phrase = 1;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = PGS_MAX_TOKEN_LEN * 2;
	ctl.entrysize = sizeof(PgsKnow);
	ctl.hcxt = know_cxt;
	know_hash = hash_create("pg_screen knowledge", 1024, &ctl,
							HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);

	nsp = get_namespace_oid("screen", true);
	for (i = 0; i < N_KNOW_TABLES; i++)
		know_relids[i] = OidIsValid(nsp) ? get_relname_relid(know_tables[i], nsp) : InvalidOid;
	if (!OidIsValid(nsp) || !OidIsValid(know_relids[0]))
	{
		/* extension script still running (or tables gone): no knowledge */
		know_valid = true;
		return;
	}

	know_loading = true;
	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute("SELECT 1, form, class, NULL::real FROM screen.legal_forms "
						"UNION ALL SELECT 2, token, NULL, NULL FROM screen.honorifics "
						"UNION ALL SELECT CASE kind WHEN 'stop' THEN 8 ELSE 4 END, token, NULL, NULL FROM screen.name_particles "
						"UNION ALL SELECT 16, name, canonical, NULL FROM screen.given_names "
						"UNION ALL SELECT CASE kind WHEN 'organization' THEN 96 ELSE 32 END, token, NULL, weight FROM screen.common_tokens",
						true, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not read pg_screen knowledge tables");

		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	td = SPI_tuptable->tupdesc;
			bool		isnull;
			int			what = DatumGetInt32(SPI_getbinval(tup, td, 1, &isnull));
			char	   *raw = SPI_getvalue(tup, td, 2);
			char	   *canon = SPI_getvalue(tup, td, 3);
			Datum		w = SPI_getbinval(tup, td, 4, &isnull);

			if (raw == NULL)
				continue;
			add_entry(what, raw, canon, isnull ? 1.0 : DatumGetFloat4(w));
		}

		/* index the one-word legal forms for fuzzy lookup */
		legal_words = MemoryContextAlloc(know_cxt, sizeof(PgsKnow *) *
										 (hash_get_num_entries(know_hash) + 1));
		hash_seq_init(&seq, know_hash);
		while ((e = hash_seq_search(&seq)) != NULL)
			if ((e->what & PGS_K_LEGAL) && e->nwords == 1 && strlen(e->key) >= 8)
				legal_words[n_legal_words++] = e;
		SPI_finish();
	}
	PG_CATCH();
	{
		know_loading = false;
		know_valid = false;
		PG_RE_THROW();
	}
	PG_END_TRY();
	know_loading = false;
	know_valid = true;
}

static inline void
ensure_loaded(void)
{
	if (!know_valid && !know_loading)
		load_knowledge();
}

PgsKnow *
pgs_know_lookup(const char *key, int len)
{
	char		buf[PGS_MAX_TOKEN_LEN * 2];

	if (len <= 0 || len >= (int) sizeof(buf))
		return NULL;
	ensure_loaded();
	if (know_hash == NULL)
		return NULL;
	memcpy(buf, key, len);
	buf[len] = '\0';
	return hash_search(know_hash, buf, HASH_FIND, NULL);
}

int
pgs_know_max_phrase(void)
{
	ensure_loaded();
	return know_max_phrase;
}

/* a long word one edit away from a spelled-out legal form (Aktiengeselschaft) */
PgsKnow *
pgs_know_fuzzy_legal(const char *tok, int len)
{
	int			i;

	ensure_loaded();
	for (i = 0; i < n_legal_words; i++)
	{
		int			kl = strlen(legal_words[i]->key);

		if (abs(kl - len) <= 1 &&
			pgs_osa_distance(tok, len, legal_words[i]->key, kl, 1) <= 1)
			return legal_words[i];
	}
	return NULL;
}

/*
 * screen.knowledge_changed() — statement trigger on the knowledge tables:
 * tell every backend (including this one) to reload its cache.
 */
PG_FUNCTION_INFO_V1(pgs_knowledge_changed);
Datum
pgs_knowledge_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("screen.knowledge_changed() must be called as a trigger")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(td->tg_relation));
	know_valid = false;
	return PointerGetDatum(NULL);
}
