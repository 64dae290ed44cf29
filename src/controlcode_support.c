/*
 * controlcode_support.c — index support for containment on a plain btree.
 *
 * The btree order of screen.controlcode puts every code under X in the
 * closed range [X, X.*] (see controlcode.h), and the codes containing X are
 * X and its ancestors, at most CC_MAX_COMPONENTS + 1 of them.  So, for a
 * btree index on a controlcode column col, the planner support functions
 * attached to the @> and <@ functions rewrite
 *
 *     col <@ X   (or X @> col)   into   col >= X AND col <= X.*
 *     col @> X   (or X <@ col)   into   col = ANY (ancestors(X))
 *
 * Both rewrites are exact (lossy = false): a code is in [X, X.*] exactly
 * when X is a paragraph prefix of it, because the order compares
 * jurisdiction, head and then components left to right with a prefix
 * sorting first and the sentinel sorting after every real component.
 * When X is a Const the bounds are computed here; otherwise (a Param, an
 * outer column in a nested loop) they become calls of
 * screen.controlcode_upper() / screen.ancestors(), found in the schema of
 * the operator's own function.  The same rewrites give the selectivity
 * estimate of both operators (controlcode_contsel at the end).
 */
#include "pg_screen.h"

#include "access/stratnum.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "fmgr.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/pathnodes.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "utils/selfuncs.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

#include "controlcode.h"

PG_FUNCTION_INFO_V1(controlcode_contains_support);
PG_FUNCTION_INFO_V1(controlcode_contained_support);

static Oid
sibling_function(Oid funcid, const char *name, Oid argtype)
{
	char	   *nsp = get_namespace_name(get_func_namespace(funcid));
	List	   *qname = list_make2(makeString(nsp), makeString(pstrdup(name)));

	return LookupFuncName(qname, 1, &argtype, false);
}

/* col >= X AND col <= X.* */
static List *
range_clauses(Oid funcid, Node *key, Node *other, Oid typoid, Oid ge, Oid le)
{
	Node	   *upper;

	if (IsA(other, Const))
	{
		ControlCode *x = DatumGetControlCodeP(((Const *) other)->constvalue);
		ControlCode *u = palloc(sizeof(ControlCode));

		memcpy(u, x, sizeof(ControlCode));
		if (u->ncomp == 0 || u->comp[u->ncomp - 1] != CC_COMP_SENTINEL)
		{
			if (u->ncomp >= CC_MAX_COMPONENTS)
				return NIL;		/* no room for a sentinel: leave it to a filter */
			u->comp[u->ncomp++] = CC_COMP_SENTINEL;
		}
		upper = (Node *) makeConst(typoid, -1, InvalidOid, sizeof(ControlCode),
								   ControlCodePGetDatum(u), false, false);
	}
	else
		upper = (Node *) makeFuncExpr(sibling_function(funcid, "controlcode_upper", typoid),
									  typoid, list_make1(copyObject(other)),
									  InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);

	return list_make2(make_opclause(ge, BOOLOID, false, (Expr *) key,
									(Expr *) copyObject(other), InvalidOid, InvalidOid),
					  make_opclause(le, BOOLOID, false, (Expr *) copyObject(key),
									(Expr *) upper, InvalidOid, InvalidOid));
}

/* col = ANY (ancestors(X)) */
static List *
ancestor_clause(Oid funcid, Node *key, Node *other, Oid typoid, Oid eq)
{
	Oid			arraytype = get_array_type(typoid);
	Node	   *arr;
	ScalarArrayOpExpr *saop;

	if (!OidIsValid(arraytype))
		return NIL;
	if (IsA(other, Const))
	{
		ControlCode *x = DatumGetControlCodeP(((Const *) other)->constvalue);
		Datum		elems[CC_MAX_COMPONENTS + 1];

		for (int d = 0; d <= x->ncomp; d++)
		{
			ControlCode *a = palloc0(sizeof(ControlCode));

			memcpy(a, x, offsetof(ControlCode, comp) + d * sizeof(int16));
			a->ncomp = d;
			elems[d] = ControlCodePGetDatum(a);
		}
		arr = (Node *) makeConst(arraytype, -1, InvalidOid, -1,
								 PointerGetDatum(construct_array(elems, x->ncomp + 1, typoid,
																 sizeof(ControlCode), false,
																 TYPALIGN_SHORT)),
								 false, false);
	}
	else
		arr = (Node *) makeFuncExpr(sibling_function(funcid, "ancestors", typoid),
									arraytype, list_make1(copyObject(other)),
									InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);

	saop = makeNode(ScalarArrayOpExpr);
	saop->opno = eq;
	saop->opfuncid = get_opcode(eq);
	saop->hashfuncid = InvalidOid;
	saop->negfuncid = InvalidOid;
	saop->useOr = true;
	saop->inputcollid = InvalidOid;
	saop->args = list_make2(key, arr);
	saop->location = -1;
	return list_make1(saop);
}

/*
 * key_is_container: true when the indexed argument is the containing side
 * (col @> X), false when it is the contained side (col <@ X).
 */
static Node *
containment_support(Node *rawreq, bool key_is_container_when_arg0)
{
	SupportRequestIndexCondition *req;
	List	   *args;
	Node	   *key,
			   *other;
	Oid			typoid,
				ge,
				le,
				eq;
	bool		key_is_container;

	if (!IsA(rawreq, SupportRequestIndexCondition))
		return NULL;
	req = (SupportRequestIndexCondition *) rawreq;
	if (req->index->relam != BTREE_AM_OID)
		return NULL;
	if (is_opclause(req->node))
		args = ((OpExpr *) req->node)->args;
	else if (IsA(req->node, FuncExpr))
		args = ((FuncExpr *) req->node)->args;
	else
		return NULL;
	if (list_length(args) != 2 || req->indexarg < 0 || req->indexarg > 1)
		return NULL;
	key = (Node *) list_nth(args, req->indexarg);
	other = (Node *) list_nth(args, 1 - req->indexarg);
	if (IsA(other, Const) && ((Const *) other)->constisnull)
		return NULL;
	typoid = exprType(key);
	if (exprType(other) != typoid)
		return NULL;
	ge = get_opfamily_member(req->opfamily, typoid, typoid, BTGreaterEqualStrategyNumber);
	le = get_opfamily_member(req->opfamily, typoid, typoid, BTLessEqualStrategyNumber);
	eq = get_opfamily_member(req->opfamily, typoid, typoid, BTEqualStrategyNumber);
	if (!OidIsValid(ge) || !OidIsValid(le) || !OidIsValid(eq))
		return NULL;

	key_is_container = (req->indexarg == 0) == key_is_container_when_arg0;
	req->lossy = false;
	if (key_is_container)
		return (Node *) ancestor_clause(req->funcid, key, other, typoid, eq);
	return (Node *) range_clauses(req->funcid, key, other, typoid, ge, le);
}

/* support for controlcode_contains(a, b) = a @> b */
Datum
controlcode_contains_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(containment_support((Node *) PG_GETARG_POINTER(0), true));
}

/* support for controlcode_contained(a, b) = a <@ b */
Datum
controlcode_contained_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(containment_support((Node *) PG_GETARG_POINTER(0), false));
}

/*
 * controlcode_contsel: restriction selectivity of @> and <@.
 *
 * "col <@ X" is estimated as the btree range [X, X.*] and "col @> X" as
 * "col = ANY (ancestors(X))", so the planner's histogram and MCV machinery
 * (scalarineqsel, scalararraysel) apply instead of a fixed guess.  Anything
 * else (no statistics, a non-constant probe) falls back to the 0.001 that
 * contsel() uses for geometric containment.
 */
PG_FUNCTION_INFO_V1(controlcode_contsel);
Datum
controlcode_contsel(PG_FUNCTION_ARGS)
{
	PlannerInfo *root = (PlannerInfo *) PG_GETARG_POINTER(0);
	Oid			operator = PG_GETARG_OID(1);
	List	   *args = (List *) PG_GETARG_POINTER(2);
	int			varRelid = PG_GETARG_INT32(3);
	VariableStatData vardata;
	Node	   *other;
	bool		varonleft;
	Selectivity sel = 0.001;
	Oid			typoid,
				opclass,
				opfamily,
				funcid;
	List	   *clauses = NIL;
	char	   *fname;
	bool		var_is_container;

	if (!get_restriction_variable(root, args, varRelid, &vardata, &other, &varonleft))
		PG_RETURN_FLOAT8(sel);
	typoid = vardata.vartype;
	if (!IsA(other, Const) || ((Const *) other)->constisnull ||
		exprType(other) != typoid)
	{
		ReleaseVariableStats(vardata);
		PG_RETURN_FLOAT8(sel);
	}
	opclass = GetDefaultOpClass(typoid, BTREE_AM_OID);
	funcid = get_opcode(operator);
	fname = OidIsValid(funcid) ? get_func_name(funcid) : NULL;
	if (OidIsValid(opclass) && fname != NULL)
	{
		Oid			ge,
					le,
					eq;

		opfamily = get_opclass_family(opclass);
		ge = get_opfamily_member(opfamily, typoid, typoid, BTGreaterEqualStrategyNumber);
		le = get_opfamily_member(opfamily, typoid, typoid, BTLessEqualStrategyNumber);
		eq = get_opfamily_member(opfamily, typoid, typoid, BTEqualStrategyNumber);
		/* controlcode_contains(a, b) is a @> b; controlcode_contained is a <@ b */
		var_is_container = (strcmp(fname, "controlcode_contains") == 0) == varonleft;
		if (OidIsValid(ge) && OidIsValid(le) && OidIsValid(eq))
			clauses = var_is_container
				? ancestor_clause(funcid, (Node *) vardata.var, other, typoid, eq)
				: range_clauses(funcid, (Node *) vardata.var, other, typoid, ge, le);
	}
	if (clauses != NIL)
		sel = clauselist_selectivity(root, clauses, varRelid, JOIN_INNER, NULL);
	ReleaseVariableStats(vardata);
	CLAMP_PROBABILITY(sel);
	PG_RETURN_FLOAT8(sel);
}
