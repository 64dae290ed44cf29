/*
 * name.h — the names layer: normalization, token knowledge, the screen.name
 * type and the scorer.
 */
#ifndef PG_SCREEN_NAME_H
#define PG_SCREEN_NAME_H

#include "fmgr.h"

/* scoring constants (name_score.c explains them) */
#define PGS_PAIR_MIN		0.60	/* least similarity for two tokens to align */
#define PGS_PAIR_MIN_FAR	0.75	/* ... when they are three or more edits apart */
#define PGS_C_CONTRA		1.50	/* cost of weight unmatched on both sides */
#define PGS_C_EXTRA_PERSON	0.20	/* cost of an extra word, personal names */
#define PGS_C_EXTRA_ORG		0.80	/* cost of an extra word, organisation names */
#define PGS_C_EXTRA_LEGAL	0.15	/* cost of a legal form only one side has */
#define PGS_CONTRA_MIN_W	0.80	/* a contradicting word weighs at least this */
#define PGS_W_INITIAL		0.30	/* weight of an initial */
#define PGS_W_PARTICLE		0.20	/* ... of a particle (al, bin, van) */
#define PGS_W_STOP			0.10	/* ... of a stop word (the, of) */
#define PGS_W_LEGAL			0.50	/* ... of a legal form */
#define PGS_MERGE_MIN		0.85	/* least similarity for gluing adjacent tokens */
#define PGS_GLUE_MIN		0.90	/* least whole-name similarity, names glued */

/*
 * Whether a score reaches a threshold, compared as scores are reported
 * (real): a name that screen.name_score says scores 0.8 matches at 0.8.
 */
static inline bool
pgs_score_reaches(double score, double threshold)
{
	return (float4) score >= (float4) threshold;
}

/* default of pg_screen.threshold; see doc/names.md for how it was chosen */
#define PG_SCREEN_DEFAULT_THRESHOLD 0.80

/* longest name text accepted by screen.to_name, in bytes */
#define PGS_MAX_NAME_BYTES		65536
/* most tokens a parsed name keeps, and most the scorer aligns */
#define PGS_MAX_TOKENS			255
#define PGS_MAX_SCORE_TOKENS	32
/* longest token kept; longer runs of letters are cut */
#define PGS_MAX_TOKEN_LEN		64
#define PGS_PHON_LEN			8

extern double pg_screen_threshold;

/* script family of the word a token came from */
#define PGS_SCRIPT_LATIN	0		/* Latin, Cyrillic, Greek, ... (alphabets) */
#define PGS_SCRIPT_ABJAD	1		/* Arabic, Hebrew: short vowels not written */
#define PGS_SCRIPT_SYLLABIC	2		/* Han, Hangul, kana: one syllable per token */

/* token classes */
#define PGS_TOK_WORD		0		/* an ordinary name word */
#define PGS_TOK_INITIAL		1		/* a single letter */
#define PGS_TOK_NUMBER		2		/* digits (number words and ordinals folded) */
#define PGS_TOK_PARTICLE	3		/* al, bin, van, de, ... */
#define PGS_TOK_STOP		4		/* the, of, and, ... */
#define PGS_TOK_LEGAL		5		/* a legal form; canon is its class */
#define PGS_TOK_HONORIFIC	6		/* Mr, Dr, Sheikh, ...: never scored */
#define PGS_TOK_PATRONYMIC	7		/* -ovich, -ovna, ... */

/* token flags */
#define PGS_TF_GIVEN		0x01	/* in a given-name equivalence group */
#define PGS_TF_COMMON		0x02	/* weight taken from screen.common_tokens */
#define PGS_TF_ORGWORD		0x04	/* a word that marks an organisation name */

/* A token while parsing or scoring (pointers into some buffer) */
typedef struct PgsToken
{
	const char *text;
	const char *canon;
	uint16		len;
	uint16		clen;
	uint8		cls;
	uint8		script;
	uint8		flags;
	uint8		pos;			/* position in the original token order */
	float4		weight;
	uint32		mask;			/* letters present (pgs_token_mask) */
	char		phon[PGS_PHON_LEN];
} PgsToken;

/*
 * The most a pair with a token of weight w may weigh in the scorer's tally
 * (name_score.c): the mean of the two tokens' weights, the other's 1 at
 * most, or w itself when w is more.  The bounds of name_keys.c and
 * screen_match.c count a word that may align this much.
 */
static inline double
pgs_pair_weight_max(double w)
{
	return Max(w, (w + 1.0) / 2);
}

/* a word proper: an ordinary name word or a patronymic */
static inline bool
pgs_is_wordlike(uint8 cls)
{
	return cls == PGS_TOK_WORD || cls == PGS_TOK_PATRONYMIC;
}

/* a token the scorer may glue to its neighbours (honorifics are set aside before) */
static inline bool
pgs_is_glueable(uint8 cls)
{
	return cls != PGS_TOK_LEGAL && cls != PGS_TOK_NUMBER && cls != PGS_TOK_STOP;
}

/* bit set of the characters of a token: a-z, other bytes folded into 6 bits */
static inline uint32
pgs_token_mask(const char *s, int len)
{
	uint32		m = 0;
	int			i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		m |= (c >= 'a' && c <= 'z') ? (1u << (c - 'a')) : (1u << (26 + c % 6));
	}
	return m;
}

/* the same bits, of the characters a token has twice or more */
static inline uint32
pgs_token_mask2(const char *s, int len)
{
	uint32		once = 0,
				twice = 0;
	int			i;

	for (i = 0; i < len; i++)
	{
		uint32		bit = pgs_token_mask(s + i, 1);

		twice |= once & bit;
		once |= bit;
	}
	return twice;
}

/*
 * On-disk form of screen.name (varlena, alignment 'char': read headers with
 * memcpy).  After the varlena header: a PgsNameHead, ntokens PgsTokenHdr,
 * then the string area that the offsets point into.
 */
typedef struct PgsNameHead
{
	uint16		version;
	uint16		ntokens;
	float4		threshold;		/* < 0: pg_screen.threshold; set on query values
								 * by screen.name_with_threshold() */
} PgsNameHead;

typedef struct PgsTokenHdr
{
	uint32		off;			/* text offset in string area */
	uint32		coff;			/* canonical form offset */
	uint16		len;
	uint16		clen;
	uint8		cls;
	uint8		script;
	uint8		flags;
	uint8		pad;
	float4		weight;
	char		phon[PGS_PHON_LEN];
} PgsTokenHdr;

#define PGS_NAME_VERSION 1

/* normalize.c */
extern char *pgs_normalize(const char *s, int len, uint8 **scripts, int *outlen);
extern void pgs_normalize_preload(void);

/* knowledge.c */
typedef struct PgsKnow
{
	char		key[PGS_MAX_TOKEN_LEN * 2];
	uint16		what;			/* PGS_K_* bits */
	uint8		nwords;			/* words in the key (phrases) */
	float4		weight;
	char		canon[PGS_MAX_TOKEN_LEN];	/* given-name canonical or legal class */
} PgsKnow;

#define PGS_K_LEGAL		0x01
#define PGS_K_HONORIFIC	0x02
#define PGS_K_PARTICLE	0x04
#define PGS_K_STOP		0x08
#define PGS_K_GIVEN		0x10
#define PGS_K_COMMON	0x20
#define PGS_K_ORGWORD	0x40
#define PGS_K_PHRASE	0x80	/* first word of a longer phrase */

extern PgsKnow *pgs_know_lookup(const char *key, int len);
extern int	pgs_know_max_phrase(void);
extern PgsKnow *pgs_know_fuzzy_legal(const char *tok, int len);

/* phonetic.c */
extern void pgs_phonetic(const char *tok, int len, uint8 script, char *out);

/* name_parse.c */
typedef struct PgsParsed
{
	int			ntokens;
	PgsToken   *tokens;
} PgsParsed;

extern PgsParsed *pgs_parse_name(const char *s, int len);
extern int	pgs_split_words(const char *norm, const uint8 *scripts, int nlen,
							PgsToken *out, int maxout);

/* name_type.c */
extern struct varlena *pgs_serialize(PgsParsed *p);
extern int	pgs_unpack(struct varlena *v, PgsToken *out, int maxout);
extern struct varlena *pgs_text_to_name(text *t);
extern const char *pgs_class_name(int cls);
extern double pgs_name_threshold(struct varlena *v);

/* name_keys.c: candidate keys and the score upper bound (index and matcher) */
#define PGS_KEY_DEL_PREFIX 20

typedef struct PgsKeys
{
	uint32	   *keys;
	int16	   *tok1;			/* first and last token the key stands for */
	int16	   *tok2;			/* (NULL unless asked for) */
	int			n,
				cap;
} PgsKeys;

typedef struct PgsBound
{
	int			ntok;
	double		threshold;
	bool		org;
	bool		any_indexed;
	bool	   *indexed;
	float4	   *weight;
	uint8	   *cls;
} PgsBound;

extern void pgs_keys_init(PgsKeys *kb, int cap, bool with_tokens);
extern void pgs_name_keys(PgsToken *t, int n, bool query, bool org, PgsKeys *kb);
extern bool pgs_key_indexable(const PgsToken *t);
extern bool pgs_name_is_org(const PgsToken *t, int n);
extern PgsBound *pgs_bound_prepare(PgsToken *t, int n, double threshold);
extern void pgs_bound_parts(const PgsBound *b, const bool *matched, double *wm, double *cost);
extern bool pgs_bound_reaches(const PgsBound *b, const bool *matched);
extern bool pgs_bound_needs_all(const PgsBound *b);

/*
 * Whether an upper bound of the score, wm / (wm + cost) (0 when wm is 0),
 * reaches threshold less the slack every bound keeps (1e-6: far more than
 * the rounding of either side; a score reaches the threshold as a float4).
 * Compared without dividing: the screening matcher asks it of every
 * candidate.  The index's bound (pgs_bound_reaches) and the matcher's
 * two-sided one (screen_match.c) both ask it here.
 */
static inline bool
pgs_bound_value_reaches(double wm, double cost, double threshold)
{
	double		t = threshold - 1e-6;

	return wm > 0 ? wm >= t * (wm + cost) : t <= 0;
}

/*
 * Most edits two words of longer length L may be apart and still align:
 * up to two while the similarity 1 - d / L stays >= PGS_PAIR_MIN, more
 * while it stays >= PGS_PAIR_MIN_FAR (name_score.c).
 */
static inline int
pgs_max_edits(int L)
{
	int			near = Min(2, (int) (L * (1.0 - PGS_PAIR_MIN) + 1e-9));
	int			far = (int) (L * (1.0 - PGS_PAIR_MIN_FAR) + 1e-9);

	return Max(near, far);
}

/*
 * The number of bits set in x, inline: pg_popcount32 is a call through a
 * pointer (chosen at run time by the CPU), too dear for the letter tests
 * that reject most pairs of words in a few instructions.
 */
static inline int
pgs_popcount32(uint32 x)
{
	x = x - ((x >> 1) & 0x55555555);
	x = (x & 0x33333333) + ((x >> 2) & 0x33333333);
	x = (x + (x >> 4)) & 0x0F0F0F0F;
	return (int) ((x * 0x01010101) >> 24);
}

/* name_score.c */
typedef struct PgsExplain PgsExplain;
extern double pgs_score_tokens(PgsToken *a, int na, PgsToken *b, int nb, PgsExplain *ex);
extern bool pgs_tokens_may_align(const PgsToken *a, const PgsToken *b);

#define PGS_GLUED_CAP 256		/* a name glued whole is cut short of this */
extern int	pgs_glue_name(const PgsToken *t, int n, char *buf);
extern double pgs_glued_similarity(const char *ga, int la, const char *gb, int lb);
extern double pgs_similarity_at_least(const char *a, int la, const char *b, int lb, double min);
extern int	pgs_osa_distance(const char *a, int la, const char *b, int lb, int maxd);

/* name_explain.c: collects what the scorer did */
struct JsonBuild;
struct JbSaved;
extern void pgs_explain_build(struct JsonBuild *jb, PgsParsed *pa, PgsParsed *pb,
							  const char *texta, const char *textb, struct JbSaved *name1);

typedef struct PgsExplainPair
{
	int			a,
				b;				/* token indexes (-1: none) */
	double		sim;
	const char *how;
} PgsExplainPair;

struct PgsExplain
{
	int			npairs;
	PgsExplainPair pairs[2 * PGS_MAX_SCORE_TOKENS + 4];
	int			nmerges;
	char		merges[8][160];
	double		matched,
				weight,
				contradiction,
				extra,
				glued,
				token_score;
	bool		org;
	PgsToken   *a;
	PgsToken   *b;
	int			na,
				nb;
};

#endif							/* PG_SCREEN_NAME_H */
