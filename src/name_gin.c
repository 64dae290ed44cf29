/*
 * name_gin.c — GIN operator class for screen.name: `name_col % query` as an
 * index scan.
 *
 * The keys and the score upper bound are name_keys.c's (its header argues
 * why the bound is safe).  Index entries are the item keys of each name;
 * the query's keys carry the query tokens they stand for, and the
 * consistent function returns only items whose upper bound reaches the
 * query's threshold.  Every returned item is rechecked with the exact score.
 */
#include "pg_screen.h"

#include "access/gin.h"
#include "access/stratnum.h"

#include "name.h"

#define NAME_MATCH_STRATEGY 1

/* one query key: which query tokens it stands for */
typedef struct QueryKey
{
	int			tok1;
	int			tok2;
	PgsBound   *bound;
} QueryKey;

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

static Datum *
keys_as_datums(PgsKeys *kb)
{
	Datum	   *d = palloc(sizeof(Datum) * (kb->n + 1));
	int			i;

	for (i = 0; i < kb->n; i++)
		d[i] = Int32GetDatum((int32) kb->keys[i]);
	return d;
}

PG_FUNCTION_INFO_V1(pgs_name_gin_extract_value);
Datum
pgs_name_gin_extract_value(PG_FUNCTION_ARGS)
{
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	int			n;
	PgsToken   *t = unpack_all(PG_GETARG_DATUM(0), &n);
	PgsKeys		kb;

	pgs_keys_init(&kb, 16 + n * 12, false);
	pgs_name_keys(t, n, false, false, &kb);
	*nentries = kb.n;
	PG_RETURN_POINTER(keys_as_datums(&kb));
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
	double		th;
	PgsBound   *bound;
	PgsKeys		kb;
	QueryKey  **qk;

	if (strategy != NAME_MATCH_STRATEGY)
		elog(ERROR, "unrecognized strategy number: %d", strategy);

	th = pgs_name_threshold(PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0)));
	bound = pgs_bound_prepare(t, n, th < 0 ? pg_screen_threshold : th);
	pgs_keys_init(&kb, 16 + n * 40, true);
	pgs_name_keys(t, n, true, bound->org, &kb);

	qk = palloc(sizeof(QueryKey *) * (kb.n + 1));
	for (i = 0; i < kb.n; i++)
	{
		qk[i] = palloc(sizeof(QueryKey));
		qk[i]->tok1 = kb.tok1[i];
		qk[i]->tok2 = kb.tok2[i];
		qk[i]->bound = bound;
	}
	*nentries = kb.n;
	*extra_data = (Pointer *) qk;
	/* names that share no key can match: scan everything (and recheck) */
	if (pgs_bound_needs_all(bound))
		*searchMode = GIN_SEARCH_MODE_ALL;
	PG_RETURN_POINTER(keys_as_datums(&kb));
}

/* the upper bound of an item's score, given which query keys it has */
static bool
bound_reaches(QueryKey **qk, int nkeys, const bool *check)
{
	PgsBound   *b = qk[0]->bound;
	bool		mstack[PGS_MAX_TOKENS + 1];
	int			i;

	memset(mstack, 0, sizeof(bool) * (b->ntok + 1));
	for (i = 0; i < nkeys; i++)
		if (check[i])
		{
			int			t;

			for (t = qk[i]->tok1; t <= qk[i]->tok2; t++)
				mstack[t] = true;
		}
	return pgs_bound_reaches(b, mstack);
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

	if (strategy != NAME_MATCH_STRATEGY)
		elog(ERROR, "unrecognized strategy number: %d", strategy);
	*recheck = true;
	if (nkeys == 0)
		PG_RETURN_BOOL(true);	/* search mode ALL: recheck decides */
	PG_RETURN_BOOL(bound_reaches((QueryKey **) extra_data, nkeys, check));
}

PG_FUNCTION_INFO_V1(pgs_name_gin_triconsistent);
Datum
pgs_name_gin_triconsistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
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
	if (bound_reaches((QueryKey **) extra_data, nkeys, b))
		PG_RETURN_GIN_TERNARY_VALUE(GIN_MAYBE);
	PG_RETURN_GIN_TERNARY_VALUE(GIN_FALSE);
}
