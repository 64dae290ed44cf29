/*
 * name_gin.c — GIN operator class for screen.name: `name_col % query` as an
 * index scan.
 *
 * Keys (int4 hashes of tagged strings) for each indexable token (words,
 * patronymics, numbers; not particles, stop words, legal forms, initials or
 * honorifics, which match almost everything and are rechecked instead):
 *
 *   C  the canonical form (same word, same given-name group, same number)
 *   D  the word cut to DEL_PREFIX characters, and every string made from it
 *      by deleting one character: two words one edit apart (substitution,
 *      insertion, deletion, transposition) always share a D key
 *   P  the first five classes of the consonant-skeleton phonetic key (if
 *      it has three or more, or two for words from an abjad, which are
 *      compared by it): it catches spellings two or more edits apart
 *   I  an initial of the item, met by the first letter of each query word
 *      (personal names only: the scorer aligns initials only there)
 *
 * and for each two adjacent word tokens the glued form, as a C key and as
 * D keys (all deletions on the query side) and a P key, and for three the glued form as
 * a C key, so that "Abdul Rahman" finds "AbdulRahman" and the other way
 * round.
 *
 * Why the index loses (almost) nothing the scorer accepts: a name reaches
 * the threshold only if the weight of its aligned tokens outweighs the cost
 * of what is left unmatched.  The consistent function marks a query token
 * as possibly aligned when any of its keys (or a glued pair it belongs to)
 * is present, assumes every token that has no keys (particles, initials,
 * legal forms) aligns, and computes an upper bound of the score:
 *
 *     UB = Wm / (Wm + sum over unmatched query words of c * w)
 *
 * with Wm the largest weight the possibly aligned tokens could bring, c the
 * cheapest cost of an unmatched word (an extra word in a personal name; a
 * number always contradicts).  Only items with UB >= pg_screen.threshold
 * are returned, and all are rechecked with the exact score.  What the keys
 * cannot see is a word two or more edits away from every word of the other
 * name with a different phonetic key; doc/screening.md reports how often
 * that costs a match on the real lists.
 */
#include "pg_screen.h"

#include "access/gin.h"
#include "access/stratnum.h"
#include "common/hashfn.h"

#include "name.h"

#define NAME_MATCH_STRATEGY 1
#define DEL_PREFIX	20
#define PHON_PREFIX	5

/* one query key: which query token(s) it stands for */
typedef struct QueryKey
{
	int			tok1;
	int			tok2;			/* last token of a glued run, or -1 */
	struct QueryInfo *qi;
} QueryKey;

typedef struct QueryInfo
{
	int			ntok;
	double		threshold;		/* the query's own, else pg_screen.threshold */
	bool		org;
	bool	   *indexed;
	float4	   *weight;
	uint8	   *cls;
} QueryInfo;

typedef struct KeyBuf
{
	Datum	   *keys;
	QueryKey  **extra;
	int			n,
				cap;
} KeyBuf;

static void
add_key(KeyBuf *kb, char tag, const char *s, int len, int tok1, int tok2, QueryInfo *qi)
{
	char		buf[PGS_MAX_TOKEN_LEN * 2 + 2];
	uint32		h;

	len = Min(len, (int) sizeof(buf) - 1);
	buf[0] = tag;
	memcpy(buf + 1, s, len);
	h = hash_bytes((const unsigned char *) buf, len + 1);
	if (kb->n >= kb->cap)
	{
		kb->cap *= 2;
		kb->keys = repalloc(kb->keys, sizeof(Datum) * kb->cap);
		if (kb->extra)
			kb->extra = repalloc(kb->extra, sizeof(QueryKey *) * kb->cap);
	}
	kb->keys[kb->n] = Int32GetDatum((int32) h);
	if (kb->extra)
	{
		QueryKey   *qk = palloc(sizeof(QueryKey));

		qk->tok1 = tok1;
		qk->tok2 = tok2;
		qk->qi = qi;
		kb->extra[kb->n] = qk;
	}
	kb->n++;
}

/* D keys: the string cut to DEL_PREFIX, and (if all_deletions) its 1-deletions */
static void
add_deletion_keys(KeyBuf *kb, const char *s, int len, bool all_deletions,
				  int tok1, int tok2, QueryInfo *qi)
{
	char		buf[DEL_PREFIX + 1];
	int			i;

	len = Min(len, DEL_PREFIX);
	add_key(kb, 'D', s, len, tok1, tok2, qi);
	if (!all_deletions || len < 3)
		return;
	for (i = 0; i < len; i++)
	{
		/* deleting either of two equal neighbours gives the same string */
		if (i > 0 && s[i] == s[i - 1])
			continue;
		memcpy(buf, s, i);
		memcpy(buf + i, s + i + 1, len - i - 1);
		add_key(kb, 'D', buf, len - 1, tok1, tok2, qi);
	}
}

static inline bool
indexable(const PgsToken *t)
{
	return t->cls == PGS_TOK_WORD || t->cls == PGS_TOK_PATRONYMIC || t->cls == PGS_TOK_NUMBER;
}

static inline bool
gluable(const PgsToken *t)
{
	return t->cls == PGS_TOK_WORD || t->cls == PGS_TOK_PATRONYMIC || t->cls == PGS_TOK_PARTICLE;
}

static void
name_keys(PgsToken *t, int n, KeyBuf *kb, bool query, QueryInfo *qi)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		int			pl;

		/* an initial of the item meets the first letter of a query word */
		if (t[i].cls == PGS_TOK_INITIAL && !query)
			add_key(kb, 'I', t[i].text, 1, i, -1, qi);
		if (!indexable(&t[i]))
			continue;
		if (query && t[i].cls != PGS_TOK_NUMBER && !qi->org)
			add_key(kb, 'I', t[i].text, 1, i, -1, qi);
		add_key(kb, 'C', t[i].canon, t[i].clen, i, -1, qi);
		if (t[i].cls == PGS_TOK_NUMBER)
			continue;
		if (t[i].len >= 2)
			add_deletion_keys(kb, t[i].text, t[i].len, true, i, -1, qi);
		for (pl = 0; pl < PGS_PHON_LEN && t[i].phon[pl]; pl++)
			;
		if (pl >= 3 || (pl >= 2 && t[i].script == PGS_SCRIPT_ABJAD))
			add_key(kb, 'P', t[i].phon, Min(pl, PHON_PREFIX), i, -1, qi);
	}
	/* glued neighbours */
	for (i = 0; i + 1 < n; i++)
	{
		char		buf[PGS_MAX_TOKEN_LEN * 2];
		int			len;

		if (!gluable(&t[i]) || !gluable(&t[i + 1]))
			continue;
		len = t[i].len + t[i + 1].len;
		memcpy(buf, t[i].text, t[i].len);
		memcpy(buf + t[i].len, t[i + 1].text, t[i + 1].len);
		if (t[i].cls != PGS_TOK_PARTICLE || t[i + 1].cls != PGS_TOK_PARTICLE)
		{
			char		phon[PGS_PHON_LEN];
			int			pl;

			add_key(kb, 'C', buf, len, i, i + 1, qi);
			add_deletion_keys(kb, buf, len, query, i, i + 1, qi);
			/* a typo in a glued name (IvanPetrovsky / Ivan Petrovski) */
			pgs_phonetic(buf, len, PGS_SCRIPT_LATIN, phon);
			for (pl = 0; pl < PGS_PHON_LEN && phon[pl]; pl++)
				;
			if (pl >= PHON_PREFIX)
				add_key(kb, 'P', phon, PHON_PREFIX, i, i + 1, qi);
		}
		/* and three (bin al shibh / binalshibh) */
		if (i + 2 < n && gluable(&t[i + 2]) && len + t[i + 2].len < (int) sizeof(buf))
		{
			memcpy(buf + len, t[i + 2].text, t[i + 2].len);
			add_key(kb, 'C', buf, len + t[i + 2].len, i, i + 2, qi);
		}
	}
}

static PgsToken *
unpack_all(Datum d, int *n)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(d);
	PgsNameHead head;
	PgsToken   *t;

	memcpy(&head, VARDATA_ANY(v), sizeof(head));
	t = palloc(sizeof(PgsToken) * (head.ntokens + 1));
	*n = pgs_unpack(v, t, head.ntokens);
	return t;
}

PG_FUNCTION_INFO_V1(pgs_name_gin_extract_value);
Datum
pgs_name_gin_extract_value(PG_FUNCTION_ARGS)
{
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	int			n;
	PgsToken   *t = unpack_all(PG_GETARG_DATUM(0), &n);
	KeyBuf		kb;

	kb.cap = 16 + n * 12;
	kb.n = 0;
	kb.keys = palloc(sizeof(Datum) * kb.cap);
	kb.extra = NULL;
	name_keys(t, n, &kb, false, NULL);
	*nentries = kb.n;
	PG_RETURN_POINTER(kb.keys);
}

PG_FUNCTION_INFO_V1(pgs_name_gin_extract_query);
Datum
pgs_name_gin_extract_query(PG_FUNCTION_ARGS)
{
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	Pointer   **extra_data = (Pointer **) PG_GETARG_POINTER(4);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);
	int			n,
				i;
	PgsToken   *t = unpack_all(PG_GETARG_DATUM(0), &n);
	KeyBuf		kb;
	QueryInfo  *qi = palloc0(sizeof(QueryInfo));
	bool		any_indexed = false;

	if (strategy != NAME_MATCH_STRATEGY)
		elog(ERROR, "unrecognized strategy number: %d", strategy);

	qi->ntok = n;
	qi->threshold = pgs_name_threshold(PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0)));
	if (qi->threshold < 0)
		qi->threshold = pg_screen_threshold;
	qi->indexed = palloc0(sizeof(bool) * (n + 1));
	qi->weight = palloc0(sizeof(float4) * (n + 1));
	qi->cls = palloc0(sizeof(uint8) * (n + 1));
	for (i = 0; i < n; i++)
	{
		qi->indexed[i] = indexable(&t[i]);
		qi->weight[i] = t[i].weight;
		qi->cls[i] = t[i].cls;
		if (t[i].cls == PGS_TOK_LEGAL || (t[i].flags & PGS_TF_ORGWORD))
			qi->org = true;
		if (qi->indexed[i])
			any_indexed = true;
	}

	kb.cap = 16 + n * 40;
	kb.n = 0;
	kb.keys = palloc(sizeof(Datum) * kb.cap);
	kb.extra = palloc(sizeof(QueryKey *) * kb.cap);
	name_keys(t, n, &kb, true, qi);

	*nentries = kb.n;
	*extra_data = (Pointer *) kb.extra;
	/*
	 * A query of particles, initials or legal forms only, or a threshold of
	 * 0, can match names that share no key: scan everything (and recheck).
	 */
	if ((!any_indexed && n > 0) || qi->threshold <= 0)
		*searchMode = GIN_SEARCH_MODE_ALL;
	PG_RETURN_POINTER(kb.keys);
}

/*
 * Upper bound of the score an item can reach, given which query keys it has
 * (see the file header).
 */
static double
score_upper_bound(QueryInfo *qi, const bool *check, QueryKey **qk, int nkeys)
{
	bool		matched[PGS_MAX_TOKENS + 1];
	double		wm = 0,
				cost = 0;
	int			i;

	memset(matched, 0, sizeof(bool) * (qi->ntok + 1));
	for (i = 0; i < nkeys; i++)
		if (check[i])
		{
			int			t;

			matched[qk[i]->tok1] = true;
			for (t = qk[i]->tok1 + 1; t <= qk[i]->tok2; t++)
				matched[t] = true;
		}
	for (i = 0; i < qi->ntok; i++)
	{
		double		w = qi->weight[i];

		if (qi->cls[i] == PGS_TOK_HONORIFIC)
			continue;
		if (!qi->indexed[i] || matched[i])
			wm += Max(w, (w + 1.0) / 2);
		else if (qi->cls[i] == PGS_TOK_NUMBER)
			cost += PGS_C_CONTRA * w;
		else
			cost += (qi->org ? PGS_C_EXTRA_ORG : PGS_C_EXTRA_PERSON) * w;
	}
	if (wm <= 0)
		return 0;
	return wm / (wm + cost);
}

PG_FUNCTION_INFO_V1(pgs_name_gin_consistent);
Datum
pgs_name_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);
	QueryKey  **qk = (QueryKey **) extra_data;

	if (strategy != NAME_MATCH_STRATEGY)
		elog(ERROR, "unrecognized strategy number: %d", strategy);
	*recheck = true;
	if (nkeys == 0)
		PG_RETURN_BOOL(true);	/* search mode ALL: recheck decides */
	PG_RETURN_BOOL(score_upper_bound(qk[0]->qi, check, qk, nkeys) >=
				   qk[0]->qi->threshold - 1e-6);
}

PG_FUNCTION_INFO_V1(pgs_name_gin_triconsistent);
Datum
pgs_name_gin_triconsistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
	QueryKey  **qk = (QueryKey **) extra_data;
	bool		bstack[1024];
	bool	   *b = bstack;
	int			i;

	if (strategy != NAME_MATCH_STRATEGY)
		elog(ERROR, "unrecognized strategy number: %d", strategy);
	if (nkeys == 0)
		PG_RETURN_GIN_TERNARY_VALUE(GIN_MAYBE);
	/* MAYBE counts as present: the bound stays an upper bound */
	if (nkeys > (int) lengthof(bstack))
		b = palloc(sizeof(bool) * nkeys);
	for (i = 0; i < nkeys; i++)
		b[i] = (check[i] != GIN_FALSE);
	if (score_upper_bound(qk[0]->qi, b, qk, nkeys) >= qk[0]->qi->threshold - 1e-6)
		PG_RETURN_GIN_TERNARY_VALUE(GIN_MAYBE);
	PG_RETURN_GIN_TERNARY_VALUE(GIN_FALSE);
}
