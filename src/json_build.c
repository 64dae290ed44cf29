/*
 * json_build.c — jsonb values built directly, as a JsonbValue tree.
 *
 * Every screening hit carries an explanation; writing it as JSON text and
 * parsing that back with jsonb_in cost more than finding the hit, and so
 * did pushJsonbValue's parse state (a copy of each value per level, the
 * keys sorted by qsort).  These helpers append keys and scalars to the
 * open container's array and close it into its parent; jb_finish converts
 * the tree with JsonbValueToJsonb, which takes such a tree as it is, once
 * each object's keys are in jsonb's order (shorter first, then bytewise)
 * and unique.  A number is given with the decimals it is shown with (as
 * printf's %.Nf would round it), so 0.8 shown with 4 digits is the
 * numeric 0.8000.
 */
#include "pg_screen.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/numeric.h"

#include "json_build.h"

void
jb_init(JsonBuild *jb)
{
	jb->depth = 0;
	jb->done = false;
}

/* open an object (type jbvObject) or an array (jbvArray) */
void
jb_begin(JsonBuild *jb, enum jbvType type)
{
	JbFrame    *f;

	if (jb->done)
		elog(ERROR, "pg_screen: jsonb container opened after the outermost one closed");
	if (jb->depth >= JB_MAX_DEPTH)
		elog(ERROR, "pg_screen: jsonb built deeper than %d containers", JB_MAX_DEPTH);
	f = &jb->frames[jb->depth++];
	f->v.type = type;
	f->has_key = false;
	if (type == jbvObject)
	{
		f->cap = 8;
		f->v.val.object.nPairs = 0;
		f->v.val.object.pairs = palloc(sizeof(JsonbPair) * f->cap);
	}
	else
	{
		f->cap = 8;
		f->v.val.array.nElems = 0;
		f->v.val.array.rawScalar = false;
		f->v.val.array.elems = palloc(sizeof(JsonbValue) * f->cap);
	}
}

/* a value (scalar or closed container) into the open container */
static void
jb_append(JsonBuild *jb, const JsonbValue *v)
{
	JbFrame    *f;

	if (jb->depth == 0)
		elog(ERROR, "pg_screen: jsonb value outside a container");
	f = &jb->frames[jb->depth - 1];
	if (f->v.type == jbvObject)
	{
		JsonbPair  *p;

		if (!f->has_key)
			elog(ERROR, "pg_screen: jsonb object value without a key");
		if (f->v.val.object.nPairs >= f->cap)
		{
			f->cap *= 2;
			f->v.val.object.pairs = repalloc(f->v.val.object.pairs, sizeof(JsonbPair) * f->cap);
		}
		p = &f->v.val.object.pairs[f->v.val.object.nPairs];
		p->key = f->key;
		p->value = *v;
		p->order = f->v.val.object.nPairs++;
		f->has_key = false;
	}
	else
	{
		if (f->v.val.array.nElems >= f->cap)
		{
			f->cap *= 2;
			f->v.val.array.elems = repalloc(f->v.val.array.elems, sizeof(JsonbValue) * f->cap);
		}
		f->v.val.array.elems[f->v.val.array.nElems++] = *v;
	}
}

/*
 * jsonb's key order: shorter first, then bytewise; of equal keys the one
 * pushed last first (it is the one kept, as pushJsonbValue keeps it)
 */
static int
pair_cmp(const JsonbPair *a, const JsonbPair *b)
{
	int			res;

	if (a->key.val.string.len != b->key.val.string.len)
		return a->key.val.string.len < b->key.val.string.len ? -1 : 1;
	res = memcmp(a->key.val.string.val, b->key.val.string.val, a->key.val.string.len);
	if (res != 0)
		return res;
	return a->order > b->order ? -1 : 1;
}

/* close the open container into its parent (or the result) */
void
jb_end(JsonBuild *jb)
{
	JbFrame    *f;

	if (jb->depth == 0)
		elog(ERROR, "pg_screen: jsonb container closed twice");
	f = &jb->frames[jb->depth - 1];
	if (f->v.type == jbvObject)
	{
		JsonbPair  *pairs = f->v.val.object.pairs;
		int			n = f->v.val.object.nPairs,
					i,
					j;

		/* insertion sort: the callers push most keys in order already */
		for (i = 1; i < n; i++)
		{
			JsonbPair	x = pairs[i];

			for (j = i; j > 0 && pair_cmp(&pairs[j - 1], &x) > 0; j--)
				pairs[j] = pairs[j - 1];
			pairs[j] = x;
		}
		/* one value per key */
		for (i = j = 0; i < n; i++)
			if (j == 0 || pairs[j - 1].key.val.string.len != pairs[i].key.val.string.len ||
				memcmp(pairs[j - 1].key.val.string.val, pairs[i].key.val.string.val,
					   pairs[i].key.val.string.len) != 0)
				pairs[j++] = pairs[i];
		f->v.val.object.nPairs = j;
	}
	jb->depth--;
	if (jb->depth == 0)
	{
		jb->result = f->v;
		jb->done = true;
	}
	else
		jb_append(jb, &f->v);
}

void
jb_key(JsonBuild *jb, const char *key)
{
	JbFrame    *f = jb->depth > 0 ? &jb->frames[jb->depth - 1] : NULL;

	if (f == NULL || f->v.type != jbvObject || f->has_key)
		elog(ERROR, "pg_screen: jsonb key out of place");
	f->key.type = jbvString;
	f->key.val.string.val = (char *) key;
	f->key.val.string.len = strlen(key);
	f->has_key = true;
}

void
jb_string_len(JsonBuild *jb, const char *s, int len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = len;
	jb_append(jb, &v);
}

void
jb_string(JsonBuild *jb, const char *s)
{
	jb_string_len(jb, s, strlen(s));
}

/* powers of ten for the digits numbers are shown with */
static const double pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

void
jb_number(JsonBuild *jb, double x, int digits)
{
	JsonbValue	v;
	double		scaled;

	Assert(digits >= 0 && digits < lengthof(pow10));
	scaled = rint(x * pow10[digits]);

	v.type = jbvNumeric;
	v.val.numeric = int64_div_fast_to_numeric((int64) scaled, digits);
	jb_append(jb, &v);
}

/*
 * x with the given digits after the point (0 to 6), as %.*f would write
 * it, into buf (JB_FIXED_LEN bytes, cut short there); returns the length.
 * Each screening hit's explanation writes a few such numbers, and printf's
 * general float formatting cost more than the rest of its text.
 */
int
jb_format_fixed(char *buf, double x, int digits)
{
	char		tmp[32];
	double		y;
	int64		scaled,
				ip;
	int			n = 0,
				t = 0,
				i;

	Assert(digits >= 0 && digits < lengthof(pow10));
	y = fabs(x) * pow10[digits];
	/* printf rounds the exact binary value: near a half, let it decide */
	if (isnan(x) || isinf(x) || y >= 1e15 || fabs(y - floor(y) - 0.5) < 1e-6)
		return Min(snprintf(buf, JB_FIXED_LEN, "%.*f", digits, x), JB_FIXED_LEN - 1);
	scaled = (int64) rint(y);
	if (signbit(x))
		buf[n++] = '-';
	ip = scaled / (int64) pow10[digits];
	do
	{
		tmp[t++] = '0' + (int) (ip % 10);
		ip /= 10;
	} while (ip > 0);
	while (t > 0)
		buf[n++] = tmp[--t];
	if (digits > 0)
	{
		int64		frac = scaled % (int64) pow10[digits];

		buf[n++] = '.';
		for (i = digits - 1; i >= 0; i--)
		{
			buf[n + i] = '0' + (int) (frac % 10);
			frac /= 10;
		}
		n += digits;
	}
	buf[n] = '\0';
	return n;
}

void
jb_number_text(JsonBuild *jb, const char *numeric)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(numeric),
														ObjectIdGetDatum(InvalidOid),
														Int32GetDatum(-1)));
	jb_append(jb, &v);
}

void
jb_bool(JsonBuild *jb, bool b)
{
	JsonbValue	v;

	v.type = jbvBool;
	v.val.boolean = b;
	jb_append(jb, &v);
}

void
jb_null(JsonBuild *jb)
{
	JsonbValue	v;

	v.type = jbvNull;
	jb_append(jb, &v);
}

Jsonb *
jb_finish(JsonBuild *jb)
{
	if (!jb->done)
		elog(ERROR, "pg_screen: jsonb finished with a container open");
	return JsonbValueToJsonb(&jb->result);
}
