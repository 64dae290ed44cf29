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
 * A screening "as of" a date runs the same way over a view of the lists as
 * they were in force on that date (screen_lists.c).
 */
#include "pg_screen.h"

#include "catalog/pg_collation_d.h"
#include "catalog/pg_type_d.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "screen_lists.h"

#define MAX_NAME_CHARS 10000

/*
 * The SQL helpers screen_party calls, each looked up once per call site
 * when first needed (party_fn): a call without a kind or identifiers needs
 * neither, and each execution of a prepared statement is a new call site.
 */
typedef struct PartyFns
{
	FmgrInfo	is_entity_kind;
	FmgrInfo	normalize_identifier;
} PartyFns;

static PartyFns *
party_fns(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(PartyFns));
	return (PartyFns *) fcinfo->flinfo->fn_extra;
}

/* helper fi of the call site (screen.<name>, of nargs text arguments) */
static FmgrInfo *
party_fn(FunctionCallInfo fcinfo, FmgrInfo *fi, const char *name, int nargs)
{
	if (!OidIsValid(fi->fn_oid))
	{
		Oid			argtypes[2] = {TEXTOID, TEXTOID};
		Oid			fn = LookupFuncName(list_make2(makeString("screen"), makeString(pstrdup(name))),
										nargs, argtypes, false);

		fmgr_info_cxt(fn, fi, fcinfo->flinfo->fn_mcxt);
	}
	return fi;
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

			InitFunctionCallInfoData(*nfc, party_fn(fcinfo, &fns->normalize_identifier,
													"normalize_identifier", 2),
									 2, DEFAULT_COLLATION_OID, NULL, NULL);
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

/* one candidate entity */
typedef struct Cand
{
	int			entity;
	int			name;			/* -1: found by identifier */
	float4		ns;
	float4		score;
	ScrFactors *factors;
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
	return L->names[x->name].order - L->names[y->name].order;
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

/* what the explanations of one party's hits share */
typedef struct HitShared
{
	Numeric		threshold;		/* the threshold, as float4out writes it */
	JbSaved		name1;			/* the party's name */
} HitShared;

/*
 * The threshold as the explanations show it: as float4out writes it, made
 * a numeric.  The last one is kept (per backend), as most calls use the
 * same.
 */
static Numeric
threshold_numeric(float4 th)
{
	static float4 last_th;
	static Numeric last_num = NULL;

	if (last_num == NULL || memcmp(&th, &last_th, sizeof(float4)) != 0)
	{
		Numeric		num = DatumGetNumeric(DirectFunctionCall3(numeric_in,
															  DirectFunctionCall1(float4out, Float4GetDatum(th)),
															  ObjectIdGetDatum(InvalidOid),
															  Int32GetDatum(-1)));
		Numeric		copy = MemoryContextAlloc(TopMemoryContext, VARSIZE(num));

		memcpy(copy, num, VARSIZE(num));
		if (last_num)
			pfree(last_num);
		last_num = copy;
		last_th = th;
	}
	return last_num;
}

static void
put_hit(ReturnSetInfo *rsinfo, ScrLists *L, Cand *c, HitShared *sh, PgsParsed *q,
		const char *qtext)
{
	ScrEntity  *e = &L->entities[c->entity];
	ScrName    *n = c->name >= 0 ? &L->names[c->name] : NULL;
	Datum		v[11];
	bool		nulls[11] = {0};
	JsonBuild	jb;

	/* keys in jsonb's order (see name_explain.c) */
	jb_init(&jb);
	jb_object_begin(&jb);
	jb_key(&jb, "name");
	if (n && qtext)
	{
		PgsParsed	lp;

		lp.ntokens = n->ntok;
		lp.tokens = n->tok;
		pgs_explain_build(&jb, q, &lp, qtext, n->name, &sh->name1);
	}
	else
		jb_null(&jb);
	jb_key(&jb, "score");
	jb_number(&jb, c->score, 4);
	jb_key(&jb, "factors");
	scr_factors_build(&jb, c->factors);
	jb_key(&jb, "name_type");
	if (n)
		jb_string(&jb, n->name_type);
	else
		jb_null(&jb);
	jb_key(&jb, "threshold");
	jb_numeric(&jb, sh->threshold);
	jb_key(&jb, "name_score");
	jb_number(&jb, c->ns, 4);
	jb_key(&jb, "matched_name");
	if (n)
		jb_string(&jb, n->name);
	else
		jb_null(&jb);
	jb_object_end(&jb);

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
	v[10] = JsonbPGetDatum(jb_finish(&jb));
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
}

/*
 * Check the arguments (each error names its argument) into p; returns the
 * allowed sources (NULL: all).
 */
static bool *
check_args(FunctionCallInfo fcinfo, ScrLists *L, const char *name, float4 th, ScrParty *p)
{
	PartyFns   *fns = party_fns(fcinfo);
	char	   *country = arg_text(fcinfo, 2);
	char	   *birth_date = arg_text(fcinfo, 3);
	bool	   *source_ok = NULL;

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
	p->kind = arg_text(fcinfo, 1);
	if (p->kind && !DatumGetBool(FunctionCall1Coll(party_fn(fcinfo, &fns->is_entity_kind,
														   "is_entity_kind", 1),
												   DEFAULT_COLLATION_OID,
												   CStringGetTextDatum(p->kind))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument kind: unknown entity kind \"%s\"", p->kind),
				 errhint("Use person, organization, vessel, aircraft or unknown (or NULL).")));
	if (country)
	{
		p->iso2 = scr_country_iso2(L, country);
		if (p->iso2 == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument country: unknown country \"%s\"", country),
					 errhint("Give an ISO 3166-1 code (alpha-2 or alpha-3) or an English country name; "
							 "local spellings can be added to screen.control_country_alias.")));
	}
	if (birth_date)
	{
		if (!scr_parse_birth_date(birth_date, &p->dob_from, &p->dob_to, &p->dob_prec))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
					 errmsg("argument birth_date: invalid date \"%s\"", birth_date),
					 errhint("Give YYYY, YYYY-MM or YYYY-MM-DD.")));
		p->has_dob = true;
	}
	if (!PG_ARGISNULL(5))
	{
		Datum	   *vals;
		bool	   *nulls;
		int			n,
					i;

		deconstruct_array(PG_GETARG_ARRAYTYPE_P(5), TEXTOID, -1, false, TYPALIGN_INT, &vals, &nulls, &n);
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
		parse_identifiers(fcinfo, fns, p);
	return source_ok;
}

/* the score by which an entity's best name is chosen: a weak alias counts less */
static inline double
name_rank(ScrLists *L, int name, float4 ns)
{
	return ns * (L->names[name].weak ? (float4) L->w.weak_alias_factor : 1);
}

/*
 * The candidate entities: the best name of each entity among the name
 * hits, then the entities found by identifier only.  Returns their number.
 */
static int
collect_candidates(ScrLists *L, ScrNameHit *hits, int nhits, const int *byid, int nbyid,
				   const bool *source_ok, Cand *cand)
{
	int			ncand = 0,
				i;

	qsort_arg(hits, nhits, sizeof(ScrNameHit), cmp_by_entity, L);
	for (i = 0; i < nhits; i++)
	{
		int			ent = L->names[hits[i].name].entity;

		if (ncand > 0 && cand[ncand - 1].entity == ent)
		{
			Cand	   *c = &cand[ncand - 1];

			if (name_rank(L, hits[i].name, hits[i].ns) > name_rank(L, c->name, c->ns))
			{
				c->name = hits[i].name;
				c->ns = hits[i].ns;
			}
			continue;
		}
		cand[ncand].entity = ent;
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
	return ncand;
}

PG_FUNCTION_INFO_V1(pgs_screen_party);
Datum
pgs_screen_party(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *name = arg_text(fcinfo, 0);
	float4		th = PG_ARGISNULL(6) ? (float4) pg_screen_threshold : PG_GETARG_FLOAT4(6);
	ScrLists   *L;
	ScrParty	p;
	bool	   *source_ok;
	float4		qth;
	PgsParsed	q;
	struct varlena *qn;
	PgsNameHead head;
	ScrNameHit *hits;
	int			nhits,
			   *byid = NULL,
				nbyid,
				ncand,
				kept = 0,
				i;
	Cand	   *cand;
	HitShared	sh;

	InitMaterializedSRF(fcinfo, 0);
	memset(&p, 0, sizeof(p));
	L = scr_lists_get(!PG_ARGISNULL(8), PG_ARGISNULL(8) ? 0 : PG_GETARG_DATEADT(8));
	source_ok = check_args(fcinfo, L, name, th, &p);
	if (blank(name) && p.nids == 0)
		return (Datum) 0;		/* nothing to screen: no hits, not an error */

	/* a birth date and a country can lift a score by up to candidate_margin */
	qth = th;
	if (p.has_dob || p.iso2)
		qth = th - (float4) L->w.candidate_margin;
	qth = Max(qth, (float4) 0.01);

	qn = pgs_text_to_name(cstring_to_text(name ? name : ""));
	memcpy(&head, VARDATA_ANY(qn), sizeof(head));
	q.tokens = palloc(sizeof(PgsToken) * (head.ntokens + 1));
	q.ntokens = pgs_unpack(qn, q.tokens, head.ntokens);
	nhits = scr_match_names(L, q.tokens, q.ntokens, qth, source_ok, &hits);
	nbyid = p.nids > 0 ? scr_ident_entities(L, &p, &byid) : 0;
	cand = palloc(sizeof(Cand) * (nhits + nbyid + 1));
	ncand = collect_candidates(L, hits, nhits, byid, nbyid, source_ok, cand);

	/* entity scores, those at the threshold best first */
	for (i = 0; i < ncand; i++)
	{
		Cand	   *c = &cand[i];

		c->factors = palloc(sizeof(ScrFactors));
		c->score = (float4) scr_entity_score(L, &L->entities[c->entity],
											 c->name >= 0 ? &L->names[c->name] : NULL,
											 c->ns, &p, c->factors);
		if (c->score >= th)
			cand[kept++] = *c;
	}
	qsort(cand, kept, sizeof(Cand), cmp_rank);
	if (kept > 0)
	{
		sh.threshold = threshold_numeric(th);
		sh.name1.valid = false;
	}
	for (i = 0; i < kept && i < PG_GETARG_INT32(7); i++)
		put_hit(rsinfo, L, &cand[i], &sh, &q, name);
	return (Datum) 0;
}
