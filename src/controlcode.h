/*
 * controlcode.h — the screen.controlcode type shared by the controls files.
 *
 * A control code is a jurisdiction, a head (an ECCN such as 3A001, EAR99,
 * a Munitions List entry ML1..ML22 or a UK national code PL5001) and up to
 * CC_MAX_COMPONENTS paragraph components (.a.1.b).  The value is a fixed-size
 * struct whose field-by-field order is the type's btree order:
 *
 *   jurisdiction, kind, category, product group, number, components...
 *
 * where a shorter code sorts before every code that extends it, numeric
 * paragraphs sort before letter paragraphs and numbers compare as numbers
 * (.a.9 < .a.10).  Every code under X therefore lies in the closed range
 * [X, X.*] where X.* ("upper sentinel") is X with one extra component that
 * sorts after every real component; the planner support functions in
 * controlcode_support.c turn containment into that btree range.
 */
#ifndef CONTROLCODE_H
#define CONTROLCODE_H

#include "postgres.h"
#include "fmgr.h"

#define CC_MAX_COMPONENTS	12

/* jurisdictions, in sort order */
#define CC_JUR_US	1
#define CC_JUR_EU	2
#define CC_JUR_UK	3
#define CC_JUR_WA	4

/* kinds of head, in sort order within a jurisdiction */
#define CC_KIND_ECCN	1		/* 3A001: category, product group, 3-digit number */
#define CC_KIND_ML		2		/* ML1..ML22: Munitions List entry */
#define CC_KIND_PL		3		/* PL5001: UK national control */
#define CC_KIND_EAR99	4		/* EAR99: subject to the EAR, not on the CCL */

/* component encoding: numbers as themselves, letters above, sentinel last */
#define CC_COMP_MAXNUM		9999
#define CC_COMP_LETTER(c)	((int16) (10000 + ((c) - 'a')))
#define CC_COMP_SENTINEL	((int16) 32767)

typedef struct ControlCode
{
	uint8		jur;
	uint8		kind;
	uint8		ncomp;			/* number of paragraph components */
	char		category;		/* '0'..'9' for ECCNs, else 0 */
	char		group;			/* 'A'..'E' for ECCNs, else 0 */
	uint8		pad;			/* always 0 so that memcmp equality works */
	int16		number;			/* ECCN number, ML number, PL number */
	int16		comp[CC_MAX_COMPONENTS];
} ControlCode;					/* 32 bytes, no varlena header */

#define DatumGetControlCodeP(X)		((ControlCode *) DatumGetPointer(X))
#define ControlCodePGetDatum(X)		PointerGetDatum(X)
#define PG_GETARG_CONTROLCODE_P(n)	DatumGetControlCodeP(PG_GETARG_DATUM(n))
#define PG_RETURN_CONTROLCODE_P(x)	return ControlCodePGetDatum(x)

/* GUC pg_screen.default_jurisdiction (controls_guc.c) */
extern int	pg_screen_default_jurisdiction;

/* controlcode.c */
extern const char *cc_jurisdiction_name(int jur);
extern void cc_parse(const char *str, ControlCode *out, bool allow_default);
extern char *cc_to_cstring(const ControlCode *cc);

/* controlcode_ops.c */
extern int	cc_cmp(const ControlCode *a, const ControlCode *b);
extern bool cc_contains(const ControlCode *a, const ControlCode *b);

#endif							/* CONTROLCODE_H */
