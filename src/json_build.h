/*
 * json_build.h — building jsonb values directly (json_build.c), without
 * writing JSON text and parsing it back with jsonb_in, and without
 * pushJsonbValue's parse state: the containers are built as a JsonbValue
 * tree and written in jsonb's binary form once.
 */
#ifndef PG_SCREEN_JSON_BUILD_H
#define PG_SCREEN_JSON_BUILD_H

#include "utils/jsonb.h"
#include "utils/numeric.h"

/* an open container: the values pushed into it so far */
typedef struct JbFrame
{
	JsonbValue	v;				/* jbvObject or jbvArray; its pairs or elems */
	int			cap;			/* allocated pairs or elems */
	bool		has_key;		/* an object's key waits for its value */
	JsonbValue	key;
} JbFrame;

#define JB_MAX_DEPTH 8

typedef struct JsonBuild
{
	int			depth;			/* open containers */
	JbFrame		frames[JB_MAX_DEPTH];
	JsonbValue	result;			/* the outermost container, once closed */
	bool		done;
} JsonBuild;

extern void jb_init(JsonBuild *jb);
extern void jb_begin(JsonBuild *jb, enum jbvType type);
extern void jb_end(JsonBuild *jb);
extern void jb_key_len(JsonBuild *jb, const char *key, int len);
/* (the keys are literals: their lengths are known when compiled) */
#define jb_key(jb, key) jb_key_len((jb), (key), strlen(key))
extern void jb_string(JsonBuild *jb, const char *s);
extern void jb_string_len(JsonBuild *jb, const char *s, int len);
extern void jb_number(JsonBuild *jb, double v, int digits);
#define JB_FIXED_LEN 32
extern int	jb_format_fixed(char *buf, double x, int digits);
extern void jb_numeric(JsonBuild *jb, Numeric num);
extern void jb_bool(JsonBuild *jb, bool v);
extern void jb_null(JsonBuild *jb);
extern Jsonb *jb_finish(JsonBuild *jb);

/*
 * A value built once and pushed again: the explanations of one party's
 * hits all show the party's name the same way (name_explain.c).  The saved
 * value shares the built one's arrays, which are not changed once closed.
 */
typedef struct JbSaved
{
	bool		valid;
	JsonbValue	v;
} JbSaved;

extern void jb_save_last(JsonBuild *jb, JbSaved *s);
extern void jb_saved(JsonBuild *jb, const JbSaved *s);

#define jb_object_begin(jb) jb_begin((jb), jbvObject)
#define jb_object_end(jb)	jb_end(jb)
#define jb_array_begin(jb)	jb_begin((jb), jbvArray)
#define jb_array_end(jb)	jb_end(jb)

#endif
