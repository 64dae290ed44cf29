/*
 * name_type.c — the screen.name type: a name parsed once into classified,
 * normalized tokens (as tsvector is for documents).
 *
 * Input parses name text; output prints the normalized tokens separated by
 * spaces, which parses back to the same value (normalization is
 * idempotent), so dump and restore keep stored names.  The binary form is
 * described in name.h; headers are read with memcpy (alignment 'char'), so
 * values are used in place, without copying, when they are not toasted.
 */
#include "pg_screen.h"

#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include <math.h>

#include "name.h"

static const char *const class_names[] = {
	"word", "initial", "number", "particle", "stop", "legal_form", "honorific", "patronymic"
};

struct varlena *
pgs_serialize(PgsParsed *p)
{
	int			i;
	Size		strsize = 0;
	Size		total;
	char	   *res;
	char	   *hdrs;
	char	   *strs;
	uint32		off = 0;
	PgsNameHead head;

	for (i = 0; i < p->ntokens; i++)
	{
		strsize += p->tokens[i].len;
		if (p->tokens[i].canon != p->tokens[i].text)
			strsize += p->tokens[i].clen;
	}
	total = VARHDRSZ + sizeof(PgsNameHead) + p->ntokens * sizeof(PgsTokenHdr) + strsize;
	res = palloc0(total);
	SET_VARSIZE(res, total);
	head.version = PGS_NAME_VERSION;
	head.ntokens = p->ntokens;
	head.threshold = -1;
	memcpy(VARDATA(res), &head, sizeof(head));
	hdrs = VARDATA(res) + sizeof(PgsNameHead);
	strs = hdrs + p->ntokens * sizeof(PgsTokenHdr);

	for (i = 0; i < p->ntokens; i++)
	{
		PgsToken   *t = &p->tokens[i];
		PgsTokenHdr h;

		memset(&h, 0, sizeof(h));
		h.off = off;
		h.len = t->len;
		memcpy(strs + off, t->text, t->len);
		off += t->len;
		if (t->canon != t->text)
		{
			h.coff = off;
			memcpy(strs + off, t->canon, t->clen);
			off += t->clen;
		}
		else
			h.coff = h.off;
		h.clen = t->clen;
		h.cls = t->cls;
		h.script = t->script;
		h.flags = t->flags;
		h.weight = t->weight;
		memcpy(h.phon, t->phon, PGS_PHON_LEN);
		memcpy(hdrs + i * sizeof(PgsTokenHdr), &h, sizeof(h));
	}
	return (struct varlena *) res;
}

/*
 * Unpack a (detoasted, possibly short-header) name into tokens pointing into
 * it.  Returns the number of tokens, at most maxout.
 */
int
pgs_unpack(struct varlena *v, PgsToken *out, int maxout)
{
	const char *data = VARDATA_ANY(v);
	PgsNameHead head;
	const char *hdrs;
	const char *strs;
	int			i,
				n;

	memcpy(&head, data, sizeof(head));
	if (head.version != PGS_NAME_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported screen.name format version %d", head.version),
				 errhint("Re-create the value with screen.to_name().")));
	hdrs = data + sizeof(PgsNameHead);
	strs = hdrs + head.ntokens * sizeof(PgsTokenHdr);
	n = Min(head.ntokens, maxout);
	for (i = 0; i < n; i++)
	{
		PgsTokenHdr h;

		memcpy(&h, hdrs + i * sizeof(PgsTokenHdr), sizeof(h));
		out[i].text = strs + h.off;
		out[i].len = h.len;
		out[i].canon = strs + h.coff;
		out[i].clen = h.clen;
		out[i].cls = h.cls;
		out[i].script = h.script;
		out[i].flags = h.flags;
		out[i].weight = h.weight;
		out[i].pos = Min(i, 255);
		out[i].mask = pgs_token_mask(out[i].text, out[i].len);
		memcpy(out[i].phon, h.phon, PGS_PHON_LEN);
	}
	return n;
}

static int
name_ntokens(struct varlena *v)
{
	PgsNameHead head;

	memcpy(&head, VARDATA_ANY(v), sizeof(head));
	return head.ntokens;
}

struct varlena *
pgs_text_to_name(text *t)
{
	PgsParsed  *p = pgs_parse_name(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));

	return pgs_serialize(p);
}

PG_FUNCTION_INFO_V1(pgs_name_in);
Datum
pgs_name_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);

	PG_RETURN_POINTER(pgs_serialize(pgs_parse_name(s, strlen(s))));
}

PG_FUNCTION_INFO_V1(pgs_name_out);
Datum
pgs_name_out(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	int			n = name_ntokens(v);
	PgsToken   *t = palloc(sizeof(PgsToken) * (n + 1));
	StringInfoData buf;
	int			i;

	n = pgs_unpack(v, t, n);
	initStringInfo(&buf);
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ' ');
		appendBinaryStringInfo(&buf, t[i].text, t[i].len);
	}
	PG_RETURN_CSTRING(buf.data);
}

/* binary I/O sends the text form: the parsed form depends on the knowledge tables */
PG_FUNCTION_INFO_V1(pgs_name_recv);
Datum
pgs_name_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			nbytes;
	char	   *s = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);

	PG_RETURN_POINTER(pgs_serialize(pgs_parse_name(s, nbytes)));
}

PG_FUNCTION_INFO_V1(pgs_name_send);
Datum
pgs_name_send(PG_FUNCTION_ARGS)
{
	char	   *s = DatumGetCString(DirectFunctionCall1(pgs_name_out, PG_GETARG_DATUM(0)));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendtext(&buf, s, strlen(s));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(pgs_to_name);
Datum
pgs_to_name(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(pgs_text_to_name(PG_GETARG_TEXT_PP(0)));
}

/*
 * screen.name_tokens(screen.name) — the parsed tokens, for inspection.
 */
PG_FUNCTION_INFO_V1(pgs_name_tokens);
Datum
pgs_name_tokens(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	int			n = name_ntokens(v);
	PgsToken   *t = palloc(sizeof(PgsToken) * (n + 1));
	int			i;
	static const char *const script_names[] = {"alphabetic", "abjad", "syllabic"};

	InitMaterializedSRF(fcinfo, 0);
	n = pgs_unpack(v, t, n);
	for (i = 0; i < n; i++)
	{
		Datum		values[7];
		bool		nulls[7] = {0};
		char		phon[PGS_PHON_LEN + 1];

		memcpy(phon, t[i].phon, PGS_PHON_LEN);
		phon[PGS_PHON_LEN] = '\0';
		values[0] = Int32GetDatum(i + 1);
		values[1] = PointerGetDatum(cstring_to_text_with_len(t[i].text, t[i].len));
		values[2] = PointerGetDatum(cstring_to_text(class_names[Min(t[i].cls, 7)]));
		values[3] = PointerGetDatum(cstring_to_text_with_len(t[i].canon, t[i].clen));
		values[4] = Float4GetDatum(t[i].weight);
		values[5] = PointerGetDatum(cstring_to_text(phon));
		values[6] = PointerGetDatum(cstring_to_text(script_names[Min(t[i].script, 2)]));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

const char *
pgs_class_name(int cls)
{
	return class_names[Min(cls, 7)];
}

/* the threshold a query value carries, or -1 */
double
pgs_name_threshold(struct varlena *v)
{
	PgsNameHead head;

	memcpy(&head, VARDATA_ANY(v), sizeof(head));
	return head.threshold;
}

/*
 * screen.name_with_threshold(screen.name, real) — the same name carrying its
 * own threshold for the % operator (and its index scan), so that a query can
 * use a threshold other than pg_screen.threshold without changing the setting.
 */
PG_FUNCTION_INFO_V1(pgs_name_with_threshold);
Datum
pgs_name_with_threshold(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	float4		th = PG_GETARG_FLOAT4(1);
	Size		len = VARSIZE_ANY_EXHDR(v);
	struct varlena *res;
	PgsNameHead head;

	if (isnan(th) || th < 0 || th > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("threshold must be between 0 and 1, not %g", th)));
	res = palloc(VARHDRSZ + len);
	SET_VARSIZE(res, VARHDRSZ + len);
	memcpy(VARDATA(res), VARDATA_ANY(v), len);
	memcpy(&head, VARDATA(res), sizeof(head));
	head.threshold = th;
	memcpy(VARDATA(res), &head, sizeof(head));
	PG_RETURN_POINTER(res);
}
