/*
 * pg_screen.c — module entry point.
 *
 * _PG_init runs once per backend when the library is loaded; it hands over
 * to each subsystem's Init so that GUCs and caches live beside the code that
 * uses them.  Loaded by the postmaster (shared_preload_libraries), it also
 * builds there what every process would otherwise build on its first
 * screening and can share by inheritance: the ICU transliterators.
 */
#include "pg_screen.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "name.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	pg_screen_names_init();
	pg_screen_controls_init();
	pg_screen_lists_init();
	/* after every subsystem has defined its parameters */
	MarkGUCPrefixReserved("pg_screen");
	if (process_shared_preload_libraries_in_progress)
		pgs_normalize_preload();
}
