/*
 * name_explain.c — screen.name_explain(text, text): why two names scored
 * what they did, as jsonb an analyst can read.
 */
#include "pg_screen.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"

#include "name.h"


static void
json_str(StringInfo buf, const char *s, int len)
{
	char	   *z = pnstrdup(s, len);

	escape_json(buf, z);
	pfree(z);
}

static void
json_token(StringInfo buf, const PgsToken *t)
{
	appendStringInfoString(buf, "{\"token\": ");
	json_str(buf, t->text, t->len);
	appendStringInfo(buf, ", \"class\": \"%s\", \"weight\": %.2f", pgs_class_name(t->cls),
					 t->weight);
	if (t->canon != t->text && (t->clen != t->len || memcmp(t->canon, t->text, t->len) != 0))
	{
		appendStringInfoString(buf, ", \"canonical\": ");
		json_str(buf, t->canon, t->clen);
	}
	appendStringInfoChar(buf, '}');
}

static void
json_unmatched(StringInfo buf, PgsToken *t, int n, PgsExplain *ex, bool side_a)
{
	int			i;
	bool		first = true;

	appendStringInfoChar(buf, '[');
	for (i = 0; i < ex->npairs; i++)
	{
		PgsExplainPair *p = &ex->pairs[i];
		int			idx = side_a ? p->a : p->b;
		int			other = side_a ? p->b : p->a;

		if (idx < 0 || other >= 0)
			continue;
		if (!first)
			appendStringInfoString(buf, ", ");
		first = false;
		json_token(buf, &t[idx]);
	}
	appendStringInfoChar(buf, ']');
}

static void
json_set_aside(StringInfo buf, PgsToken *t, int n)
{
	int			i;
	bool		first = true;

	appendStringInfoChar(buf, '[');
	for (i = 0; i < n; i++)
		if (t[i].cls == PGS_TOK_HONORIFIC)
		{
			if (!first)
				appendStringInfoString(buf, ", ");
			first = false;
			json_str(buf, t[i].text, t[i].len);
		}
	appendStringInfoChar(buf, ']');
}

/*
 * Append the explanation of two parsed names as a JSON object to buf;
 * texta/textb are what the explanation shows as the names' text.
 */
void
pgs_explain_append(StringInfo buf, PgsParsed *pa, PgsParsed *pb,
				   const char *texta, const char *textb)
{
	PgsExplain *ex = palloc0(sizeof(PgsExplain));
	double		score;
	int			i;
	bool		first;

	score = pgs_score_tokens(pa->tokens, Min(pa->ntokens, PGS_MAX_SCORE_TOKENS + 8),
							 pb->tokens, Min(pb->ntokens, PGS_MAX_SCORE_TOKENS + 8), ex);

	appendStringInfo(buf, "{\"score\": %.4f, \"threshold\": %.2f, \"match\": %s",
					 score, pg_screen_threshold,
					 score >= pg_screen_threshold ? "true" : "false");

	for (i = 0; i < 2; i++)
	{
		PgsParsed  *p = i == 0 ? pa : pb;
		int			k;

		appendStringInfo(buf, ", \"name%d\": {\"text\": ", i + 1);
		escape_json(buf, i == 0 ? texta : textb);
		appendStringInfoString(buf, ", \"tokens\": [");
		for (k = 0; k < p->ntokens; k++)
		{
			if (k > 0)
				appendStringInfoString(buf, ", ");
			json_token(buf, &p->tokens[k]);
		}
		appendStringInfoString(buf, "], \"set_aside\": ");
		json_set_aside(buf, p->tokens, p->ntokens);
		appendStringInfoChar(buf, '}');
	}

	if (ex->na == 0 || ex->nb == 0)
	{
		appendStringInfoString(buf, ", \"method\": \"none\", \"why\": \"a name has no tokens to compare\"}");
		return;
	}

	appendStringInfo(buf, ", \"method\": \"%s\"",
					 ex->glued > ex->token_score ? "glued" : "tokens");
	appendStringInfo(buf, ", \"token_score\": %.4f, \"glued_similarity\": %.4f",
					 ex->token_score, ex->glued);

	appendStringInfoString(buf, ", \"merges\": [");
	for (i = 0; i < ex->nmerges; i++)
	{
		if (i > 0)
			appendStringInfoString(buf, ", ");
		escape_json(buf, ex->merges[i]);
	}
	appendStringInfoString(buf, "], \"pairs\": [");
	first = true;
	for (i = 0; i < ex->npairs; i++)
	{
		PgsExplainPair *p = &ex->pairs[i];

		if (p->a < 0 || p->b < 0)
			continue;
		if (!first)
			appendStringInfoString(buf, ", ");
		first = false;
		appendStringInfoString(buf, "{\"token1\": ");
		json_str(buf, ex->a[p->a].text, ex->a[p->a].len);
		appendStringInfoString(buf, ", \"token2\": ");
		json_str(buf, ex->b[p->b].text, ex->b[p->b].len);
		appendStringInfo(buf, ", \"similarity\": %.4f, \"how\": \"%s\", \"weight\": %.2f}",
						 p->sim, p->how ? p->how : "",
						 (ex->a[p->a].weight + ex->b[p->b].weight) / 2);
	}
	appendStringInfoString(buf, "], \"unmatched1\": ");
	json_unmatched(buf, ex->a, ex->na, ex, true);
	appendStringInfoString(buf, ", \"unmatched2\": ");
	json_unmatched(buf, ex->b, ex->nb, ex, false);

	appendStringInfoString(buf, ", \"penalties\": [");
	first = true;
	if (ex->contradiction > 0)
	{
		appendStringInfo(buf, "{\"kind\": \"contradiction\", \"weight\": %.2f, \"cost\": %.3f, "
						 "\"why\": \"both names have words the other lacks (a different name), or a number "
						 "only one side has; a contradicting word weighs at least %.2f and costs %.2f per unit\"}",
						 ex->contradiction, ex->contradiction * PGS_C_CONTRA,
						 PGS_CONTRA_MIN_W, PGS_C_CONTRA);
		first = false;
	}
	if (ex->extra > 0)
	{
		if (!first)
			appendStringInfoString(buf, ", ");
		appendStringInfo(buf, "{\"kind\": \"extra\", \"cost\": %.3f, "
						 "\"why\": \"one name says more than the other; per unit of weight an extra word "
						 "costs %.2f in %s names, a legal form %.2f\"}",
						 ex->extra, ex->org ? PGS_C_EXTRA_ORG : PGS_C_EXTRA_PERSON,
						 ex->org ? "organisation" : "personal", PGS_C_EXTRA_LEGAL);
	}
	appendStringInfo(buf, "], \"organisation\": %s, \"formula\": \"matched %.3f / (aligned weight %.3f + %.2f x contradiction %.3f + extra cost %.3f)\"}",
					 ex->org ? "true" : "false",
					 ex->matched, ex->weight, PGS_C_CONTRA, ex->contradiction, ex->extra);
}

static Datum
explain_parsed(PgsParsed *pa, PgsParsed *pb, const char *texta, const char *textb)
{
	StringInfoData buf;

	initStringInfo(&buf);
	pgs_explain_append(&buf, pa, pb, texta, textb);
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
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
