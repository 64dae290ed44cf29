/*
 * pg_screen.h — declarations shared between pg_screen's C files.
 *
 * Each subsystem (names, controls, lists) exposes an Init function called
 * from _PG_init in pg_screen.c, and whatever other files need from it.
 */
#ifndef PG_SCREEN_H
#define PG_SCREEN_H

#include "postgres.h"

/* subsystem initialisation, called once per backend from _PG_init */
extern void pg_screen_names_init(void);
extern void pg_screen_controls_init(void);
extern void pg_screen_lists_init(void);

#endif							/* PG_SCREEN_H */
