/*
 * controlcode_ops.c — comparison, hashing, containment and the accessor
 * functions of screen.controlcode.
 */
#include "pg_screen.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "controlcode.h"

/* bytes of a value that carry information (header plus used components) */
#define CC_USED_BYTES(cc)	(offsetof(ControlCode, comp) + (cc)->ncomp * sizeof(int16))

int
cc_cmp(const ControlCode *a, const ControlCode *b)
{
	int			n;

	if (a->jur != b->jur)
		return a->jur < b->jur ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->category != b->category)
		return a->category < b->category ? -1 : 1;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	n = Min(a->ncomp, b->ncomp);
	for (int i = 0; i < n; i++)
		if (a->comp[i] != b->comp[i])
			return a->comp[i] < b->comp[i] ? -1 : 1;
	/* a prefix sorts before its extensions */
	if (a->ncomp != b->ncomp)
		return a->ncomp < b->ncomp ? -1 : 1;
	return 0;
}

/* a @> b: b is a or lies under a (same jurisdiction, head, paragraph prefix) */
bool
cc_contains(const ControlCode *a, const ControlCode *b)
{
	if (a->ncomp > b->ncomp)
		return false;
	if (a->jur != b->jur || a->kind != b->kind || a->category != b->category ||
		a->group != b->group || a->number != b->number)
		return false;
	for (int i = 0; i < a->ncomp; i++)
		if (a->comp[i] != b->comp[i])
			return false;
	return true;
}

#define CC_ARGS \
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0); \
	ControlCode *b = PG_GETARG_CONTROLCODE_P(1)

PG_FUNCTION_INFO_V1(controlcode_cmp);
Datum
controlcode_cmp(PG_FUNCTION_ARGS)
{
	CC_ARGS;
	PG_RETURN_INT32(cc_cmp(a, b));
}

#define CC_CMP_FN(name, test) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	CC_ARGS; \
	PG_RETURN_BOOL(cc_cmp(a, b) test 0); \
}

CC_CMP_FN(controlcode_lt, <)
CC_CMP_FN(controlcode_le, <=)
CC_CMP_FN(controlcode_eq, ==)
CC_CMP_FN(controlcode_ne, !=)
CC_CMP_FN(controlcode_ge, >=)
CC_CMP_FN(controlcode_gt, >)

PG_FUNCTION_INFO_V1(controlcode_hash);
Datum
controlcode_hash(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);

	return hash_any((const unsigned char *) a, CC_USED_BYTES(a));
}

PG_FUNCTION_INFO_V1(controlcode_hash_extended);
Datum
controlcode_hash_extended(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);

	return hash_any_extended((const unsigned char *) a, CC_USED_BYTES(a),
							 PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(controlcode_contains);
Datum
controlcode_contains(PG_FUNCTION_ARGS)
{
	CC_ARGS;
	PG_RETURN_BOOL(cc_contains(a, b));
}

PG_FUNCTION_INFO_V1(controlcode_contained);
Datum
controlcode_contained(PG_FUNCTION_ARGS)
{
	CC_ARGS;
	PG_RETURN_BOOL(cc_contains(b, a));
}

/* ---- accessors ---------------------------------------------------------- */

static ControlCode *
cc_copy(const ControlCode *a)
{
	ControlCode *r = palloc(sizeof(ControlCode));

	memcpy(r, a, sizeof(ControlCode));
	return r;
}

static ControlCode *
cc_truncate(const ControlCode *a, int depth)
{
	ControlCode *r = cc_copy(a);

	for (int i = depth; i < r->ncomp; i++)
		r->comp[i] = 0;
	r->ncomp = depth;
	return r;
}

PG_FUNCTION_INFO_V1(controlcode_jurisdiction);
Datum
controlcode_jurisdiction(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(cc_jurisdiction_name(PG_GETARG_CONTROLCODE_P(0)->jur)));
}

PG_FUNCTION_INFO_V1(controlcode_category);
Datum
controlcode_category(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);

	if (a->kind == CC_KIND_ML)
		PG_RETURN_TEXT_P(cstring_to_text("ML"));
	if (a->kind != CC_KIND_ECCN)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(&a->category, 1));
}

PG_FUNCTION_INFO_V1(controlcode_product_group);
Datum
controlcode_product_group(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);

	if (a->kind != CC_KIND_ECCN)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(&a->group, 1));
}

PG_FUNCTION_INFO_V1(controlcode_number);
Datum
controlcode_number(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);

	switch (a->kind)
	{
		case CC_KIND_ECCN:
			PG_RETURN_TEXT_P(cstring_to_text(psprintf("%03d", a->number)));
		case CC_KIND_PL:
			PG_RETURN_TEXT_P(cstring_to_text(psprintf("%04d", a->number)));
		case CC_KIND_ML:
			PG_RETURN_TEXT_P(cstring_to_text(psprintf("%d", a->number)));
	}
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(controlcode_depth);
Datum
controlcode_depth(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_CONTROLCODE_P(0)->ncomp);
}

PG_FUNCTION_INFO_V1(controlcode_parent);
Datum
controlcode_parent(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);

	if (a->ncomp == 0)
		PG_RETURN_NULL();
	PG_RETURN_CONTROLCODE_P(cc_truncate(a, a->ncomp - 1));
}

/* subpath(code, depth): the ancestor at that depth; negative counts back */
PG_FUNCTION_INFO_V1(controlcode_subpath);
Datum
controlcode_subpath(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);
	int32		depth = PG_GETARG_INT32(1);

	if (depth < 0)
		depth += a->ncomp;
	if (depth < 0 || depth > a->ncomp)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("depth %d is out of range for control code %s",
						PG_GETARG_INT32(1), cc_to_cstring(a)),
				 errdetail("The code has %d paragraph levels; depth must be between %d and %d.",
						   a->ncomp, -(int) a->ncomp, (int) a->ncomp)));
	PG_RETURN_CONTROLCODE_P(cc_truncate(a, depth));
}

/* the code itself and all its ancestors, shortest first */
PG_FUNCTION_INFO_V1(controlcode_ancestors);
Datum
controlcode_ancestors(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);
	Datum		elems[CC_MAX_COMPONENTS + 1];
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Oid			typoid = get_fn_expr_argtype(fcinfo->flinfo, 0);

	if (!OidIsValid(typoid))
		elog(ERROR, "could not determine controlcode type oid");
	for (int d = 0; d <= a->ncomp; d++)
		elems[d] = ControlCodePGetDatum(cc_truncate(a, d));
	get_typlenbyvalalign(typoid, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, a->ncomp + 1, typoid,
										  typlen, typbyval, typalign));
}

/* the range sentinel X.*: greater than every code under X */
PG_FUNCTION_INFO_V1(controlcode_upper);
Datum
controlcode_upper(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);
	ControlCode *r;

	if (a->ncomp > 0 && a->comp[a->ncomp - 1] == CC_COMP_SENTINEL)
		PG_RETURN_CONTROLCODE_P(cc_copy(a));
	if (a->ncomp >= CC_MAX_COMPONENTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("control code %s is too deep for a range sentinel", cc_to_cstring(a))));
	r = cc_copy(a);
	r->comp[r->ncomp++] = CC_COMP_SENTINEL;
	PG_RETURN_CONTROLCODE_P(r);
}

/*
 * regime_hint: the multilateral regime an entry number usually comes from.
 * Wassenaar/EU convention: the third character of an ECCN-style code gives
 * the regime (0 Wassenaar, 1 MTCR, 2 NSG, 3 Australia Group, 4 CWC, 5 EU-only
 * or US 500 series, 6 US 600 series, 9 US anti-terrorism/unilateral).  It is
 * a hint from the numbering convention, not an authority: the reasons for
 * control of the actual entry decide.
 */
PG_FUNCTION_INFO_V1(controlcode_regime_hint);
Datum
controlcode_regime_hint(PG_FUNCTION_ARGS)
{
	ControlCode *a = PG_GETARG_CONTROLCODE_P(0);
	const char *h = NULL;

	switch (a->kind)
	{
		case CC_KIND_ML:
			h = "Wassenaar (Munitions List)";
			break;
		case CC_KIND_PL:
			h = "UK national";
			break;
		case CC_KIND_EAR99:
			h = "none (EAR99)";
			break;
		case CC_KIND_ECCN:
			switch (a->number / 100)
			{
				case 0:
					h = "Wassenaar";
					break;
				case 1:
					h = "MTCR";
					break;
				case 2:
					h = "NSG";
					break;
				case 3:
					h = "Australia Group";
					break;
				case 4:
					h = "CWC";
					break;
				case 5:
					h = a->jur == CC_JUR_US ? "US 500 series (military/space)" : "national/EU-only";
					break;
				case 6:
					h = a->jur == CC_JUR_US ? "Wassenaar (Munitions List, US 600 series)" : NULL;
					break;
				case 9:
					h = a->jur == CC_JUR_US ? "anti-terrorism (US unilateral)" : NULL;
					break;
			}
			break;
	}
	if (h == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(h));
}

/*
 * coverage(code, include[], exclude[]): how a code relates to a requirement
 * scope made of included paragraphs minus excluded ones.
 *   'full'    - the code lies under an included paragraph and no exclusion
 *               touches it;
 *   'partial' - the code is less specific than the scope: it contains an
 *               included paragraph, or it contains an excluded one;
 *   'none'    - outside the scope.
 */
static bool
cc_array_any(ArrayType *arr, const ControlCode *code, bool code_is_container)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	bool		found = false;

	if (ARR_NDIM(arr) == 0)
		return false;
	deconstruct_array(arr, ARR_ELEMTYPE(arr), sizeof(ControlCode), false, TYPALIGN_SHORT,
					  &elems, &nulls, &n);
	for (int i = 0; i < n && !found; i++)
	{
		ControlCode *e;

		if (nulls[i])
			continue;
		e = DatumGetControlCodeP(elems[i]);
		found = code_is_container ? cc_contains(code, e) : cc_contains(e, code);
	}
	pfree(elems);
	pfree(nulls);
	return found;
}

PG_FUNCTION_INFO_V1(controlcode_coverage);
Datum
controlcode_coverage(PG_FUNCTION_ARGS)
{
	ControlCode *code = PG_GETARG_CONTROLCODE_P(0);
	ArrayType  *incl = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *excl = PG_GETARG_ARRAYTYPE_P(2);
	const char *r;

	if (cc_array_any(incl, code, false) && !cc_array_any(excl, code, false))
		r = cc_array_any(excl, code, true) ? "partial" : "full";
	else if (cc_array_any(incl, code, true))
		r = "partial";
	else
		r = "none";
	PG_RETURN_TEXT_P(cstring_to_text(r));
}
