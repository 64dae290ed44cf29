/*
 * screen_lists.h — the screening layer's in-memory view of the current
 * lists (screen_lists.c), the matcher over it (screen_match.c) and the
 * evidence scoring (screen_evidence.c).
 */
#ifndef PG_SCREEN_LISTS_H
#define PG_SCREEN_LISTS_H

#include "utils/date.h"

#include "json_build.h"
#include "name.h"

/* the adjustments of screen.screening_weights(), read when the view is built */
typedef struct ScrWeights
{
	double		weak_alias_factor;
	double		low_quality_factor;
	double		kind_mismatch;
	double		kind_partial_mismatch;
	double		birth_date_exact;
	double		birth_date_consistent;
	double		birth_date_close;
	double		birth_date_contradiction;
	double		country_match;
	double		country_mismatch;
	double		identifier_match_floor;
	double		identifier_contradiction;
	double		candidate_margin;
} ScrWeights;

typedef struct ScrDob
{
	DateADT		from;
	DateADT		to;
	bool		day;			/* precision 'day' */
	const char *raw;
} ScrDob;

typedef struct ScrIdent
{
	const char *id_type;
	const char *normalized;
	const char *value;
} ScrIdent;

typedef struct ScrEntity
{
	int64		entity_id;
	int64		version_id;		/* the version of its list screened against */
	int			source;			/* index into ScrLists.sources */
	const char *list_id;
	const char *kind;
	const char *primary_name;
	int			ndob;
	ScrDob	   *dob;
	int			ncountry;
	const char **country;		/* ISO alpha-2, sorted, distinct */
	int			nid;
	ScrIdent   *id;
} ScrEntity;

/* a word the scorer may glue a run of the other name's tokens to */
typedef struct ScrGlueWord
{
	int16		len;
	uint8		first;			/* its first byte */
	uint8		idx;			/* its token */
	uint32		mask;			/* its letters (pgs_token_mask) */
	uint64		keys;			/* glue_key() of the runs it admits */
} ScrGlueWord;

/* a run of two to four adjacent tokens the scorer may glue together */
typedef struct ScrGlueRun
{
	int16		len;			/* glued length */
	uint8		first;			/* first byte */
	uint32		mask;			/* letters */
	uint64		toks;			/* its tokens (those < 64) */
} ScrGlueRun;

/*
 * What the glue tests need of a name (tokens as the scorer takes them):
 * the whole name glued, as name_score.c compares it (step 5), and its
 * words and runs for the merges of step 3.
 */
typedef struct ScrGlue
{
	uint64		wordkeys;		/* glue_key() of its words, for any run length they admit */
	uint64		runkeys;		/* glue_key() of its runs */
	uint32		mask;			/* its letters (pgs_token_mask) */
	float4		legal_w;		/* weight of its legal forms (0: not an organisation's
								 * name for sure) */
	uint32		word0;			/* its first word (four letters or more) in the pool */
	uint32		run0;			/* its first run in the pool */
	uint8		ntok;			/* tokens other than honorifics (PGS_MAX_SCORE_TOKENS at most) */
	uint8		len;			/* their glued length (below 256) */
	uint8		nwordv;			/* its words */
	uint16		nrunv;			/* its runs */
	uint8		nvwords;		/* a list name's: its words outside the vocabulary */
} ScrGlue;

typedef struct ScrName
{
	int			entity;			/* index into ScrLists.entities */
	int			order;			/* its rank in name_id order (the view lays the
								 * names out in another, for speed) */
	const char *name;
	const char *name_type;
	bool		weak;			/* name_type 'weak' */
	bool		low_quality;	/* quality 'low' or 'weak' */
	int			ntok;			/* tokens the scorer sees */
	int			nalltok;		/* all tokens (the keys see them all) */
	PgsToken   *tok;
	struct varlena *parsed;
} ScrName;

#define SCR_ITEM_MASK_TOKENS 32

/*
 * What the matcher's bounds need of a list name, packed into one cache line
 * (the array is aligned to one): a candidate costs a few cache lines rather
 * than a walk over its tokens.  The weights and vocabulary ids of the
 * tokens the masks cover are in ScrLists.toks from tok0 on, and the glue
 * words and runs in pools too: a name's data lie together, in the order of
 * the names.
 */
typedef struct ScrNameSum
{
	uint32		wordmask;		/* indexable words (tokens < SCR_ITEM_MASK_TOKENS) */
	uint32		nummask;		/* numbers */
	uint32		init_letters;	/* letters of its initials (pgs_token_mask bits) */
	uint32		tok0;			/* its first token in ScrLists.toks */
	int16		source;			/* its entity's source */
	uint8		ninitials;		/* initials (they align with words) */
	uint8		nwords;			/* indexable words other than numbers, all tokens */
	uint32		runstarts;		/* tokens < 31 that start runs (their ScrTokSum.runmin
								 * and runmax are set); bit 31: a run starts further on */
	ScrGlue		glue;
} ScrNameSum;

#define SCR_CACHE_LINE 64
StaticAssertDecl(sizeof(ScrNameSum) == SCR_CACHE_LINE, "ScrNameSum fills one cache line");

/* a name's glued length and token count (ScrGlue's), dense for the matcher's first pass */
typedef struct ScrGlueLen
{
	uint8		len;
	uint8		ntok;
} ScrGlueLen;

/*
 * A token of a list name (or of the query) as the bounds see it.  A list
 * name's words also carry what the may-align test asks first (length and
 * letters), so that a word no key met is looked up in the vocabulary only
 * when some query word passes that test (screen_match.c's vocab_needed).
 */
typedef struct ScrTokSum
{
	uint32		vid;			/* its vocabulary id (0: not an indexable word) */
	float4		w;				/* its weight */
	uint32		mask;			/* a list name's word: its letters (pgs_token_mask) */
	uint8		runmin;			/* a list name's: the glued lengths of the shortest and
								 * the longest run starting with it (0: none; at
								 * most 63, as list_runs_to_query's first test
								 * counts) */
	uint8		runmax;
	uint8		first;			/* a list name's: its first byte */
	uint8		len;			/* a list name's word: its length; 0 when written in
								 * an abjad (the letter test does not apply) */
} ScrTokSum;

StaticAssertDecl(sizeof(ScrTokSum) == 16, "four ScrTokSum fill a cache line");

/*
 * A word of the vocabulary (the distinct indexable words of the names), as
 * a candidate's words are read: per query (round) which query words it may
 * align with and which query tokens the scorer may glue into a word it may
 * be glued to.  Small, so that the words of many candidates stay in the
 * caches; the word's token is apart (ScrVocabWord).
 */
typedef struct ScrVocab
{
	uint32		round;			/* == ScrLists.round: align and merges are this query's */
	uint32		kround;			/* == ScrLists.round: kqmask is this query's */
	uint64		align;			/* the query words it may align with */
	uint64		merges;			/* the query tokens the scorer may glue into a word it
								 * may be glued to */
	uint64		kqmask;			/* the query tokens whose keys are the word's keys */
} ScrVocab;

StaticAssertDecl(sizeof(ScrVocab) * 2 == SCR_CACHE_LINE, "two ScrVocab fill a cache line");

/*
 * A word of the vocabulary as the may-align and merge tests read it, once
 * per query and word: a copy of its token, whose texts are copied together
 * with the other words' (the test reads them only for the few pairs its
 * class, length and letter tests let through), its canonical form's hash,
 * the letters it has twice, and the word as a glue word (scr_glue_word;
 * keys 0: it is none).
 */
typedef struct ScrVocabWord
{
	PgsToken	t;
	uint32		chash;			/* hash_bytes() of t.canon */
	uint32		mask2;			/* the letters t has twice (pgs_token_mask2) */
	ScrGlueWord glue;
} ScrVocabWord;

/* per-query scratch of one list name */
typedef struct ScrSeen
{
	uint32		round;			/* == ScrLists.round: met in this query */
	uint32		imask;			/* the name's tokens the query's keys met */
	uint64		qmask;			/* query tokens the name's keys met */
} ScrSeen;

/*
 * A key of the key index and where its postings are: from start, len - nvids
 * postings of names under the key (keys of two or three tokens glued, of
 * initials and numbers, of tokens past the summaries' width), then nvids
 * vocabulary words (ScrPosting.name is the word's id) whose keys it is: a
 * word's names are in ScrLists.vpost, once per word however many of its
 * keys a query meets.
 */
typedef struct ScrKeySlot
{
	uint32		key;
	uint32		start;
	uint32		len;			/* 0: empty slot */
	uint32		nvids;
} ScrKeySlot;

/* a name under a key, and which of its tokens the key stands for */
typedef struct ScrPosting
{
	uint32		name;
	uint32		imask;
} ScrPosting;

/*
 * Postings after the last one (name 0), so that the matcher may read a
 * posting this far ahead of the one it is at, to prefetch its name's entry,
 * without testing for the end of the key's postings.
 */
#define SCR_POST_SLACK 8

/* an identifier of a listed entity, for the lookup by identifier */
typedef struct ScrIdentRef
{
	const char *normalized;
	int			entity;
} ScrIdentRef;

typedef struct ScrAlias
{
	const char *alias;
	const char *iso2;
} ScrAlias;

typedef struct ScrLists
{
	MemoryContext cxt;			/* this backend's: the view, or only its scratch */
	Oid			state_relid;	/* screen.list_state when built */
	int64		generation;		/* its generation when built */
	Oid			userid;			/* the role that read the tables, or (attached) uses it */
	Oid			key_role;		/* InvalidOid: the view is any reader's (screen_lists.c's
								 * view_role); else the role's own */
	uint64		acl_epoch;		/* screen_lists.c's acl_epoch when the role was asked */
	int			shared_slot;	/* the shared memory slot it is in (screen_shared.c), or -1 */
	uint32		shared_epoch;	/* the slot's epoch when attached */
	bool		attached;		/* a published view's header, copied: the scratch is ours */
	char	   *shm_next;		/* while built into a slot: its free memory */
	Size		shm_left;
	bool		shm_full;		/* it ran out: the rest went to local arenas */
	bool		has_as_of;		/* the lists as of a date, not the current ones */
	DateADT		as_of;
	double		build_ms;
	Size		bytes;
	char	   *arena;			/* while built: view_alloc()'s free memory */
	Size		arena_left;
	Size		arena_unused;	/* arenas' memory left unused */

	ScrWeights	w;
	int			nsources;
	const char **sources;		/* list_source codes, sorted */
	int			nentities;
	ScrEntity  *entities;		/* sorted by entity_id */
	int			nnames;
	ScrName    *names;
	ScrNameSum *sums;			/* beside names, for the matcher */
	ScrGlueLen *glen;			/* beside names: sums[].glue's len and ntok */
	int			nidrefs;
	ScrIdentRef *idrefs;		/* sorted by normalized */
	int			naliases;
	ScrAlias   *aliases;		/* sorted by alias */

	/* key index: open addressing over the distinct keys, postings in CSR */
	uint32		hmask;
	ScrKeySlot *hslots;
	ScrPosting *post;
	int64		npost;
	/* the names of each vocabulary word (from vpost0[id] to vpost0[id + 1]) */
	uint32	   *vpost0;
	ScrPosting *vpost;

	/* per name token (the first SCR_ITEM_MASK_TOKENS): weight, vocabulary id */
	ScrTokSum  *toks;
	ScrGlueWord *glue_words;	/* the names' glue words and runs */
	ScrGlueRun *glue_runs;

	float4		class_maxw[PGS_TOK_PATRONYMIC + 1];	/* heaviest token of each class */

	/* vocabulary: the distinct indexable words of the names (id 0 unused) */
	int			nvocab;
	ScrVocab   *vocab;
	ScrVocabWord *vwords;

	/* per-query scratch, sized nnames (vtouched and vletters: nvocab) */
	uint32		round;
	ScrSeen    *seen;
	int		   *touched;
	uint32	   *vtouched;		/* the vocabulary words the query's keys met */
	uint8	   *vletters;		/* the candidates' letter test of each vocabulary
								 * word, asked in this query when its high seven
								 * bits are vltag: its low bit (screen_match.c) */
	uint8		vltag;
} ScrLists;

/* screen_lists.c */
extern ScrLists *scr_lists_get(bool has_as_of, DateADT as_of);

/* screen_shared.c: views in shared memory */
extern bool scr_shared_available(void);
extern const ScrLists *scr_shared_attach(Oid role, Oid relid, int64 generation, int *slot,
										uint32 *epoch);
extern bool scr_shared_repin(int slot, uint32 epoch);
extern void scr_shared_release(int slot);
extern int	scr_shared_reserve(Oid role, Oid relid, int64 generation, char **base, Size *size);
extern void scr_shared_publish(int slot, const ScrLists *L, bool shareable);
extern void scr_shared_abandon(int slot);
extern int	scr_source_index(ScrLists *L, const char *code);
extern const char *scr_country_iso2(ScrLists *L, const char *country);

/* screen_match.c: list names whose score reaches qth */
typedef struct ScrNameHit
{
	int			name;
	float4		ns;
} ScrNameHit;

extern void scr_glue_summary(const PgsToken *t, int n, ScrGlue *g,
							 ScrGlueWord **words, ScrGlueRun **runs);
extern void scr_glue_hints(ScrNameSum *sm, ScrTokSum *ts,
						   const ScrGlueWord *words, const ScrGlueRun *runs);
extern bool scr_glue_word(const PgsToken *t, int idx, ScrGlueWord *w);
extern int	scr_match_names(ScrLists *L, PgsToken *q, int nq, double qth,
							const bool *source_ok, ScrNameHit **out);

/* screen_evidence.c: the party as screened, and the entity score */
typedef struct ScrParty
{
	const char *kind;			/* NULL: not given */
	const char *iso2;			/* NULL: not given */
	bool		has_dob;
	DateADT		dob_from;
	DateADT		dob_to;
	char		dob_prec;		/* 'd', 'm', 'y' */
	int			nids;
	const char **ids;			/* normalized */
	const char **id_types;		/* NULL entries: any type */
} ScrParty;

/* one factor of an entity score, as the explanation shows it */
typedef struct ScrFactor
{
	const char *name;
	double		effect;
	int			digits;			/* decimals shown */
	const char *detail;
} ScrFactor;

#define SCR_MAX_FACTORS 8

typedef struct ScrFactors
{
	int			n;
	ScrFactor	f[SCR_MAX_FACTORS];
} ScrFactors;

extern double scr_entity_score(ScrLists *L, const ScrEntity *e, const ScrName *n, double ns,
							   const ScrParty *p, ScrFactors *factors);
extern void scr_factors_build(JsonBuild *jb, const ScrFactors *f);
extern int	scr_ident_entities(ScrLists *L, const ScrParty *p, int **out);
extern bool scr_parse_birth_date(const char *s, DateADT *from, DateADT *to, char *prec);

#endif							/* PG_SCREEN_LISTS_H */
