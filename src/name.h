/*
 * name.h — the screen.name type and its scorer (names layer).
 */
#ifndef PG_SCREEN_NAME_H
#define PG_SCREEN_NAME_H

#define PG_SCREEN_DEFAULT_THRESHOLD 0.80

extern double pg_screen_threshold;

#endif							/* PG_SCREEN_NAME_H */
