/*
 * json_build.c — jsonb values built directly, as a JsonbValue tree.
 *
 * Every screening hit carries an explanation; writing it as JSON text and
 * parsing that back with jsonb_in cost more than finding the hit, and so
 * did pushJsonbValue's parse state (a copy of each value per level, the
 * keys sorted by qsort), and JsonbValueToJsonb's general buffer handling.
 * These helpers append keys and scalars to the open container's array and
 * close it into its parent, each object's keys in jsonb's order (shorter
 * first, then bytewise) and unique; jb_finish writes the tree in jsonb's
 * binary form, the bytes JsonbValueToJsonb would write (sql/50_screening.sql
 * parses them back).  A number is given with the decimals it is shown with
 * (as printf's %.Nf would round it), so 0.8 shown with 4 digits is the
 * numeric 0.8000.
 */
#include "pg_screen.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/memutils.h"
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

		/* most callers push the keys in order, and each once: then done */
		for (i = 1; i < n && pair_cmp(&pairs[i - 1], &pairs[i]) < 0; i++)
			;
		if (i < n)
		{
			/* insertion sort (from where the order breaks) */
			for (; i < n; i++)
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
jb_key_len(JsonBuild *jb, const char *key, int len)
{
	JbFrame    *f = jb->depth > 0 ? &jb->frames[jb->depth - 1] : NULL;

	if (f == NULL || f->v.type != jbvObject || f->has_key)
		elog(ERROR, "pg_screen: jsonb key out of place");
	f->key.type = jbvString;
	f->key.val.string.val = (char *) key;
	f->key.val.string.len = len;
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

/*
 * The numerics jb_number made, by value and digits, per backend: a hit's
 * explanation shows a dozen numbers, mostly the same few (weights 0.20 and
 * 1.00, similarity 1.0000, the threshold), and making one cost more than
 * the rest of its pair.  Direct-mapped, each slot filled once and never
 * changed after, since the trees built (and values saved, jb_save_last)
 * point at its bytes; a number whose slot holds another is made anew.
 */
#define JB_NUM_BITS 10
#define JB_NUM_SLOTS (1 << JB_NUM_BITS)
#define JB_NUM_BYTES 24

typedef struct JbNumSlot
{
	int64		scaled;
	int32		digits;			/* -1: empty */
	union
	{
		int32		align;
		char		bytes[JB_NUM_BYTES];
	}			num;
} JbNumSlot;

static JbNumSlot *jb_nums;

static Numeric
cached_numeric(int64 scaled, int digits)
{
	JbNumSlot  *slot;
	Numeric		num;

	if (jb_nums == NULL)
	{
		int			i;

		jb_nums = MemoryContextAlloc(TopMemoryContext, sizeof(JbNumSlot) * JB_NUM_SLOTS);
		for (i = 0; i < JB_NUM_SLOTS; i++)
			jb_nums[i].digits = -1;
	}
	slot = &jb_nums[((uint32) scaled * 0x9E3779B1u + (uint32) digits * 0x85EBCA6Bu) >> (32 - JB_NUM_BITS)];
	if (slot->digits == digits && slot->scaled == scaled)
		return (Numeric) slot->num.bytes;
	num = int64_div_fast_to_numeric(scaled, digits);
	if (slot->digits >= 0 || VARSIZE(num) > JB_NUM_BYTES)
		return num;
	memcpy(slot->num.bytes, num, VARSIZE(num));
	slot->scaled = scaled;
	slot->digits = digits;
	pfree(num);
	return (Numeric) slot->num.bytes;
}

void
jb_number(JsonBuild *jb, double x, int digits)
{
	Assert(digits >= 0 && digits < lengthof(pow10));
	jb_numeric(jb, cached_numeric((int64) rint(x * pow10[digits]), digits));
}

/* a numeric made already (not copied: it must outlive the tree) */
void
jb_numeric(JsonBuild *jb, Numeric num)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = num;
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
jb_bool(JsonBuild *jb, bool b)
{
	JsonbValue	v;

	v.type = jbvBool;
	v.val.boolean = b;
	jb_append(jb, &v);
}

/* the value pushed last into the open container, saved for jb_saved */
void
jb_save_last(JsonBuild *jb, JbSaved *s)
{
	JbFrame    *f = jb->depth > 0 ? &jb->frames[jb->depth - 1] : NULL;

	if (f == NULL || (f->v.type == jbvObject ? f->v.val.object.nPairs : f->v.val.array.nElems) == 0)
		elog(ERROR, "pg_screen: no jsonb value to save");
	s->v = f->v.type == jbvObject ? f->v.val.object.pairs[f->v.val.object.nPairs - 1].value
		: f->v.val.array.elems[f->v.val.array.nElems - 1];
	s->valid = true;
}

/* a saved value pushed again */
void
jb_saved(JsonBuild *jb, const JbSaved *s)
{
	Assert(s->valid);
	jb_append(jb, &s->v);
}

void
jb_null(JsonBuild *jb)
{
	JsonbValue	v;

	v.type = jbvNull;
	jb_append(jb, &v);
}

/*
 * The tree in jsonb's binary form (utils/jsonb.h): what JsonbValueToJsonb
 * writes for it, byte for byte, without its general buffer handling.  A
 * container: padding to a 4-byte boundary, its header, a JEntry per value
 * (an object's keys first, then its values; every JB_OFFSET_STRIDE-th holds
 * the offset, the others the length), then the values; a numeric is padded
 * to a 4-byte boundary too, and the padding counts in its length.
 */
typedef struct JbOut
{
	char	   *data;
	Size		len;
	Size		cap;
} JbOut;

static inline void
out_reserve(JbOut *o, Size n)
{
	if (o->len + n > o->cap)
	{
		while (o->len + n > o->cap)
			o->cap *= 2;
		o->data = repalloc(o->data, o->cap);
	}
}

static inline void
out_append(JbOut *o, const void *p, Size n)
{
	out_reserve(o, n);
	memcpy(o->data + o->len, p, n);
	o->len += n;
}

/* zeroes up to a 4-byte boundary; their number */
static inline int
out_pad(JbOut *o)
{
	int			pad = INTALIGN(o->len) - o->len;

	out_reserve(o, pad);
	memset(o->data + o->len, 0, pad);
	o->len += pad;
	return pad;
}

static void
check_length(uint32 len)
{
	if (len > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("explanation too large: a jsonb container may hold at most %u bytes",
						JENTRY_OFFLENMASK)));
}

static JEntry out_container(JbOut *o, const JsonbValue *v);

/* a value (its JEntry without offset): scalars here, containers apart */
static pg_attribute_always_inline JEntry
out_value(JbOut *o, const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return JENTRY_ISNULL;
		case jbvString:
			out_append(o, v->val.string.val, v->val.string.len);
			return JENTRY_ISSTRING | (JEntry) v->val.string.len;
		case jbvNumeric:
			{
				Size		numlen = VARSIZE_ANY(v->val.numeric);
				int			pad = out_pad(o);

				out_append(o, v->val.numeric, numlen);
				return JENTRY_ISNUMERIC | (JEntry) (pad + numlen);
			}
		case jbvBool:
			return v->val.boolean ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE;
		case jbvArray:
		case jbvObject:
			return out_container(o, v);
		default:
			elog(ERROR, "pg_screen: unexpected jsonb value type %d", (int) v->type);
	}
	return 0;					/* keep the compiler quiet */
}

/*
 * The JEntries of n values at jpos, the values themselves appended: value
 * i is at first + i * stride (an array's elements, an object's keys or
 * values); index0, the first one's place among the container's JEntries.
 */
static void
out_values(JbOut *o, Size jpos, const char *first, Size stride, int n, int index0,
		   uint32 *totallen)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		JEntry		meta = out_value(o, (const JsonbValue *) (first + stride * i));

		*totallen += JBE_OFFLENFLD(meta);
		check_length(*totallen);
		if (((i + index0) % JB_OFFSET_STRIDE) == 0)
			meta = (meta & JENTRY_TYPEMASK) | *totallen | JENTRY_HAS_OFF;
		memcpy(o->data + jpos + sizeof(JEntry) * i, &meta, sizeof(JEntry));
	}
}

static JEntry
out_container(JbOut *o, const JsonbValue *v)
{
	Size		base = o->len,
				jpos;
	bool		object = v->type == jbvObject;
	int			n = object ? v->val.object.nPairs : v->val.array.nElems;
	uint32		header = (uint32) n | (object ? JB_FOBJECT : JB_FARRAY),
				totallen = 0;

	Assert(object || !v->val.array.rawScalar);
	out_pad(o);
	out_append(o, &header, sizeof(uint32));
	out_reserve(o, sizeof(JEntry) * (object ? 2 * n : n));
	jpos = o->len;
	o->len += sizeof(JEntry) * (object ? 2 * n : n);
	if (object)
	{
		const JsonbPair *p = v->val.object.pairs;

		out_values(o, jpos, (const char *) &p->key, sizeof(JsonbPair), n, 0, &totallen);
		out_values(o, jpos + sizeof(JEntry) * n, (const char *) &p->value, sizeof(JsonbPair),
				   n, n, &totallen);
	}
	else
		out_values(o, jpos, (const char *) v->val.array.elems, sizeof(JsonbValue), n, 0,
				   &totallen);
	check_length(o->len - base);
	return JENTRY_ISCONTAINER | (JEntry) (o->len - base);
}

Jsonb *
jb_finish(JsonBuild *jb)
{
	JbOut		o;

	if (!jb->done)
		elog(ERROR, "pg_screen: jsonb finished with a container open");
	o.cap = 2048;
	o.data = palloc(o.cap);
	o.len = VARHDRSZ;
	(void) out_value(&o, &jb->result);
	SET_VARSIZE(o.data, o.len);
	return (Jsonb *) o.data;
}
