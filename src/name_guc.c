/*
 * name_guc.c — configuration parameters of the name layer.
 */
#include "pg_screen.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "name.h"

/* pg_screen.threshold: the score at or above which `name % name` is true */
double		pg_screen_threshold = PG_SCREEN_DEFAULT_THRESHOLD;

void
pg_screen_names_init(void)
{
	DefineCustomRealVariable("pg_screen.threshold",
							 "Score at or above which two names are considered a match by the % operator.",
							 "Scores are in [0, 1]; see doc/names.md for the precision and recall measured at each threshold.",
							 &pg_screen_threshold,
							 PG_SCREEN_DEFAULT_THRESHOLD,
							 0.0, 1.0,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}

/*
 * screen.current_threshold() — the pg_screen.threshold in force.  Unlike
 * current_setting('pg_screen.threshold') it works before the library has
 * been loaded in the session (calling it loads the library).
 */
PG_FUNCTION_INFO_V1(pgs_current_threshold);
Datum
pgs_current_threshold(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT4((float4) pg_screen_threshold);
}
