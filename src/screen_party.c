/*
 * screen_party.c — screen.screen_party(): one party against the current
 * lists.
 *
 *   1. the arguments are checked (each error names its argument);
 *   2. the name is parsed and matched against the backend's view of the
 *      current lists (screen_match.c), at the threshold lowered by the
 *      candidate margin when a date of birth or a country could lift a
 *      score;
 *   3. entities listing one of the party's identifiers join the
 *      candidates even when no name matches;
 *   4. each candidate entity keeps its best name (a weak alias counts
 *      less), gets its entity score from the evidence (screen_evidence.c),
 *      and those reaching the threshold are returned best first, at most
 *      max_hits, each with its explanation.
 *
 * A screening "as of" a past date needs the list history, which the view
 * does not hold: it runs the SQL implementation, screen._screen_party_sql,
 * which gives the same hits for the current lists (sql/50_screening.sql
 * compares the two).
 */
#include "pg_screen.h"

#include <math.h>

#include "catalog/pg_collation_d.h"
#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"

#include "screen_lists.h"

#define MAX_NAME_CHARS 10000

/* the SQL helpers screen_party calls, looked up once per call site */
typedef struct PartyFns
{
	FmgrInfo	is_entity_kind;
	FmgrInfo	normalize_identifier;
} PartyFns;

static void
lookup_fn(FmgrInfo *fi, const char *name, int nargs, MemoryContext cxt)
{
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Oid			fn = LookupFuncName(list_make2(makeString("screen"), makeString(pstrdup(name))),
									nargs, argtypes, false);

	fmgr_info_cxt(fn, fi, cxt);
}

static PartyFns *
party_fns(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		PartyFns   *f = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(PartyFns));

		lookup_fn(&f->is_entity_kind, "is_entity_kind", 1, fcinfo->flinfo->fn_mcxt);
		lookup_fn(&f->normalize_identifier, "normalize_identifier", 2, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = f;
	}
	return (PartyFns *) fcinfo->flinfo->fn_extra;
}

static char *
arg_text(FunctionCallInfo fcinfo, int i)
{
	return PG_ARGISNULL(i) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(i));
}

static bool
blank(const char *s)
{
	for (; s && *s; s++)
		if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			return false;
	return true;
}

/* "type:value" or "value", normalized as the lists store them */
static void
parse_identifiers(FunctionCallInfo fcinfo, PartyFns *fns, ScrParty *p)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(4);
	Datum	   *vals;
	bool	   *nulls;
	int			n,
				i;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &vals, &nulls, &n);
	p->ids = palloc(sizeof(char *) * (n + 1));
	p->id_types = palloc(sizeof(char *) * (n + 1));
	for (i = 0; i < n; i++)
	{
		char	   *x,
				   *colon,
				   *t;
		const char *type = NULL;
		Datum		norm;

		if (nulls[i])
			continue;
		x = TextDatumGetCString(vals[i]);
		if (blank(x))
			continue;
		/* a type is lower-case letters and underscores before the first colon */
		colon = strchr(x, ':');
		if (colon && colon > x)
		{
			for (t = x; t < colon && ((*t >= 'a' && *t <= 'z') || *t == '_'); t++)
				;
			if (t == colon)
			{
				*colon = '\0';
				type = x;
				x = colon + 1;
			}
		}
		{
			/* screen.normalize_identifier(value, type), the type possibly NULL */
			LOCAL_FCINFO(nfc, 2);

			InitFunctionCallInfoData(*nfc, &fns->normalize_identifier, 2, DEFAULT_COLLATION_OID,
									 NULL, NULL);
			nfc->args[0].value = CStringGetTextDatum(x);
			nfc->args[0].isnull = false;
			nfc->args[1].value = type ? CStringGetTextDatum(type) : (Datum) 0;
			nfc->args[1].isnull = (type == NULL);
			norm = FunctionCallInvoke(nfc);
			if (nfc->isnull)
				continue;
		}
		p->ids[p->nids] = TextDatumGetCString(norm);
		p->id_types[p->nids] = type;
		p->nids++;
	}
}

/* the SQL implementation, for screenings as of a date */
static void
screen_as_of(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			types[9] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTARRAYOID, TEXTARRAYOID,
	FLOAT4OID, INT4OID, DATEOID};
	Datum		vals[9];
	char		nulls[9];
	uint64		i;
	int			k,
				rc;

	for (k = 0; k < 9; k++)
	{
		vals[k] = PG_GETARG_DATUM(k);
		nulls[k] = PG_ARGISNULL(k) ? 'n' : ' ';
	}
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute_with_args("SELECT * FROM screen._screen_party_sql($1, $2, $3, $4, $5, $6, $7, $8, $9)",
							   9, types, vals, nulls, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "screening as of a date failed: %s", SPI_result_code_string(rc));
	for (i = 0; i < SPI_processed; i++)
		tuplestore_puttuple(rsinfo->setResult, SPI_tuptable->vals[i]);
	SPI_finish();
}

/* one candidate entity */
typedef struct Cand
{
	int			entity;
	int			name;			/* -1: found by identifier */
	float4		ns;
	float4		score;
	char	   *factors;
} Cand;

static int
cmp_by_entity(const void *a, const void *b, void *arg)
{
	const ScrNameHit *x = a,
			   *y = b;
	ScrLists   *L = arg;
	int			ex = L->names[x->name].entity,
				ey = L->names[y->name].entity;

	/* entity order is entity_id order; names in list order */
	if (ex != ey)
		return ex - ey;
	return x->name - y->name;
}

static int
cmp_rank(const void *a, const void *b)
{
	const Cand *x = a,
			   *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->ns != y->ns)
		return x->ns > y->ns ? -1 : 1;
	return x->entity - y->entity;	/* entity order is entity_id order */
}

static void
put_hit(ReturnSetInfo *rsinfo, ScrLists *L, Cand *c, float4 th, PgsParsed *q,
		const char *qtext)
{
	ScrEntity  *e = &L->entities[c->entity];
	ScrName    *n = c->name >= 0 ? &L->names[c->name] : NULL;
	Datum		v[11];
	bool		nulls[11] = {0};
	StringInfoData ex;

	initStringInfo(&ex);
	appendStringInfo(&ex, "{\"score\": %.4f, \"threshold\": %s, \"name_score\": %.4f, \"matched_name\": ",
					 c->score, DatumGetCString(DirectFunctionCall1(float4out, Float4GetDatum(th))),
					 c->ns);
	if (n)
	{
		escape_json(&ex, n->name);
		appendStringInfoString(&ex, ", \"name_type\": ");
		escape_json(&ex, n->name_type);
	}
	else
		appendStringInfoString(&ex, "null, \"name_type\": null");
	appendStringInfo(&ex, ", \"factors\": %s, \"name\": ", c->factors);
	if (n && qtext)
	{
		PgsParsed	lp;

		lp.ntokens = n->ntok;
		lp.tokens = n->tok;
		pgs_explain_append(&ex, q, &lp, qtext, n->name);
	}
	else
		appendStringInfoString(&ex, "null");
	appendStringInfoChar(&ex, '}');

	v[0] = Int64GetDatum(e->entity_id);
	v[1] = CStringGetTextDatum(L->sources[e->source]);
	v[2] = CStringGetTextDatum(e->list_id);
	v[3] = Int64GetDatum(e->version_id);
	v[4] = CStringGetTextDatum(e->kind);
	v[5] = CStringGetTextDatum(e->primary_name);
	v[6] = CStringGetTextDatum(n ? n->name : e->primary_name);
	v[7] = CStringGetTextDatum(n ? n->name_type : "identifier");
	v[8] = Float4GetDatum(c->ns);
	v[9] = Float4GetDatum(c->score);
	v[10] = DirectFunctionCall1(jsonb_in, CStringGetDatum(ex.data));
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
}

PG_FUNCTION_INFO_V1(pgs_screen_party);
Datum
pgs_screen_party(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *name = arg_text(fcinfo, 0);
	char	   *kind = arg_text(fcinfo, 1);
	char	   *country = arg_text(fcinfo, 2);
	char	   *birth_date = arg_text(fcinfo, 3);
	float4		th = PG_ARGISNULL(6) ? (float4) pg_screen_threshold : PG_GETARG_FLOAT4(6);
	int			max_hits;
	PartyFns   *fns;
	ScrLists   *L;
	ScrParty	p;
	bool	   *source_ok = NULL;
	float4		qth;
	PgsParsed  *q;
	ScrNameHit *hits;
	int			nhits,
			   *byid,
				nbyid,
				ncand = 0,
				i;
	Cand	   *cand;

	InitMaterializedSRF(fcinfo, 0);
	memset(&p, 0, sizeof(p));

	/* arguments --------------------------------------------------------- */
	if (name && pg_mbstrlen(name) > MAX_NAME_CHARS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("argument name is too long (%d characters)", pg_mbstrlen(name)),
				 errdetail("screen_party accepts names of at most %d characters.", MAX_NAME_CHARS),
				 errhint("Pass the party's name, not a document.")));
	if (isnan(th) || th < 0 || th > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument threshold must be between 0 and 1, not %s",
						DatumGetCString(DirectFunctionCall1(float4out, Float4GetDatum(th))))));
	if (PG_ARGISNULL(7) || PG_GETARG_INT32(7) < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument max_hits must be at least 1, not %s",
						PG_ARGISNULL(7) ? "NULL" : psprintf("%d", PG_GETARG_INT32(7)))));
	max_hits = PG_GETARG_INT32(7);
	fns = party_fns(fcinfo);
	if (kind && !DatumGetBool(FunctionCall1Coll(&fns->is_entity_kind, DEFAULT_COLLATION_OID,
												CStringGetTextDatum(kind))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument kind: unknown entity kind \"%s\"", kind),
				 errhint("Use person, organization, vessel, aircraft or unknown (or NULL).")));
	p.kind = kind;

	if (!PG_ARGISNULL(8))
	{
		/* a past date: the list history, in SQL */
		screen_as_of(fcinfo);
		return (Datum) 0;
	}

	L = scr_lists_get();
	if (country)
	{
		p.iso2 = scr_country_iso2(L, country);
		if (p.iso2 == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument country: unknown country \"%s\"", country),
					 errhint("Give an ISO 3166-1 code (alpha-2 or alpha-3) or an English country name; "
							 "local spellings can be added to screen.control_country_alias.")));
	}
	if (birth_date)
	{
		if (!scr_parse_birth_date(birth_date, &p.dob_from, &p.dob_to, &p.dob_prec))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
					 errmsg("argument birth_date: invalid date \"%s\"", birth_date),
					 errhint("Give YYYY, YYYY-MM or YYYY-MM-DD.")));
		p.has_dob = true;
	}
	if (!PG_ARGISNULL(5))
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(5);
		Datum	   *vals;
		bool	   *nulls;
		int			n;

		deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &vals, &nulls, &n);
		source_ok = palloc0(sizeof(bool) * (L->nsources + 1));
		for (i = 0; i < n; i++)
		{
			char	   *code = nulls[i] ? NULL : TextDatumGetCString(vals[i]);
			int			s = code ? scr_source_index(L, code) : -1;

			if (s < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("argument sources: unknown list source \"%s\"", code ? code : "NULL"),
						 errhint("See screen.list_source for the codes of the lists.")));
			source_ok[s] = true;
		}
	}
	if (!PG_ARGISNULL(4))
		parse_identifiers(fcinfo, fns, &p);
	if (blank(name) && p.nids == 0)
		return (Datum) 0;		/* nothing to screen: no hits, not an error */

	/* names ------------------------------------------------------------- */
	q = palloc(sizeof(PgsParsed));
	{
		struct varlena *qn = pgs_text_to_name(cstring_to_text(name ? name : ""));
		PgsNameHead head;

		memcpy(&head, VARDATA_ANY(qn), sizeof(head));
		q->tokens = palloc(sizeof(PgsToken) * (head.ntokens + 1));
		q->ntokens = pgs_unpack(qn, q->tokens, head.ntokens);
	}
	/* a birth date and a country can lift a score by up to candidate_margin */
	qth = th;
	if (p.has_dob || p.iso2)
		qth = th - (float4) L->w.candidate_margin;
	qth = Max(qth, (float4) 0.01);
	nhits = scr_match_names(L, q->tokens, q->ntokens, qth, source_ok, &hits);
	nbyid = p.nids > 0 ? scr_ident_entities(L, &p, &byid) : 0;

	/* candidate entities: the best name of each, then those found by identifier */
	cand = palloc(sizeof(Cand) * (nhits + nbyid + 1));
	qsort_arg(hits, nhits, sizeof(ScrNameHit), cmp_by_entity, L);
	for (i = 0; i < nhits; i++)
	{
		ScrName    *nm = &L->names[hits[i].name];
		double		eff = hits[i].ns * (nm->weak ? (float4) L->w.weak_alias_factor : 1);

		if (ncand > 0 && cand[ncand - 1].entity == nm->entity)
		{
			Cand	   *c = &cand[ncand - 1];
			double		ceff = c->ns * (L->names[c->name].weak ? (float4) L->w.weak_alias_factor : 1);

			if (eff > ceff)
			{
				c->name = hits[i].name;
				c->ns = hits[i].ns;
			}
			continue;
		}
		cand[ncand].entity = nm->entity;
		cand[ncand].name = hits[i].name;
		cand[ncand].ns = hits[i].ns;
		ncand++;
	}
	for (i = 0; i < nbyid; i++)
	{
		int			k;

		if (source_ok && !source_ok[L->entities[byid[i]].source])
			continue;
		for (k = 0; k < ncand && cand[k].entity != byid[i]; k++)
			;
		if (k < ncand)
			continue;
		cand[ncand].entity = byid[i];
		cand[ncand].name = -1;
		cand[ncand].ns = 0;
		ncand++;
	}

	/* entity scores ------------------------------------------------------- */
	{
		int			kept = 0;

		for (i = 0; i < ncand; i++)
		{
			Cand	   *c = &cand[i];
			ScrName    *nm = c->name >= 0 ? &L->names[c->name] : NULL;
			bool		needs = p.kind || p.iso2 || p.has_dob || p.nids > 0 ||
				(nm && (nm->weak || nm->low_quality));

			if (needs)
			{
				StringInfoData f;

				initStringInfo(&f);
				c->score = (float4) scr_entity_score(L, &L->entities[c->entity], nm, c->ns, &p, &f);
				c->factors = f.data;
			}
			else
			{
				c->score = c->ns;
				c->factors = "[]";
			}
			if (c->score >= th)
				cand[kept++] = *c;
		}
		ncand = kept;
	}
	qsort(cand, ncand, sizeof(Cand), cmp_rank);
	for (i = 0; i < ncand && i < max_hits; i++)
		put_hit(rsinfo, L, &cand[i], th, q, name);
	return (Datum) 0;
}
