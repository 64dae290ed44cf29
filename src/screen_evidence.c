/*
 * screen_evidence.c — the entity score: the best name score adjusted by the
 * secondary evidence a screening gives (kind, date of birth, country,
 * identifiers), with the factors that made it; and the party's date of
 * birth as a range (screen.parse_birth_date, screen.is_birth_date).
 *
 * The adjustments are screen.screening_weights() (read with the list view);
 * doc/screening.md explains each.  Evidence that is absent is neutral.
 */
#include "pg_screen.h"

#include "datatype/timestamp.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datetime.h"

#include "screen_lists.h"

/* ---------------------------------------------------------------------------
 * a date of birth: YYYY, YYYY-MM or YYYY-MM-DD (spaces around allowed)
 */
static bool
digits(const char **p, int min, int max, int *val)
{
	int			n = 0;

	*val = 0;
	while (**p >= '0' && **p <= '9' && n < max)
	{
		*val = *val * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min && !(**p >= '0' && **p <= '9');
}

/*
 * Parse s into a range and a precision ('y', 'm', 'd').  Returns false
 * when s is not a real date in one of the three forms.
 */
bool
scr_parse_birth_date(const char *s, DateADT *from, DateADT *to, char *prec)
{
	const char *p = s;
	const char *end = s + strlen(s);
	int			y,
				m = 0,
				d = 0;

	while (*p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	if (!digits(&p, 4, 4, &y) || y < 1)
		return false;
	if (p < end && *p == '-')
	{
		p++;
		if (!digits(&p, 1, 2, &m) || m < 1 || m > 12)
			return false;
		if (p < end && *p == '-')
		{
			p++;
			if (!digits(&p, 1, 2, &d) || d < 1 || d > day_tab[isleap(y)][m - 1])
				return false;
		}
	}
	if (p != end)
		return false;
	if (d > 0)
	{
		*from = *to = date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
		*prec = 'd';
	}
	else if (m > 0)
	{
		*from = date2j(y, m, 1) - POSTGRES_EPOCH_JDATE;
		*to = date2j(y, m, day_tab[isleap(y)][m - 1]) - POSTGRES_EPOCH_JDATE;
		*prec = 'm';
	}
	else
	{
		*from = date2j(y, 1, 1) - POSTGRES_EPOCH_JDATE;
		*to = date2j(y, 12, 31) - POSTGRES_EPOCH_JDATE;
		*prec = 'y';
	}
	return true;
}

PG_FUNCTION_INFO_V1(pgs_is_birth_date);
Datum
pgs_is_birth_date(PG_FUNCTION_ARGS)
{
	DateADT		from,
				to;
	char		prec;

	PG_RETURN_BOOL(scr_parse_birth_date(text_to_cstring(PG_GETARG_TEXT_PP(0)), &from, &to, &prec));
}

PG_FUNCTION_INFO_V1(pgs_parse_birth_date);
Datum
pgs_parse_birth_date(PG_FUNCTION_ARGS)
{
	char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(0));
	DateADT		from,
				to;
	char		prec;
	TupleDesc	td;
	Datum		v[3];
	bool		nulls[3] = {0};

	if (!scr_parse_birth_date(s, &from, &to, &prec))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
				 errmsg("invalid birth_date \"%s\"", s),
				 errhint("Give YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.")));
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	v[0] = DateADTGetDatum(from);
	v[1] = DateADTGetDatum(to);
	v[2] = CStringGetTextDatum(prec == 'd' ? "day" : prec == 'm' ? "month" : "year");
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(td), v, nulls)));
}

/* ---------------------------------------------------------------------------
 * the factors
 */
static void
factor(ScrFactors *f, const char *name, double effect, int digits, const char *detail)
{
	ScrFactor  *x = &f->f[f->n++];

	Assert(f->n <= SCR_MAX_FACTORS);
	x->name = name;
	x->effect = effect;
	x->digits = digits;
	x->detail = detail;
}

/* the factors as a JSON array */
void
scr_factors_build(JsonBuild *jb, const ScrFactors *f)
{
	int			i;

	jb_array_begin(jb);
	for (i = 0; i < f->n; i++)
	{
		/* keys in jsonb's order (see name_explain.c) */
		jb_object_begin(jb);
		jb_key(jb, "detail");
		jb_string(jb, f->f[i].detail);
		jb_key(jb, "effect");
		jb_number(jb, f->f[i].effect, f->f[i].digits);
		jb_key(jb, "factor");
		jb_string(jb, f->f[i].name);
		jb_object_end(jb);
	}
	jb_array_end(jb);
}

static char *
date_text(DateADT d, char prec)
{
	int			y,
				m,
				dd;

	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &dd);
	if (prec == 'd')
		return psprintf("%04d-%02d-%02d", y, m, dd);
	if (prec == 'm')
		return psprintf("%04d-%02d", y, m);
	return psprintf("%04d", y);
}

/* how a listed date of birth agrees with the party's: 0 exact .. 3 contradiction */
static int
dob_class(const ScrDob *b, const ScrParty *p)
{
	if (p->dob_prec == 'd' && b->day && b->from == p->dob_from)
		return 0;
	if (b->from <= p->dob_to && b->to >= p->dob_from)
		return 1;
	if (b->from <= p->dob_to + 366 && b->to >= p->dob_from - 366)
		return 2;
	return 3;
}

static const ScrIdent *
find_ident(const ScrEntity *e, const ScrParty *p, bool exact)
{
	int			i,
				k;

	for (i = 0; i < e->nid; i++)
		for (k = 0; k < p->nids; k++)
		{
			if (exact && strcmp(e->id[i].normalized, p->ids[k]) == 0 &&
				(p->id_types[k] == NULL || strcmp(p->id_types[k], e->id[i].id_type) == 0))
				return &e->id[i];
			if (!exact && p->id_types[k] && strcmp(p->id_types[k], e->id[i].id_type) == 0)
				return &e->id[i];
		}
	return NULL;
}

/*
 * The entity score of e for the party p, from the name score ns of its best
 * name n (NULL: found by identifier only), with the factors that made it.
 */
double
scr_entity_score(ScrLists *L, const ScrEntity *e, const ScrName *n, double ns,
				 const ScrParty *p, ScrFactors *factors)
{
	const ScrWeights *w = &L->w;
	double		s = ns;
	int			i;

	factors->n = 0;

	/* the name itself */
	if (n && n->weak)
	{
		s *= w->weak_alias_factor;
		factor(factors, "weak alias", s - ns, 4,
			   "matched a weak alias (a.k.a. of low quality), which counts less");
	}
	else if (n && n->low_quality)
	{
		s *= w->low_quality_factor;
		factor(factors, "low-quality alias", s - ns, 4,
			   "the list marks this alias as of low quality");
	}

	/* entity kind */
	if (p->kind && strcmp(p->kind, "unknown") != 0 && strcmp(e->kind, "unknown") != 0 &&
		strcmp(p->kind, e->kind) != 0)
	{
		double		eff = (strcmp(p->kind, "person") == 0 || strcmp(e->kind, "person") == 0)
			? w->kind_mismatch : w->kind_partial_mismatch;

		s += eff;
		factor(factors, "kind", eff, 2,
			   psprintf("screened as %s, listed as %s", p->kind, e->kind));
	}

	/* date of birth: the best agreement over the entity's dates */
	if (p->has_dob && e->ndob > 0)
	{
		static const char *const cls[] = {"exact", "consistent", "close", "contradiction"};
		int			best = 0,
					bc = 4;
		double		eff;

		/* ties: the nearest date, then the first raw text in byte order */
		for (i = 0; i < e->ndob; i++)
		{
			int			c = dob_class(&e->dob[i], p);
			int			dist = Abs(e->dob[i].from - p->dob_from);

			if (c < bc || (c == bc && (dist < Abs(e->dob[best].from - p->dob_from) ||
									   (dist == Abs(e->dob[best].from - p->dob_from) &&
										strcmp(e->dob[i].raw, e->dob[best].raw) < 0))))
				bc = c, best = i;
		}
		eff = bc == 0 ? w->birth_date_exact : bc == 1 ? w->birth_date_consistent
			: bc == 2 ? w->birth_date_close : w->birth_date_contradiction;
		s += eff;
		factor(factors, "birth date", eff, 2,
			   psprintf("%s: listed %s, screened %s", cls[bc], e->dob[best].raw,
						date_text(p->dob_from, p->dob_prec)));
	}

	/* country: nationality, citizenship, residence, address, place of birth */
	if (p->iso2 && e->ncountry > 0)
	{
		StringInfoData arr;
		bool		among = false;

		initStringInfo(&arr);
		appendStringInfoChar(&arr, '{');
		for (i = 0; i < e->ncountry; i++)
		{
			appendStringInfo(&arr, "%s%s", i ? "," : "", e->country[i]);
			if (strcmp(e->country[i], p->iso2) == 0)
				among = true;
		}
		appendStringInfoChar(&arr, '}');
		s += among ? w->country_match : w->country_mismatch;
		factor(factors, "country", among ? w->country_match : w->country_mismatch, 2,
			   psprintf("%s is %samong the listed countries %s", p->iso2, among ? "" : "not ",
						arr.data));
	}

	/* identifiers: an exact one is decisive; a different one of the same type counts strongly against */
	if (p->nids > 0)
	{
		const ScrIdent *hit = find_ident(e, p, true);

		if (hit)
		{
			char	   *detail = psprintf("the same %s %s is listed: decisive", hit->id_type, hit->value);

			if (s < w->identifier_match_floor)
			{
				factor(factors, "identifier", w->identifier_match_floor - s, 4, detail);
				s = w->identifier_match_floor;
			}
			else
				factor(factors, "identifier", 0, 0, detail);
		}
		else if ((hit = find_ident(e, p, false)) != NULL)
		{
			s += w->identifier_contradiction;
			factor(factors, "identifier", w->identifier_contradiction, 2,
				   psprintf("a different %s is listed (%s)", hit->id_type, hit->value));
		}
	}

	return Max(0.0, Min(1.0, s));
}

/* the entities that list one of the party's identifiers (any type); *out palloc'd */
int
scr_ident_entities(ScrLists *L, const ScrParty *p, int **out)
{
	int			n = 0,
				cap = 8,
				k;

	*out = palloc(sizeof(int) * cap);
	for (k = 0; k < p->nids; k++)
	{
		int			lo = 0,
					hi = L->nidrefs;

		/* the first reference with this value */
		while (lo < hi)
		{
			int			mid = (lo + hi) / 2;

			if (strcmp(L->idrefs[mid].normalized, p->ids[k]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < L->nidrefs && strcmp(L->idrefs[lo].normalized, p->ids[k]) == 0; lo++)
		{
			int			j;

			for (j = 0; j < n && (*out)[j] != L->idrefs[lo].entity; j++)
				;
			if (j < n)
				continue;
			if (n >= cap)
			{
				cap *= 2;
				*out = repalloc(*out, sizeof(int) * cap);
			}
			(*out)[n++] = L->idrefs[lo].entity;
		}
	}
	return n;
}
