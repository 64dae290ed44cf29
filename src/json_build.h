/*
 * json_build.h — building jsonb values directly (json_build.c), without
 * writing JSON text and parsing it back with jsonb_in.
 */
#ifndef PG_SCREEN_JSON_BUILD_H
#define PG_SCREEN_JSON_BUILD_H

#include "utils/jsonb.h"

typedef struct JsonBuild
{
	JsonbParseState *state;
	JsonbValue *result;			/* the outermost value, once closed */
} JsonBuild;

extern void jb_init(JsonBuild *jb);
extern void jb_object_begin(JsonBuild *jb);
extern void jb_object_end(JsonBuild *jb);
extern void jb_array_begin(JsonBuild *jb);
extern void jb_array_end(JsonBuild *jb);
extern void jb_key(JsonBuild *jb, const char *key);
extern void jb_string(JsonBuild *jb, const char *s);
extern void jb_string_len(JsonBuild *jb, const char *s, int len);
extern void jb_number(JsonBuild *jb, double v, int digits);
extern void jb_number_text(JsonBuild *jb, const char *numeric);
extern void jb_bool(JsonBuild *jb, bool v);
extern void jb_null(JsonBuild *jb);
extern Jsonb *jb_finish(JsonBuild *jb);

#endif
