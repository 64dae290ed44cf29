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

void
jb_number(JsonBuild *jb, double x, int digits)
{
	JsonbValue	v;
	double		scaled = rint(x * pow(10, digits));

	v.type = jbvNumeric;
	v.val.numeric = int64_div_fast_to_numeric((int64) scaled, digits);
	push_scalar(jb, &v);
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
