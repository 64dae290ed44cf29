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
extern void jb_push(JsonBuild *jb, JsonbIteratorToken tok, JsonbValue *v);
extern void jb_key(JsonBuild *jb, const char *key);
extern void jb_string(JsonBuild *jb, const char *s);
extern void jb_string_len(JsonBuild *jb, const char *s, int len);
extern void jb_number(JsonBuild *jb, double v, int digits);
extern void jb_number_text(JsonBuild *jb, const char *numeric);
#define JB_FIXED_LEN 32
extern int	jb_format_fixed(char *buf, double x, int digits);
extern void jb_bool(JsonBuild *jb, bool v);
extern void jb_null(JsonBuild *jb);
extern Jsonb *jb_finish(JsonBuild *jb);

#define jb_object_begin(jb) jb_push((jb), WJB_BEGIN_OBJECT, NULL)
#define jb_object_end(jb)	jb_push((jb), WJB_END_OBJECT, NULL)
#define jb_array_begin(jb)	jb_push((jb), WJB_BEGIN_ARRAY, NULL)
#define jb_array_end(jb)	jb_push((jb), WJB_END_ARRAY, NULL)

#endif
