/*
 * json_build.c — jsonb values built directly with pushJsonbValue.
 *
 * Every screening hit carries an explanation; writing it as JSON text and
 * parsing that back with jsonb_in cost more than finding the hit.  These
 * helpers push keys and scalars into a JsonbParseState instead.  A number
 * is given with the decimals it is shown with (as printf's %.Nf would
 * round it), so 0.8 shown with 4 digits is the numeric 0.8000.
 */
#include "pg_screen.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/numeric.h"

#include "json_build.h"

void
jb_init(JsonBuild *jb)
{
	jb->state = NULL;
	jb->result = NULL;
}

/* push a token (containers begin and end with v NULL) */
void
jb_push(JsonBuild *jb, JsonbIteratorToken tok, JsonbValue *v)
{
	JsonbValue *r = pushJsonbValue(&jb->state, tok, v);

	if (jb->state == NULL)
		jb->result = r;			/* the outermost container closed */
}

/* a scalar: an element in an array, else an object member's value */
static void
push_scalar(JsonBuild *jb, JsonbValue *v)
{
	jb_push(jb, jb->state->contVal.type == jbvArray ? WJB_ELEM : WJB_VALUE, v);
}

void
jb_key(JsonBuild *jb, const char *key)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) key;
	v.val.string.len = strlen(key);
	jb_push(jb, WJB_KEY, &v);
}

void
jb_string_len(JsonBuild *jb, const char *s, int len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = len;
	push_scalar(jb, &v);
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
	push_scalar(jb, &v);
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
	push_scalar(jb, &v);
}

void
jb_bool(JsonBuild *jb, bool b)
{
	JsonbValue	v;

	v.type = jbvBool;
	v.val.boolean = b;
	push_scalar(jb, &v);
}

void
jb_null(JsonBuild *jb)
{
	JsonbValue	v;

	v.type = jbvNull;
	push_scalar(jb, &v);
}

Jsonb *
jb_finish(JsonBuild *jb)
{
	Assert(jb->state == NULL && jb->result != NULL);
	return JsonbValueToJsonb(jb->result);
}
