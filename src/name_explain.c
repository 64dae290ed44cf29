/*
 * name_explain.c — screen.name_explain(text, text): why two names scored
 * what they did, as jsonb an analyst can read.
 */
#include "pg_screen.h"

#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "json_build.h"
#include "name.h"


/*
 * Keys are pushed in jsonb's own order (shorter keys first, then bytewise),
 * so that closing an object finds its keys already sorted.
 */

/* a token as the explanation shows it */
static void
json_token(JsonBuild *jb, const PgsToken *t)
{
	jb_object_begin(jb);
	jb_key(jb, "class");
	jb_string(jb, pgs_class_name(t->cls));
	jb_key(jb, "token");
	jb_string_len(jb, t->text, t->len);
	jb_key(jb, "weight");
	jb_number(jb, t->weight, 2);
	if (t->canon != t->text && (t->clen != t->len || memcmp(t->canon, t->text, t->len) != 0))
	{
		jb_key(jb, "canonical");
		jb_string_len(jb, t->canon, t->clen);
	}
	jb_object_end(jb);
}

/* one of the two names: its text, tokens and the honorifics set aside */
static void
json_name(JsonBuild *jb, PgsParsed *p, const char *text)
{
	int			k;

	jb_object_begin(jb);
	jb_key(jb, "text");
	jb_string(jb, text);
	jb_key(jb, "tokens");
	jb_array_begin(jb);
	for (k = 0; k < p->ntokens; k++)
		json_token(jb, &p->tokens[k]);
	jb_array_end(jb);
	jb_key(jb, "set_aside");
	jb_array_begin(jb);
	for (k = 0; k < p->ntokens; k++)
		if (p->tokens[k].cls == PGS_TOK_HONORIFIC)
			jb_string_len(jb, p->tokens[k].text, p->tokens[k].len);
	jb_array_end(jb);
	jb_object_end(jb);
}

static void
json_pairs(JsonBuild *jb, PgsExplain *ex)
{
	int			i;

	jb_array_begin(jb);
	for (i = 0; i < ex->npairs; i++)
	{
		PgsExplainPair *p = &ex->pairs[i];

		if (p->a < 0 || p->b < 0)
			continue;
		jb_object_begin(jb);
		jb_key(jb, "how");
		jb_string(jb, p->how ? p->how : "");
		jb_key(jb, "token1");
		jb_string_len(jb, ex->a[p->a].text, ex->a[p->a].len);
		jb_key(jb, "token2");
		jb_string_len(jb, ex->b[p->b].text, ex->b[p->b].len);
		jb_key(jb, "weight");
		jb_number(jb, (ex->a[p->a].weight + ex->b[p->b].weight) / 2, 2);
		jb_key(jb, "similarity");
		jb_number(jb, p->sim, 4);
		jb_object_end(jb);
	}
	jb_array_end(jb);
}

static void
json_unmatched(JsonBuild *jb, PgsToken *t, PgsExplain *ex, bool side_a)
{
	int			i;

	jb_array_begin(jb);
	for (i = 0; i < ex->npairs; i++)
	{
		PgsExplainPair *p = &ex->pairs[i];
		int			idx = side_a ? p->a : p->b;
		int			other = side_a ? p->b : p->a;

		if (idx >= 0 && other < 0)
			json_token(jb, &t[idx]);
	}
	jb_array_end(jb);
}

static void
json_penalty(JsonBuild *jb, const char *why, double cost, const char *kind, double weight)
{
	jb_object_begin(jb);
	jb_key(jb, "why");
	jb_string(jb, why);
	jb_key(jb, "cost");
	jb_number(jb, cost, 3);
	jb_key(jb, "kind");
	jb_string(jb, kind);
	if (weight >= 0)
	{
		jb_key(jb, "weight");
		jb_number(jb, weight, 2);
	}
	jb_object_end(jb);
}

#define STR(x) #x
#define XSTR(x) STR(x)

static void
json_penalties(JsonBuild *jb, PgsExplain *ex)
{
	jb_array_begin(jb);
	if (ex->contradiction > 0)
		json_penalty(jb, "both names have words the other lacks (a different name), or a number "
					 "only one side has; a contradicting word weighs at least "
					 XSTR(PGS_CONTRA_MIN_W) " and costs " XSTR(PGS_C_CONTRA) " per unit",
					 ex->contradiction * PGS_C_CONTRA, "contradiction", ex->contradiction);
	if (ex->extra > 0)
		json_penalty(jb, ex->org ?
					 "one name says more than the other; per unit of weight an extra word "
					 "costs " XSTR(PGS_C_EXTRA_ORG) " in organisation names, a legal form "
					 XSTR(PGS_C_EXTRA_LEGAL) :
					 "one name says more than the other; per unit of weight an extra word "
					 "costs " XSTR(PGS_C_EXTRA_PERSON) " in personal names, a legal form "
					 XSTR(PGS_C_EXTRA_LEGAL),
					 ex->extra, "extra", -1);
	jb_array_end(jb);
}

/*
 * Push the explanation of two parsed names, a JSON object, into jb;
 * texta/textb are what the explanation shows as the names' text.  name1,
 * when not NULL, keeps name a's part for the next explanation of the same
 * name a (a party's hits): made the first time, pushed again after.
 */
void
pgs_explain_build(JsonBuild *jb, PgsParsed *pa, PgsParsed *pb,
				  const char *texta, const char *textb, JbSaved *name1)
{
	/* (its arrays are written before they are read: not cleared) */
	PgsExplain *ex = palloc(sizeof(PgsExplain));
	double		score;
	bool		none;

	ex->npairs = ex->nmerges = ex->na = ex->nb = 0;
	ex->a = ex->b = NULL;
	ex->matched = ex->weight = ex->contradiction = ex->extra = ex->glued = ex->token_score = 0;
	ex->org = false;

	score = pgs_score_tokens(pa->tokens, Min(pa->ntokens, PGS_MAX_SCORE_TOKENS + 8),
							 pb->tokens, Min(pb->ntokens, PGS_MAX_SCORE_TOKENS + 8), ex);
	none = ex->na == 0 || ex->nb == 0;

	jb_object_begin(jb);
	if (none)
	{
		jb_key(jb, "why");
		jb_string(jb, "a name has no tokens to compare");
	}
	jb_key(jb, "match");
	jb_bool(jb, score >= pg_screen_threshold);
	jb_key(jb, "name1");
	if (name1 && name1->valid)
		jb_saved(jb, name1);
	else
	{
		json_name(jb, pa, texta);
		if (name1)
			jb_save_last(jb, name1);
	}
	jb_key(jb, "name2");
	json_name(jb, pb, textb);
	if (!none)
	{
		jb_key(jb, "pairs");
		json_pairs(jb, ex);
	}
	jb_key(jb, "score");
	jb_number(jb, score, 4);
	if (!none)
	{
		int			i;

		jb_key(jb, "merges");
		jb_array_begin(jb);
		for (i = 0; i < ex->nmerges; i++)
			jb_string(jb, ex->merges[i]);
		jb_array_end(jb);
	}
	jb_key(jb, "method");
	jb_string(jb, none ? "none" : ex->glued > ex->token_score ? "glued" : "tokens");
	if (!none)
	{
		char		f[5][JB_FIXED_LEN];

		jb_format_fixed(f[0], ex->matched, 3);
		jb_format_fixed(f[1], ex->weight, 3);
		jb_format_fixed(f[2], PGS_C_CONTRA, 2);
		jb_format_fixed(f[3], ex->contradiction, 3);
		jb_format_fixed(f[4], ex->extra, 3);
		jb_key(jb, "formula");
		jb_string(jb, psprintf("matched %s / (aligned weight %s + %s x contradiction %s + extra cost %s)",
							   f[0], f[1], f[2], f[3], f[4]));
		jb_key(jb, "penalties");
		json_penalties(jb, ex);
	}
	jb_key(jb, "threshold");
	jb_number(jb, pg_screen_threshold, 2);
	if (!none)
	{
		jb_key(jb, "unmatched1");
		json_unmatched(jb, ex->a, ex, true);
		jb_key(jb, "unmatched2");
		json_unmatched(jb, ex->b, ex, false);
		jb_key(jb, "token_score");
		jb_number(jb, ex->token_score, 4);
		jb_key(jb, "organisation");
		jb_bool(jb, ex->org);
		jb_key(jb, "glued_similarity");
		jb_number(jb, ex->glued, 4);
	}
	jb_object_end(jb);
}

static Datum
explain_parsed(PgsParsed *pa, PgsParsed *pb, const char *texta, const char *textb)
{
	JsonBuild	jb;

	jb_init(&jb);
	pgs_explain_build(&jb, pa, pb, texta, textb, NULL);
	return JsonbPGetDatum(jb_finish(&jb));
}

PG_FUNCTION_INFO_V1(pgs_name_explain);
Datum
pgs_name_explain(PG_FUNCTION_ARGS)
{
	text	   *ta = PG_GETARG_TEXT_PP(0);
	text	   *tb = PG_GETARG_TEXT_PP(1);

	PG_RETURN_DATUM(explain_parsed(pgs_parse_name(VARDATA_ANY(ta), VARSIZE_ANY_EXHDR(ta)),
								   pgs_parse_name(VARDATA_ANY(tb), VARSIZE_ANY_EXHDR(tb)),
								   text_to_cstring(ta), text_to_cstring(tb)));
}

/* a parsed name as a PgsParsed over its own tokens */
static PgsParsed *
parsed_of(struct varlena *v)
{
	PgsNameHead head;
	PgsParsed  *p = palloc(sizeof(PgsParsed));

	memcpy(&head, VARDATA_ANY(v), sizeof(head));
	p->tokens = palloc(sizeof(PgsToken) * (head.ntokens + 1));
	p->ntokens = pgs_unpack(v, p->tokens, head.ntokens);
	return p;
}

/*
 * screen.name_explain(screen.name, screen.name, text, text): the same from
 * names already parsed (no re-parsing; used for every screening hit).
 */
PG_FUNCTION_INFO_V1(pgs_name_explain_parsed);
Datum
pgs_name_explain_parsed(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));

	PG_RETURN_DATUM(explain_parsed(parsed_of(a), parsed_of(b),
								   text_to_cstring(PG_GETARG_TEXT_PP(2)),
								   text_to_cstring(PG_GETARG_TEXT_PP(3))));
}
