/*
 * pg_screen.c — module entry point.
 *
 * _PG_init runs once per backend when the library is loaded; it hands over
 * to each subsystem's Init so that GUCs and caches live beside the code that
 * uses them.
 */
#include "pg_screen.h"

#include "fmgr.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	pg_screen_names_init();
	pg_screen_controls_init();
}
