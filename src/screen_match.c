/*
 * screen_match.c — the list names a party's name matches, from the
 * in-memory view of the lists (screen_lists.c).
 *
 * The same search as `parsed % query` through the GIN index, without the
 * index's page reads: the query's keys (name_keys.c) are looked up in the
 * view's key index; every name met collects the query tokens its keys may
 * align and its own tokens the query's keys met (two bit masks); names
 * whose score upper bound reaches the threshold are scored exactly with
 * pgs_score_tokens, the scorer of screen.name_score.
 *
 * Two bounds, both upper bounds of the exact score M / (W + 1.5 X + Ycost)
 * (name_score.c):
 *
 *   B1, the index's (name_keys.c): the query words no key met are extra
 *       words at least.
 *   B2, two-sided, which only the matcher can compute because it knows the
 *       list name's tokens: with eq and ei the weight of the words left
 *       unmatched on each side (no key met them), X >= min(eq, ei) (both
 *       sides say something else: a contradiction) and Ycost >=
 *       0.15 |eq - ei| (0.15, the cheapest extra cost, of a legal form),
 *       and unmatched numbers on either side contradict.  The denominator
 *       grows with eq and ei, so their lower bounds give an upper bound of
 *       the score.  Keys catch one edit and equal phonetic keys, but the
 *       scorer aligns words two edits apart too, and a key does not say
 *       which word it aligns with: a word no key met that the scorer may
 *       align with any word of the other side counts as alignable weight,
 *       not as a cost.  Whether it may is asked once per query for each
 *       distinct listed word (the view's vocabulary), not once per name.
 *       The same answer also corrects the keys the other way: a word a key
 *       met that the scorer aligns with no word of the other side (the
 *       key of "Mahmoud" is that of "Muhammad", different given names the
 *       scorer keeps apart) is unmatched after all.
 *       An initial aligns with a word of its letter without a shared key,
 *       but only up to its own weight (0.3): the rest of the word stays
 *       unmatched.  The scorer aligns one to one, so no more query tokens
 *       than the list name has (one_to_one_cut).  Where gluing words
 *       together may align what the bound took as unmatched (the
 *       scorer's merges), B2 is asked again with the runs that may be glued
 *       counted as alignable; names whose whole names glued may be alike
 *       enough (the scorer's step 5) are scored.  B2 weighs each query
 *       token's pair as the scorer may (token_pair_max: a particle pairs
 *       only with a particle, an initial's pair weighs the initial's
 *       weight); B1 keeps the index's weights, which the index's recall
 *       rests on (B1 is no bound for words two edits apart).
 *
 * With W <= Wm (the largest alignable weight) and M <= W, the score is at
 * most Wm / (Wm + cost) for either bound's Wm and cost; a name is scored
 * only when both bounds reach the threshold.  B2 is what makes personal names
 * cheap: "Priscilla Huerta" shares a key with every listed Priscilla, and
 * B1 lets them all through (an extra surname costs only 0.2), while B2
 * sees Huerta and the listed surname contradict.  The hits are those of
 * `WHERE parsed % query` through the GIN index, and beyond them the names
 * B1 rejects that the whole names glued may match (B1 does not know that
 * comparison, so the index misses them; sql/50_screening.sql and
 * test/pgtap/50_screening_real.sql compare the three: index, matcher and a
 * sequential scan).
 */
#include "pg_screen.h"

#include "common/hashfn.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"

#include "screen_lists.h"

#define MASK_TOKENS 64
#define MEMO_TOKENS 10			/* query masks memoized up to this many tokens */

/* what the bounds need of one query mask */
typedef struct MaskSum
{
	bool		done;
	bool		b1;				/* B1 reaches the threshold (the index's test) */
	double		wmt;			/* largest alignable weight, each pair weighed as in token_pair_max */
	double		xq;				/* weight of the unmatched numbers */
	uint64		unm;			/* the unmatched words */
} MaskSum;

typedef struct Query
{
	PgsToken   *t;
	ScrTokSum  *ts;				/* token weights (tokens < MASK_TOKENS) */
	double	   *aw;				/* the most each token's pair may weigh (token_pair_max) */
	uint64		words;			/* indexable words other than numbers */
	int			n;
	int			ninitials;
	uint32		init_letters;	/* letters of its initials */
	uint32	   *first;			/* first letter of each token (tokens < MASK_TOKENS) */
	uint32	   *chash;			/* hash_bytes() of the canonical form of each word (words) */
	PgsBound   *bound;
	ScrGlue		glue;
	ScrGlueWord *gwords;		/* its glue words and runs */
	ScrGlueRun *gruns;
	/*
	 * Each word's length and letters, copied from t compact for the
	 * candidates' letter test (vocab_needed), which asks them for every
	 * listed word no key met (read from t: 1-2% slower); and the letters
	 * it has twice, for may_align.
	 */
	uint8	   *wlen;
	uint32	   *wmask;
	uint32	   *wmask2;
	bool		abjad;			/* a word is written in an abjad */
	uint64		lenok[PGS_MAX_TOKEN_LEN + 1];	/* the words whose lengths may align
												 * with a word of that length */
	uint64		qruntab[32];	/* bit Min(len, 63) of qruntab[first & 31]: one of its
								 * runs has that first byte and glued length */
	uint64		runtab[32];		/* bit len of runtab[first & 31]: a run of that
								 * first byte and glued length may be glued to
								 * one of its words */
	int			glen_lo;		/* the glued lengths glue_lengths_alike admits */
	int			glen_hi;		/* beside the query's (lo > hi: none) */
	char	   *glued;			/* the whole query glued (pgs_glue_name) */
	int			glued_len;		/* its length, or -1: too long to glue */
	uint64		scored;			/* tokens the scorer sees (all of them, or 0) */
	uint64		keyless;		/* those of them no key stands for (B1 counts them alignable) */
} Query;

/* a list name that passed B1, and what B2 needs of the query for it */
typedef struct Cand
{
	int			n;
	uint32		imask;			/* its tokens the query's keys met */
	uint64		qmask;			/* the query tokens its keys met */
	uint32		need;			/* its words B2 reads the vocabulary of (vocab_needed) */
	const MaskSum *ms;			/* what the bounds need of qmask (the memo's entry, or its own) */
} Cand;

/*
 * B2 reads each candidate's summary and vocabulary ids, scattered over the
 * view; they are asked for this many candidates ahead, so that the memory
 * system fetches several at once.
 */
#define PREFETCH_AHEAD 8
StaticAssertDecl(PREFETCH_AHEAD <= SCR_POST_SLACK, "postings are read this far ahead");
#if defined(__GNUC__) || defined(__clang__)
#define prefetch(p) __builtin_prefetch(p)
#else
#define prefetch(p) ((void) 0)
#endif

/*
 * The postings of key (first slot to try: slot), *start and the count, of
 * which the last *nvids are vocabulary words (ScrKeySlot)
 */
static inline int
key_lookup(ScrLists *L, uint32 key, uint32 slot, uint32 *start, int *nvids)
{
	*nvids = 0;
	while (L->hslots[slot].len != 0)
	{
		if (L->hslots[slot].key == key)
		{
			*start = L->hslots[slot].start;
			*nvids = L->hslots[slot].nvids;
			return L->hslots[slot].len;
		}
		slot = (slot + 1) & L->hmask;
	}
	return 0;
}

/*
 * The names of postings po..end met by query tokens bits: each name's
 * query tokens and its own tokens met, in its seen[] entry (stamped with
 * the round; listed in touched[] when first met).  Returns the new count
 * of names touched.
 */
static inline int
meet_names(ScrLists *L, const ScrPosting *po, const ScrPosting *end, uint64 bits,
		   int ntouched)
{
	for (; po < end; po++)
	{
		ScrSeen    *se = &L->seen[po->name];

		/*
		 * (past these postings: others, word references among them, or the
		 * slack; seen[] has room for the words' ids too)
		 */
		prefetch(&L->seen[po[PREFETCH_AHEAD].name]);

		if (se->round != L->round)
		{
			se->round = L->round;
			se->qmask = 0;
			se->imask = 0;
			L->touched[ntouched++] = po->name;
		}
		se->qmask |= bits;
		se->imask |= po->imask;
	}
	return ntouched;
}

/*
 * The most a pair with query token t may weigh in the scorer's tally
 * (name_score.c): a pair weighs the mean of its tokens' weights, the other
 * token's 1 at most; a particle, stop word or legal form pairs only with
 * one of its class (token_sim), whose heaviest in the view weighs
 * class_maxw; a pair with an initial weighs the lesser weight; an
 * honorific is set aside.  A word glued of a run weighs 1, more than a
 * particle's pair: the merge bound adds the difference (two_sided_bound).
 */
static double
token_pair_max(ScrLists *L, const PgsToken *t)
{
	switch (t->cls)
	{
		case PGS_TOK_HONORIFIC:
			return 0;
		case PGS_TOK_PARTICLE:
		case PGS_TOK_STOP:
		case PGS_TOK_LEGAL:
			return (t->weight + L->class_maxw[t->cls]) / 2;
		case PGS_TOK_INITIAL:
			return t->weight;
		default:
			return pgs_pair_weight_max(t->weight);
	}
}

static void
mask_sum(const Query *q, uint64 m, MaskSum *ms)
{
	bool		matched[PGS_MAX_TOKENS + 1];
	int			i;

	for (i = 0; i < q->n; i++)
		matched[i] = i >= MASK_TOKENS || ((m >> i) & 1);
	ms->b1 = pgs_bound_reaches(q->bound, matched);
	ms->wmt = 0;
	for (i = 0; i < q->n; i++)
		if (!q->bound->indexed[i] || matched[i])
			ms->wmt += q->aw[i];
	ms->xq = 0;
	ms->unm = 0;
	for (i = 0; i < q->n && i < MASK_TOKENS; i++)
	{
		if (matched[i] || !q->bound->indexed[i])
			continue;
		if (q->t[i].cls == PGS_TOK_NUMBER)
			ms->xq += q->t[i].weight;
		else
			ms->unm |= UINT64CONST(1) << i;
	}
	ms->done = true;
}

/*
 * Whether x has at most k bits set: for the one or two edits of most words,
 * by clearing its lowest bits rather than counting them all.
 */
static inline bool
bits_at_most(uint64 x, int k)
{
	if (k > 2)
		return pgs_popcount32((uint32) x) + pgs_popcount32((uint32) (x >> 32)) <= k;
	if (k > 0)
		x &= x - 1;
	if (k > 1)
		x &= x - 1;
	return x == 0;
}

/* pgs_max_edits() of each length a token may have (fill_length_tables) */
static uint8 max_edits[PGS_MAX_TOKEN_LEN + 1];

/*
 * The letter part of the scorer's first test of two words: no more letters
 * one has and the other lacks than the edits their longer length allows
 * (maxd; callers test the lengths).  False for most pairs, which then do
 * not align (in an abjad on either side the test does not apply).  The
 * masks are pgs_token_mask()'s, or with pgs_token_mask2()'s in their high
 * halves: a letter one word has twice and the other once or not at all is
 * an edit more (the edit distance is at least the number of letters one
 * word has more of than the other).
 */
static inline bool
letters_within(int maxd, uint64 ma, uint64 mb)
{
	return bits_at_most(ma & ~mb, maxd) && bits_at_most(mb & ~ma, maxd);
}

/*
 * Whether the scorer may align query word a (its canonical form's hash:
 * ahash, the letters it has twice: amask2) with word w of the vocabulary:
 * words of one canonical form (Joseph, Yousef) do; else first its own
 * length and letter test (cheap, and false for most pairs; here with the
 * letters each word has twice), then the scorer itself, told that the
 * canonical forms differ.  The word's texts are read only where these need
 * them.
 */
static inline bool
may_align(const PgsToken *a, uint32 ahash, uint32 amask2, const ScrVocabWord *w)
{
	const PgsToken *b = &w->t;

	if (a->clen == b->clen && ahash == w->chash && memcmp(a->canon, b->canon, a->clen) == 0)
		return true;
	if (a->script != PGS_SCRIPT_ABJAD && b->script != PGS_SCRIPT_ABJAD)
	{
		int			maxd = max_edits[Max(a->len, b->len)];

		if (Abs(a->len - b->len) > maxd ||
			!letters_within(maxd, a->mask | (uint64) amask2 << 32, b->mask | (uint64) w->mask2 << 32))
			return false;
	}
	return pgs_tokens_may_align(a, b);
}

/* the lowest set bit of *m, cleared */
static inline int
pop_bit(uint64 *m)
{
	int			i = pg_rightmost_one_pos64(*m);

	*m &= *m - 1;
	return i;
}

/* the weight of the tokens in m (of w) */
static inline double
mask_weight(const ScrTokSum *w, uint64 m)
{
	double		sum = 0;

	while (m)
		sum += w[pop_bit(&m)].w;
	return sum;
}

/*
 * The weight of the tokens in m (weights w) left unmatched, when each of k
 * tokens of the other side may align one of those in excusable, matching
 * at most cap of its weight: an initial aligns a word only up to the
 * initial's weight, the rest of the word stays unmatched (name_score.c's
 * tally); a word glued from a run aligns a whole word (cap 1).  *aligned
 * gets the weight such pairs may bring.
 */
static inline double
weight_less_top(const ScrTokSum *w, uint64 m, uint64 excusable, int k, double cap,
				double *aligned)
{
	double		sum = mask_weight(w, m);
	int			j;

	*aligned = 0;
	excusable &= m;
	if (k <= 0 || excusable == 0)
		return sum;
	while (k-- > 0 && excusable)
	{
		int			best = -1;
		uint64		rest = excusable;

		while (rest)
		{
			j = pop_bit(&rest);
			if (best < 0 || w[j].w > w[best].w)
				best = j;
		}
		sum -= Min(w[best].w, cap);
		*aligned += Min(w[best].w, cap);
		excusable &= ~(UINT64CONST(1) << best);
	}
	return Max(sum, 0);
}

/*
 * The least extra cost per unit of weight a side left unmatched with at
 * least e of words and at most legal of legal forms may have: a word costs
 * rate_w (0.8 in an organisation's name, 0.2 in a person's), a legal form
 * 0.15 (name_score.c's unmatched()).
 */
static inline double
extra_rate(double rate_w, double e, double legal)
{
	/* (most names have no legal form: no division for them) */
	if (legal <= 0)
		return rate_w;
	return (rate_w * e + PGS_C_EXTRA_LEGAL * legal) / (e + legal);
}

/*
 * The least cost (1.5 X + Ycost of name_score.c) when at least eq of the
 * query's weight and ei of the list name's are left unmatched, and xnum of
 * numbers: what both sides leave unmatched contradicts, the rest of the
 * larger side is extra.  The cost grows with eq and ei, so their lower
 * bounds give a lower bound.  A legal form on either side makes both
 * organisations' names, where extra words cost more.
 */
static inline double
unmatched_cost(const Query *q, const ScrNameSum *sm, double eq, double ei, double xnum)
{
	double		rate_w = (q->glue.legal_w > 0 || sm->glue.legal_w > 0)
		? PGS_C_EXTRA_ORG : PGS_C_EXTRA_PERSON;
	double		lo = Min(eq, ei),
				hi = Max(eq, ei),
				rate = eq >= ei ? extra_rate(rate_w, eq, q->glue.legal_w)
		: extra_rate(rate_w, ei, sm->glue.legal_w);

	return PGS_C_CONTRA * lo + rate * (hi - lo) + PGS_C_CONTRA * xnum;
}

/* the sum of the k smallest of v[0..n-1] (v is reordered) */
static double
sum_smallest(double *v, int n, int k)
{
	double		sum = 0;
	int			i,
				j;

	for (i = 0; i < k && i < n; i++)
	{
		int			min = i;

		for (j = i + 1; j < n; j++)
			if (v[j] < v[min])
				min = j;
		sum += v[min];
		v[min] = v[i];
	}
	return sum;
}

/*
 * One to one: the scorer aligns no more query tokens than the list name
 * has (as it takes them: ntok).  When the query tokens a bound counts
 * alignable (s) are more, k of them are unmatched; which k is not known, so
 * the bound takes off its alignable weight the least those k could bring
 * (*wsub) and counts unmatched the least weight they could leave (*eadd; a
 * legal form, which costs less than a word, none), each the least any
 * choice could.  Only for queries whose tokens the scorer sees all of
 * (q->scored); false when nothing is cut.  s must hold every query token
 * that may align: B1's set (what the keys met) is not enough, since words
 * two edits apart align without a shared key; B2's is (its vocabulary test).
 */
static bool
one_to_one_cut(const Query *q, uint64 s, int ntok, double *wsub, double *eadd)
{
	double		ws[MASK_TOKENS],
				es[MASK_TOKENS];
	int			n = 0,
				i;

	s &= q->scored;
	if (!q->scored || pg_popcount64(s) <= ntok)
		return false;
	while (s)
	{
		i = pop_bit(&s);
		ws[n] = q->aw[i];
		es[n] = q->t[i].cls == PGS_TOK_LEGAL ? 0 : q->ts[i].w;
		n++;
	}
	*wsub = sum_smallest(ws, n, n - ntok);
	*eadd = sum_smallest(es, n, n - ntok);
	return true;
}

/*
 * B2, from the least cost of the words no key met on either side.  A
 * word that the scorer may still align with some word of the other side
 * (two edits apart, say; the other word may be one a key met, since a key
 * does not say which word it aligns with) is left out of the cost and
 * counted in the alignable weight instead.  An initial of the other side
 * may align a word of its letter: the heaviest such words are matched up
 * to the initial's weight.
 *
 * qmerge and imerge, when not 0, hold the tokens of the query and of the
 * list name that the scorer may glue into words (step 3): they count as
 * alignable, and each word glued of them (a run is two tokens or more)
 * may align any word of the other side, so that many of its heaviest
 * unmatched words are matched, whole.  A glued word weighs 1, so a pair
 * with it weighs (1 + w) / 2 at most: a query word such a pair matches
 * brings that much, and the tokens a query word is glued of bring at least
 * as much as alignable.  The one-to-one cut does not hold then.
 *
 * Returns whether B2 reaches qth (pgs_bound_value_reaches); *card, whether
 * B2 with the one-to-one cut does when B2 does (and no merges are given),
 * else B2's.
 */
static pg_attribute_always_inline bool
two_sided_bound_inline(ScrLists *L, const Query *q, const MaskSum *ms, const ScrNameSum *sm,
					   uint64 qmask, uint32 imask, uint64 qalign, uint32 ialign,
					   uint64 qmerge, uint64 imerge, double qth, bool *card)
{
	const ScrTokSum *ts = &L->toks[sm->tok0];
	uint64		uq = ms->unm;
	uint32		ui = sm->wordmask & ~imask;
	uint32		unum = sm->nummask & ~imask;
	uint64		aq = (qalign | qmerge) & uq,
				eq_excusable = 0,
				ei_excusable = 0;
	uint32		ai = (ialign | (uint32) imerge) & ui;
	uint64		rest;
	bool		b2;
	double		xnum,
				wsub,
				eadd,
				eq,
				ei,
				wm = ms->wmt,
				wi;
	/* (pg_popcount64 is a call through a pointer: not for the common 0) */
	int			qglued = qmerge ? pg_popcount64(qmerge) / 2 : 0,
				iglued = imerge ? pg_popcount64(imerge) / 2 : 0,
				i,
				j;

	/* a query word that may align brings its weight, as in B1 */
	for (rest = aq; rest;)
	{
		i = pop_bit(&rest);
		wm += q->aw[i];
	}
	/* a particle or an initial glued into a word brings a word's weight */
	for (rest = qmerge; rest;)
	{
		i = pop_bit(&rest);
		wm += pgs_pair_weight_max(q->ts[i].w) - q->aw[i];
	}
	/* an initial aligns only with a word of its first letter */
	if (sm->ninitials > 0)
		for (rest = uq & ~aq; rest;)
		{
			i = pop_bit(&rest);
			if (q->first[i] & sm->init_letters)
				eq_excusable |= UINT64CONST(1) << i;
		}
	if (q->ninitials > 0)
		for (rest = ui & ~ai; rest;)
		{
			j = pop_bit(&rest);
			if (pgs_token_mask((const char *) &ts[j].first, 1) & q->init_letters)
				ei_excusable |= UINT64CONST(1) << j;
		}
	eq = weight_less_top(q->ts, uq & ~aq, eq_excusable, sm->ninitials, PGS_W_INITIAL, &wi);
	wm += wi;					/* (the query's initials are in wm already) */
	ei = weight_less_top(ts, ui & ~ai, ei_excusable, q->ninitials, PGS_W_INITIAL, &wi);

	/*
	 * Words glued of runs: which words they take besides those initials
	 * take is not known, so each side takes off the most either could,
	 * each as if the other took nothing.
	 */
	if (iglued > 0)
	{
		int			k = Min(iglued, pg_popcount64(uq & ~aq));

		(void) weight_less_top(q->ts, uq & ~aq, uq & ~aq, k, 1.0, &wi);
		eq = Max(eq - wi, 0);
		wm += (wi + k) / 2;
	}
	if (qglued > 0)
	{
		(void) weight_less_top(ts, ui & ~ai, ui & ~ai, qglued, 1.0, &wi);
		ei = Max(ei - wi, 0);
	}
	xnum = ms->xq + mask_weight(ts, unum);
	b2 = pgs_bound_value_reaches(wm, unmatched_cost(q, sm, eq, ei, xnum), qth);

	/* one to one */
	*card = b2;
	if (b2 && (qmerge | imerge) == 0 &&
		one_to_one_cut(q, q->keyless | qmask | aq, sm->glue.ntok, &wsub, &eadd))
	{
		wm -= wsub;
		eq += eadd;
		*card = pgs_bound_value_reaches(wm, unmatched_cost(q, sm, eq, ei, xnum), qth);
	}
	return b2;
}

/*
 * two_sided_bound, out of line, for the calls with merges; worth_scoring's
 * first call, once per candidate and without merges, has its own copy.
 */
static pg_noinline bool
two_sided_bound(ScrLists *L, const Query *q, const MaskSum *ms, const ScrNameSum *sm,
				uint64 qmask, uint32 imask, uint64 qalign, uint32 ialign,
				uint64 qmerge, uint64 imerge, double qth, bool *card)
{
	return two_sided_bound_inline(L, q, ms, sm, qmask, imask, qalign, ialign, qmerge, imerge,
								  qth, card);
}

/* a token that can be part of a glued run (name_score.c's glue_side) */
static inline bool
glueable(const PgsToken *t)
{
	return t->cls != PGS_TOK_HONORIFIC && pgs_is_glueable(t->cls);
}

/*
 * Whether two strings (lengths, letter masks) may have a similarity
 * 1 - edits / longer length of at least min: every letter one has and the
 * other lacks costs an edit, and so does each letter of length difference.
 */
static inline bool
may_be_alike(int la, uint32 ma, int lb, uint32 mb, double min)
{
	int			d = Max(Abs(la - lb), Max(pgs_popcount32(ma & ~mb), pgs_popcount32(mb & ~ma)));

	/* 1 - d / longer >= min, without the division */
	return d <= (1.0 - min + 1e-9) * Max(Max(la, lb), 1);
}

/*
 * Whether the scorer may glue a run of glued length rlen to a word of
 * length wlen as far as their lengths tell (run_glues_to's first tests):
 * within three letters, and within what PGS_MERGE_MIN lets may_be_alike
 * admit, 0.15 of the longer length (the same length below seven letters,
 * one letter apart from seven, two from fourteen, three from twenty).
 * These lengths, not any within three, are what the glue tests' first
 * gates let through (real lists: 6% of a party's time went to runs and
 * words of lengths the scorer never glues, 8% of the slowest parties').
 */
static inline bool
glue_lengths_ok(int wlen, int rlen)
{
	return Abs(wlen - rlen) <= 3 && may_be_alike(wlen, 0, rlen, 0, PGS_MERGE_MIN);
}

/*
 * The glued lengths of the runs glue_lengths_ok admits for a word of each
 * length, as bit Min(length, 63) of glued_lengths[length]
 * (fill_length_tables).
 */
static uint64 glued_lengths[PGS_MAX_TOKEN_LEN + 1];

/* max_edits and glued_lengths, once per process */
static void
fill_length_tables(void)
{
	int			l,
				r;

	for (l = 0; l <= PGS_MAX_TOKEN_LEN; l++)
	{
		for (r = Max(l - 3, 0); r <= l + 3; r++)
			if (glue_lengths_ok(l, r))
				glued_lengths[l] |= UINT64CONST(1) << Min(r, 63);
		max_edits[l] = pgs_max_edits(l);
	}
}

/*
 * A bit for a first byte and a length (in steps of four): a word and a run
 * the scorer may glue to it (lengths glue_lengths_ok admits) share one.
 */
static inline uint64
glue_key(uint8 first, int len)
{
	return UINT64CONST(1) << (((first & 31) * 5 + Max(len, 0) / 4) & 63);
}

/* the glue_key() bits of the runs the scorer may glue to a word */
static uint64
glue_word_keys(uint8 first, int len)
{
	uint64		keys = 0;
	int			r;

	for (r = Max(len - 3, 0); r <= len + 3; r++)
		if (glue_lengths_ok(len, r))
			keys |= glue_key(first, r);
	return keys;
}

/*
 * Whether token t (the idx'th of its name) is a word a run of the other
 * name may be glued to (name_score.c's glue_side: a word of four letters or
 * more); if so, *w describes it.  Else w->keys is 0.
 */
bool
scr_glue_word(const PgsToken *t, int idx, ScrGlueWord *w)
{
	if (t->len < 4 || !pgs_is_wordlike(t->cls))
	{
		w->keys = 0;
		return false;
	}
	w->len = t->len;
	w->first = (uint8) t->text[0];
	w->idx = idx;
	w->mask = t->mask;
	w->keys = glue_word_keys(w->first, w->len);
	return true;
}

/*
 * What the glue tests need of a name of n tokens (as the scorer takes
 * them): its length and letters glued whole; its words of four letters or
 * more (a run of the other name may glue to them) and its runs (a run
 * starts with a glueable token and takes up to three more, skipping
 * honorifics, which the scorer sets aside), and their glue_key() bits.
 * The words and runs are palloc'd in the current memory context and
 * returned in *words and *runs (g->word0 and run0 are 0).
 */
void
scr_glue_summary(const PgsToken *t, int n, ScrGlue *g, ScrGlueWord **words, ScrGlueRun **runs)
{
	ScrGlueWord *wordv = palloc(sizeof(ScrGlueWord) * (Min(n, MASK_TOKENS) + 1));
	ScrGlueRun *runv = palloc(sizeof(ScrGlueRun) * (3 * n + 1));
	int			i,
				j;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < n && g->ntok < PGS_MAX_SCORE_TOKENS; i++)
	{
		if (t[i].cls == PGS_TOK_HONORIFIC)
			continue;
		g->ntok++;
		if (g->len + t[i].len < 256)
			g->len += t[i].len;
		if (t[i].cls == PGS_TOK_LEGAL)
			g->legal_w += t[i].weight;
		g->mask |= t[i].mask;
	}

	for (i = 0; i < n && i < MASK_TOKENS; i++)
		if (scr_glue_word(&t[i], i, &wordv[g->nwordv]))
			g->wordkeys |= wordv[g->nwordv++].keys;
	for (j = 0; j < n; j++)
	{
		int			len = 0,
					k = 0,
					m;
		uint32		mask = 0;
		uint64		toks = 0;

		if (!glueable(&t[j]))
			continue;
		for (m = j; m < n && k < 4; m++)
		{
			if (t[m].cls == PGS_TOK_HONORIFIC)
				continue;
			if (!glueable(&t[m]))
				break;
			len += t[m].len;
			mask |= t[m].mask;
			if (m < MASK_TOKENS)
				toks |= UINT64CONST(1) << m;
			if (++k >= 2)
			{
				ScrGlueRun *r = &runv[g->nrunv++];

				r->len = Min(len, PG_INT16_MAX);
				r->first = (uint8) t[j].text[0];
				r->mask = mask;
				r->toks = toks;
				g->runkeys |= glue_key(r->first, r->len);
			}
		}
	}
	*words = wordv;
	*runs = runv;
}

/*
 * What the glue tests of list name sm learn without reading its words and
 * runs (ts: its tokens' summaries; words and runs: its glue words and
 * runs): the tokens that start runs (runstarts), each with the glued
 * lengths of its shortest and its longest run (ScrTokSum.runmin, runmax; a
 * run glues only to a query word of its first byte, ScrTokSum.first, and of
 * a length glue_lengths_ok admits), and how many of its glue words
 * the vocabulary does not hold
 * (non-indexable words, words past the masks' width), whose merges are
 * asked name by name.
 */
void
scr_glue_hints(ScrNameSum *sm, ScrTokSum *ts,
			   const ScrGlueWord *words, const ScrGlueRun *runs)
{
	int			i;

	sm->glue.nvwords = 0;
	sm->runstarts = 0;
	for (i = 0; i < sm->glue.nwordv; i++)
		if ((words[i].idx >= SCR_ITEM_MASK_TOKENS || ts[words[i].idx].vid == 0) &&
			sm->glue.nvwords < PG_UINT8_MAX)
			sm->glue.nvwords++;
	for (i = 0; i < sm->glue.nrunv; i++)
	{
		int			start = runs[i].toks ? pg_rightmost_one_pos64(runs[i].toks) : MASK_TOKENS;
		int			len = Min(runs[i].len, 63);

		if (start >= SCR_ITEM_MASK_TOKENS - 1)
			sm->runstarts |= (uint32) 1 << (SCR_ITEM_MASK_TOKENS - 1);
		else
		{
			sm->runstarts |= (uint32) 1 << start;
			ts[start].runmin = ts[start].runmin ? Min(ts[start].runmin, len) : len;
			ts[start].runmax = Max(ts[start].runmax, len);
		}
	}
}

/*
 * The text of a run (its tokens: toks of t) glued, in buf (RUN_TEXT_CAP
 * bytes); its length, or -1 when longer (the scorer glues no such run; the
 * callers then skip the text test, which can only let more through).
 */
#define RUN_TEXT_CAP (PGS_MAX_TOKEN_LEN * 4 + 4)

static int
run_text(const PgsToken *t, uint64 toks, char *buf)
{
	int			len = 0;

	while (toks)
	{
		const PgsToken *tk = &t[pop_bit(&toks)];

		if (len + tk->len > RUN_TEXT_CAP)
			return -1;
		memcpy(buf + len, tk->text, tk->len);
		len += tk->len;
	}
	return len;
}

/*
 * Whether the scorer may glue run r (of tokens rt) to a word of length
 * wlen, letters wmask, first byte wfirst and text wtext: same first byte,
 * lengths within three, at least PGS_MERGE_MIN alike as far as the lengths
 * and letters tell, then by the edit distance of the texts, as glue_side
 * tells it (not when wtext is NULL or the run too long to glue: that can
 * only let more through).
 */
static bool
run_glues_to(const ScrGlueRun *r, const PgsToken *rt,
			 int wlen, uint32 wmask, uint8 wfirst, const char *wtext)
{
	char		buf[RUN_TEXT_CAP];

	if (r->first != wfirst || r->len < wlen - 3 || r->len > wlen + 3 ||
		!may_be_alike(wlen, wmask, r->len, r->mask, PGS_MERGE_MIN))
		return false;
	return wtext == NULL || run_text(rt, r->toks, buf) != r->len ||
		pgs_similarity_at_least(wtext, wlen, buf, r->len, PGS_MERGE_MIN) > 0;
}

/*
 * The tokens of the runs of two to four adjacent tokens of y (tokens yt)
 * that the scorer may glue to word w of the other name (text wtext).
 */
static uint64
runs_to_word(const ScrGlueWord *w, const char *wtext,
			 const ScrGlue *y, const ScrGlueRun *yruns, const PgsToken *yt)
{
	uint64		toks = 0;
	int			j;

	if (!(w->keys & y->runkeys))
		return 0;
	for (j = 0; j < y->nrunv; j++)
	{
		const ScrGlueRun *r = &yruns[j];

		/* (a run whose tokens are in toks already adds nothing) */
		if ((r->toks & ~toks) != 0 &&
			run_glues_to(r, yt, w->len, w->mask, w->first, wtext))
			toks |= r->toks;
	}
	return toks;
}

/*
 * The tokens of the list name's runs (of glue g, tokens lt) that the
 * scorer may glue to a query word: a first test of each run's first byte
 * and length (q->runtab), then run_glues_to with each word.
 */
static uint64
list_runs_to_query(ScrLists *L, const Query *q, const ScrGlue *g, const PgsToken *lt)
{
	const ScrGlueRun *runs = &L->glue_runs[g->run0];
	uint64		toks = 0;
	int			i,
				j;

	if (!(q->glue.wordkeys & g->runkeys))
		return 0;
	for (j = 0; j < g->nrunv; j++)
	{
		const ScrGlueRun *r = &runs[j];

		if (!((q->runtab[r->first & 31] >> Min(r->len, 63)) & 1) || (r->toks & ~toks) == 0)
			continue;
		for (i = 0; i < q->glue.nwordv; i++)
		{
			const ScrGlueWord *w = &q->gwords[i];

			if (run_glues_to(r, lt, w->len, w->mask, w->first, q->t[w->idx].text))
			{
				toks |= r->toks;
				break;
			}
		}
	}
	return toks;
}

/*
 * The query tokens of the runs the scorer may glue to a word of list name
 * sm (tokens lt) that the vocabulary does not hold, texts compared (the
 * vocabulary's words have theirs in ScrVocab.merges).
 */
static uint64
query_runs_to_words(ScrLists *L, const Query *q, const ScrNameSum *sm, const PgsToken *lt)
{
	const ScrGlue *g = &sm->glue;
	const ScrGlueWord *words = &L->glue_words[g->word0];
	const ScrTokSum *ts = &L->toks[sm->tok0];
	uint64		all = 0;
	int			i;

	if (g->nvwords == 0 || !(g->wordkeys & q->glue.runkeys))
		return 0;
	for (i = 0; i < g->nwordv; i++)
	{
		const ScrGlueWord *w = &words[i];

		if (w->idx >= SCR_ITEM_MASK_TOKENS || ts[w->idx].vid == 0)
			all |= runs_to_word(w, lt[w->idx].text, &q->glue, q->gruns, q->t);
	}
	return all;
}

/*
 * What the query asks of vocabulary word v, once per query and word: which
 * query words it may align with, and which query runs the scorer may glue
 * into a word it may be glued to (when it is a glue word).
 */
static pg_noinline void
vocab_prepare(ScrLists *L, const Query *q, uint32 id)
{
	ScrVocab   *v = &L->vocab[id];
	const ScrVocabWord *vw = &L->vwords[id];
	uint64		m = 0,
				rest = q->words;
	int			i;

	while (rest)
	{
		i = pop_bit(&rest);
		if (may_align(&q->t[i], q->chash[i], q->wmask2[i], vw))
			m |= UINT64CONST(1) << i;
	}
	v->align = m;
	v->merges = (vw->glue.keys & q->glue.runkeys) ?
		runs_to_word(&vw->glue, vw->t.text, &q->glue, q->gruns, q->t) : 0;
	v->round = L->round;
}

/*
 * Whether a run of list name sm (token summaries ts) may be glued to a
 * query word, as far as list_runs_to_query's first tests tell: the glue
 * keys, then the lengths of the runs a token starts (between runmin and
 * runmax letters), one of which q->runtab must admit for its first byte.
 */
static inline bool
runs_may_glue(const Query *q, const ScrNameSum *sm, const ScrTokSum *ts)
{
	uint32		rest = (q->glue.wordkeys & sm->glue.runkeys) ? sm->runstarts : 0;

	if (rest & ((uint32) 1 << (SCR_ITEM_MASK_TOKENS - 1)))
		return true;
	while (rest)
	{
		int			j = pg_rightmost_one_pos32(rest);

		rest &= rest - 1;
		/* the lengths runtab admits for the first byte, runmin to runmax */
		if ((q->runtab[ts[j].first & 31] >> ts[j].runmin) &
			((UINT64CONST(2) << (ts[j].runmax - ts[j].runmin)) - 1))
			return true;
	}
	return false;
}

static inline const ScrVocab *
vocab_get(ScrLists *L, const Query *q, uint32 id)
{
	ScrVocab   *v = &L->vocab[id];

	if (v->round != L->round)
		vocab_prepare(L, q, id);
	return v;
}

/*
 * What the vocabulary tells of the glue tests of list name sm: the query
 * tokens the scorer may glue into its words (*qm); and whether one of its
 * runs may be glued to a query word (*rs, runs_may_glue).
 */
static void
vocab_glue_hints(ScrLists *L, const Query *q, const ScrNameSum *sm, uint64 *qm, bool *rs)
{
	const ScrTokSum *ts = &L->toks[sm->tok0];
	/* (a word's glue keys are among its name's: no merges without them) */
	uint64		rest = (sm->glue.wordkeys & q->glue.runkeys) ? sm->wordmask : 0;

	*qm = 0;
	while (rest)
	{
		const ScrVocab *v = vocab_get(L, q, ts[pop_bit(&rest)].vid);

		*qm |= v->merges;
	}
	*rs = runs_may_glue(q, sm, ts);
}

/*
 * Whether names of na and nb tokens glued to lengths la and lb may be
 * compared glued (name_score.c, step 5: different token counts, six letters
 * or more) and be at least GLUE_MIN (0.9) alike by their lengths alone.
 */
static inline bool
glue_lengths_alike(int na, int la, int nb, int lb)
{
	return na != nb && la >= 6 && lb >= 6 && may_be_alike(la, 0, lb, 0, PGS_GLUE_MIN);
}

/* glue_lengths_alike() with query q, from the glued lengths it admits */
static inline bool
glue_lengths_alike_q(const Query *q, int nb, int lb)
{
	return q->glue.ntok != nb && lb >= q->glen_lo && lb <= q->glen_hi;
}

/*
 * Whether the whole names glued (name_score.c, step 5: names of different
 * token counts) may be at least GLUE_MIN (0.9) alike: a lower bound of
 * their edit distance from their lengths and letters.
 */
static inline bool
whole_glue_possible(const Query *q, const ScrGlue *b)
{
	return glue_lengths_alike_q(q, b->ntok, b->len) &&
		may_be_alike(q->glue.len, q->glue.mask, b->len, b->mask, PGS_GLUE_MIN);
}

/*
 * The tokens of the runs of y that the scorer may glue to a word glued of
 * a run of x of tokens xglued (the scorer glues x's runs first, then y's
 * to x's words as they then are): run_glues_to, run against run.
 */
static uint64
runs_to_runs(const ScrGlue *x, const ScrGlueRun *xruns, const PgsToken *xt, uint64 xglued,
			 const ScrGlue *y, const ScrGlueRun *yruns, const PgsToken *yt)
{
	char		xbuf[RUN_TEXT_CAP];
	uint64		toks = 0;
	int			i,
				j;

	for (i = 0; i < x->nrunv; i++)
	{
		const ScrGlueRun *w = &xruns[i];

		if (w->len < 4 || (w->toks & ~xglued) != 0)
			continue;
		for (j = 0; j < y->nrunv; j++)
		{
			const ScrGlueRun *r = &yruns[j];

			if ((r->toks & ~toks) != 0 &&
				run_glues_to(r, yt, w->len, w->mask, w->first,
							 run_text(xt, w->toks, xbuf) == w->len ? xbuf : NULL))
				toks |= r->toks;
		}
	}
	return toks;
}

/*
 * Whether list name n glued whole may be alike enough to the query glued
 * whole for the scorer's step 5 to reach qth: scored if so (a name too long
 * to glue whole is scored).  whole_glue_compare compares the texts glued,
 * for the names whole_glue_possible lets through.
 */
static pg_noinline bool
whole_glue_compare(ScrLists *L, const Query *q, int n, double qth)
{
	ScrName    *nm = &L->names[n];
	char		ng[PGS_GLUED_CAP];
	int			nl;

	nl = pgs_glue_name(nm->tok, nm->ntok, ng);
	return q->glued_len < 0 || nl < 0 ||
		pgs_score_reaches(pgs_glued_similarity(q->glued, q->glued_len, ng, nl), qth);
}

/* (the first test inline: most names fail it, and a call costs more) */
static inline bool
whole_glue_reaches(ScrLists *L, const Query *q, int n, double qth)
{
	return whole_glue_possible(q, &L->sums[n].glue) && whole_glue_compare(L, q, n, qth);
}

/* glue_merges' part that reads list name n's tokens */
static pg_noinline void
glue_merges_read(ScrLists *L, const Query *q, int n, bool rs, uint64 *qmerge, uint64 *imerge)
{
	const ScrNameSum *sm = &L->sums[n];
	const PgsToken *lt = L->names[n].tok;

	*qmerge |= query_runs_to_words(L, q, sm, lt);
	if (rs)
		*imerge = list_runs_to_query(L, q, &sm->glue, lt);
	if (*imerge)
		*qmerge |= runs_to_runs(&sm->glue, &L->glue_runs[sm->glue.run0], lt, *imerge,
								&q->glue, q->gruns, q->t);
}

/*
 * The tokens of the query (*qmerge) and of list name n (*imerge) the
 * scorer may glue into words that may align: the query's runs glued to the
 * name's words, the name's runs glued to the query's words, then the
 * query's runs glued to the name's runs glued.  qm and rs are what the
 * vocabulary told (vocab_glue_hints); the name's tokens are read only
 * where it does not tell.
 */
static inline void
glue_merges(ScrLists *L, const Query *q, int n, uint64 qm, bool rs,
			uint64 *qmerge, uint64 *imerge)
{
	const ScrGlue *g = &L->sums[n].glue;

	*qmerge = qm;
	*imerge = 0;
	/*
	 * The first tests of query_runs_to_words and list_runs_to_query, inline:
	 * most names meet neither, and the name's tokens are not read then.
	 */
	if (rs || (g->nvwords != 0 && (g->wordkeys & q->glue.runkeys) != 0))
		glue_merges_read(L, q, n, rs, qmerge, imerge);
}

/*
 * Whether gluing may change what the bounds assumed: a run of one name
 * glued to a word of the other, or the whole names glued alike enough to
 * reach qth.
 */
static bool
glue_may_align(ScrLists *L, const Query *q, int n, uint64 qm, bool rs, double qth)
{
	uint64		qmerge,
				imerge;

	glue_merges(L, q, n, qm, rs, &qmerge, &imerge);
	return (qmerge | imerge) != 0 || whole_glue_reaches(L, q, n, qth);
}

/*
 * Whether a query word may align with a list word of length len (0: in an
 * abjad) and letters mask, as far as may_align's letter test tells (a word
 * in an abjad on either side is not tested): the query words of a length
 * that may align (lenok) are asked.
 */
static inline bool
letters_may_align(const Query *q, int len, uint32 mask)
{
	uint64		rest;

	if (len == 0 || q->abjad)
		return true;
	for (rest = q->lenok[len]; rest;)
	{
		int			i = pop_bit(&rest);

		/* (lenok holds only the words whose lengths pass) */
		if (letters_within(max_edits[Max(q->wlen[i], len)], q->wmask[i], mask))
			return true;
	}
	return false;
}

/*
 * The words of list name sm (token summaries ts) whose vocabulary entries
 * B2 reads: those a key met (imask), since the vocabulary may find they
 * align with no query word after all; those some query word passes
 * may_align's letter test with; and, where the glue keys allow, those a
 * query run may be glued to (a run of their first byte and of a length
 * glue_lengths_ok admits, as run_glues_to asks).  Any other word aligns
 * with no query word, since a word no key met is of no query word's
 * canonical form (the canonical forms are keys, name_keys.c), and takes no
 * merges: its entry, and the first test of its pairs, are spared.
 */
static uint32
vocab_needed(ScrLists *L, const Query *q, const ScrNameSum *sm, const ScrTokSum *ts,
			 uint32 imask)
{
	uint32		need = sm->wordmask & imask,
				rest = sm->wordmask & ~imask;
	bool		glue = (sm->glue.wordkeys & q->glue.runkeys) != 0;

	while (rest)
	{
		int			j = pg_rightmost_one_pos32(rest);
		const ScrTokSum *t = &ts[j];
		uint8	   *memo = &L->vletters[t->vid];

		rest &= rest - 1;
		/* (a word common to many candidates is tested once per query) */
		if ((*memo >> 1) != L->vltag)
			*memo = (L->vltag << 1) | letters_may_align(q, t->len, t->mask);
		if ((*memo & 1) ||
			(glue && t->len >= 4 &&
			 (q->qruntab[t->first & 31] & glued_lengths[t->len]) != 0))
			need |= (uint32) 1 << j;
	}
	return need;
}

/*
 * Whether candidate c is worth scoring: B2 reaches qth, with the runs the
 * scorer may glue counted as alignable where B2 alone does not, or the
 * whole names glued may be alike enough.
 *
 * First, which query words each of the list name's words may align with on
 * its own (vocab_align): a word a key met that no word of the other side
 * may align with is unmatched after all.  A key does not say that the
 * scorer aligns the two words: "Mahmoud" and "Muhammad" share a phonetic
 * key, but they are given names of different groups, which the scorer
 * never aligns, and a deletion key joins short words the scorer keeps
 * apart.  A query word may align only with a word of the list name (an
 * initial is B2's own case), so this holds when all the name's words are
 * in its masks; a list word, when all the query's are.  Gluing, which
 * aligns runs of words, is asked with these words unmatched too.
 */
static bool
worth_scoring(ScrLists *L, const Query *q, MaskSum *memo, const Cand *c, double qth)
{
	const ScrNameSum *sm = &L->sums[c->n];
	const ScrTokSum *ts = &L->toks[sm->tok0];
	uint64		qalign = 0,
				qm = 0,
				qmerge,
				imerge,
				qmask = c->qmask;
	uint32		ialign = 0,
				imask = c->imask;
	const MaskSum *ms = c->ms;
	MaskSum		one;
	bool		card;
	uint64		rest;
	int			j;

	/* (vocab_glue_hints, with the alignments, for the words that need them) */
	for (rest = c->need; rest;)
	{
		const ScrVocab *v;

		j = pop_bit(&rest);
		v = vocab_get(L, q, ts[j].vid);
		qalign |= v->align;
		if (v->align)
			ialign |= (uint32) 1 << j;
		qm |= v->merges;
	}
	if (pgs_popcount32(sm->wordmask) == sm->nwords)
		qmask &= ~(q->words & ~qalign);
	if (q->n <= MASK_TOKENS)
		imask &= ~(sm->wordmask & ~ialign);
	if (qmask != c->qmask)
	{
		MaskSum    *m = memo ? &memo[qmask] : &one;

		if (!memo || !m->done)
			mask_sum(q, qmask, m);
		ms = m;
	}
	if (two_sided_bound_inline(L, q, ms, sm, qmask, imask, qalign, ialign, 0, 0, qth, &card))
		/* merges change the token counts: the cut holds only without them */
		return card ||
			glue_may_align(L, q, c->n, qm, runs_may_glue(q, sm, ts), qth);

	/*
	 * B2 rejects the name as the tokens are.  Gluing may change them: the
	 * runs the scorer may glue into a word of the other side (the list
	 * name's first, then the query's, to the list name's words as they
	 * then are) may align, and B2 is asked again with them; and the whole
	 * names glued are compared glued.
	 */
	glue_merges(L, q, c->n, qm, runs_may_glue(q, sm, ts), &qmerge, &imerge);
	if ((qmerge | imerge) != 0 &&
		two_sided_bound(L, q, ms, sm, qmask, imask, qalign, ialign, qmerge, imerge, qth,
						&card))
		return true;
	return whole_glue_reaches(L, q, c->n, qth);
}

/*
 * A query without keys (initials, particles, legal forms: "B R C S.A.")
 * meets no name through the key index; every name is a candidate, and this
 * bound, of the same form as B2, decides which are scored.  Such a query's
 * tokens align only with tokens of their own class (a particle with a
 * particle: the pair weighs the mean of the two, the heaviest of the class
 * in the view at most), an initial also with a word of its letter, but then
 * only up to its own weight, and no more initials than the list name has
 * words and initials: the others stay unmatched.  The list name's words are
 * unmatched but for what initials match of them.  Runs of the query's
 * tokens the scorer may glue to a word are left to the merge test.
 */
typedef struct Keyless
{
	double		wother;			/* what its other tokens may bring */
	int			ninit;			/* its initials */
	double		winit_max;		/* the heaviest and the lightest of them */
	double		winit_min;
} Keyless;

static void
keyless_prepare(const Query *q, Keyless *kl)
{
	int			i;

	memset(kl, 0, sizeof(*kl));
	kl->winit_min = 1;
	for (i = 0; i < q->n; i++)
	{
		const PgsToken *t = &q->t[i];

		if (t->cls == PGS_TOK_HONORIFIC)
			continue;
		if (t->cls == PGS_TOK_INITIAL)
		{
			kl->ninit++;
			kl->winit_max = Max(kl->winit_max, t->weight);
			kl->winit_min = Min(kl->winit_min, t->weight);
		}
		else
			kl->wother += q->aw[i];	/* token_pair_max */
	}
}

static bool
keyless_worth_scoring(ScrLists *L, const Query *q, const Keyless *kl, int n, double qth)
{
	const ScrNameSum *sm = &L->sums[n];
	const ScrTokSum *w = &L->toks[sm->tok0];
	int			k = Min(kl->ninit, sm->nwords + sm->ninitials);
	double		wm = kl->wother + k * kl->winit_max,
				eq = (kl->ninit - k) * kl->winit_min,
				ei,
				unused;
	uint64		qm;
	bool		rs;

	ei = weight_less_top(w, sm->wordmask, sm->wordmask, k, PGS_W_INITIAL, &unused);
	if (pgs_bound_value_reaches(wm, unmatched_cost(q, sm, eq, ei, mask_weight(w, sm->nummask)), qth))
		return true;
	/* all its tokens count as unmatched for the glue test */
	vocab_glue_hints(L, q, sm, &qm, &rs);
	return glue_may_align(L, q, n, qm, rs, qth);
}

/* c->need: the words of candidate c whose vocabulary entries B2 reads */
static inline void
cand_vocab_needed(ScrLists *L, const Query *q, Cand *c)
{
	const ScrNameSum *sm = &L->sums[c->n];

	c->need = vocab_needed(L, q, sm, &L->toks[sm->tok0], c->imask);
}

/*
 * What B2 and the glue tests read of list name n, asked for ahead of its
 * turn, each once what it is found through has arrived: its tokens'
 * summaries, its ScrName (its tokens, for the glue tests) and its runs
 * (when the glue keys let them be asked) at stage 0; the vocabulary entries
 * of the words B2 reads (c->need, cand_vocab_needed) at stage 1; the
 * may-align test's copies of those new to this query at stage 2.
 */
static inline void
prefetch_candidate(ScrLists *L, const Query *q, Cand *c, int stage)
{
	const ScrNameSum *sm = &L->sums[c->n];
	const ScrTokSum *ts = &L->toks[sm->tok0];
	uint64		rest = c->need;

	switch (stage)
	{
		case 0:
			prefetch(ts);
			prefetch(&L->names[c->n]);
			if (q->glue.wordkeys & sm->glue.runkeys)
				prefetch(&L->glue_runs[sm->glue.run0]);
			break;
		case 1:
			while (rest)
				prefetch(&L->vocab[ts[pop_bit(&rest)].vid]);
			break;
		default:
			while (rest)
			{
				uint32		vid = ts[pop_bit(&rest)].vid;

				if (L->vocab[vid].round != L->round)
					prefetch(&L->vwords[vid]);
			}
			break;
	}
}

/* score list name n exactly and keep it if it matches, as the % operator does */
static void
score_name(ScrLists *L, int n, PgsToken *qt, int nscore, double qth,
		   ScrNameHit **out, int *nhits, int *cap)
{
	ScrName    *nm = &L->names[n];
	double		s = pgs_score_tokens(nm->tok, nm->ntok, qt, nscore, NULL);

	if (!pgs_score_reaches(s, qth))
		return;
	if (*nhits >= *cap)
	{
		*cap *= 2;
		*out = repalloc(*out, sizeof(ScrNameHit) * *cap);
	}
	(*out)[*nhits].name = n;
	(*out)[*nhits].ns = (float4) s;
	(*nhits)++;
}

/*
 * The names whose score against q (nq tokens, as unpacked from a
 * screen.name) reaches qth, restricted to sources with source_ok[] (NULL:
 * all).  Returns their number; *out is palloc'd.
 */
int
scr_match_names(ScrLists *L, PgsToken *qt, int nq, double qth,
				const bool *source_ok, ScrNameHit **out)
{
	int			nscore = Min(nq, PGS_MAX_SCORE_TOKENS + 8);
	int			cap = 16,
				nhits = 0,
				ntouched = 0,
				i;
	Query		q;
	PgsKeys		kb;
	MaskSum    *memo = NULL;
	Cand	   *cand;
	MaskSum    *msown = NULL;	/* without the memo: each candidate's own */
	int			ncand = 0;
	int		   *glued;
	int			nglued = 0;
	uint32	   *kstart;
	int		   *klen;
	int		   *knv;
	int			nvtouched = 0;

	*out = palloc(sizeof(ScrNameHit) * cap);
	if (nq == 0)
		return 0;
	q.t = qt;
	q.n = nq;
	q.bound = pgs_bound_prepare(qt, nq, qth);
	q.ninitials = 0;
	q.init_letters = 0;
	q.words = 0;
	q.ts = palloc0(sizeof(ScrTokSum) * (Min(nq, MASK_TOKENS) + 1));
	q.aw = palloc(sizeof(double) * (nq + 1));
	q.first = palloc(sizeof(uint32) * (Min(nq, MASK_TOKENS) + 1));
	q.chash = palloc0(sizeof(uint32) * (Min(nq, MASK_TOKENS) + 1));
	q.wlen = palloc0(sizeof(uint8) * (Min(nq, MASK_TOKENS) + 1));
	q.wmask = palloc0(sizeof(uint32) * (Min(nq, MASK_TOKENS) + 1));
	q.wmask2 = palloc0(sizeof(uint32) * (Min(nq, MASK_TOKENS) + 1));
	for (i = 0; i < nq; i++)
	{
		q.aw[i] = token_pair_max(L, &qt[i]);
		if (i < MASK_TOKENS)
		{
			q.ts[i].w = qt[i].weight;
			q.first[i] = pgs_token_mask(qt[i].text, 1);
			if (q.bound->indexed[i] && qt[i].cls != PGS_TOK_NUMBER)
			{
				q.words |= UINT64CONST(1) << i;
				q.chash[i] = hash_bytes((const unsigned char *) qt[i].canon, qt[i].clen);
				q.wlen[i] = qt[i].len;
				q.wmask[i] = qt[i].mask;
				q.wmask2[i] = pgs_token_mask2(qt[i].text, qt[i].len);
			}
		}
		if (qt[i].cls == PGS_TOK_INITIAL)
		{
			q.ninitials++;
			q.init_letters |= qt[i].mask;
		}
	}
	scr_glue_summary(qt, nscore, &q.glue, &q.gwords, &q.gruns);
	memset(q.runtab, 0, sizeof(q.runtab));
	if (max_edits[PGS_MAX_TOKEN_LEN] == 0)
		fill_length_tables();
	for (i = 0; i < q.glue.nwordv; i++)
		q.runtab[q.gwords[i].first & 31] |= glued_lengths[q.gwords[i].len];
	q.abjad = false;
	memset(q.lenok, 0, sizeof(q.lenok));
	for (i = 0; i < nq && i < MASK_TOKENS; i++)
		if ((q.words >> i) & 1)
		{
			int			l = qt[i].len,
						len;

			q.abjad |= qt[i].script == PGS_SCRIPT_ABJAD;
			/* the lengths within may_align's edits of l: a range around it */
			for (len = Max(l - max_edits[l], 1);
				 len <= PGS_MAX_TOKEN_LEN && len - l <= max_edits[Max(len, l)]; len++)
				q.lenok[len] |= UINT64CONST(1) << i;
		}
	memset(q.qruntab, 0, sizeof(q.qruntab));
	for (i = 0; i < q.glue.nrunv; i++)
		q.qruntab[q.gruns[i].first & 31] |= UINT64CONST(1) << Min(q.gruns[i].len, 63);
	/* (a tenth of the longer length at most: within a fifth of the query's) */
	q.glen_lo = 1;
	q.glen_hi = 0;
	for (i = Max(q.glue.len - q.glue.len / 5, 0); i <= Min(q.glue.len + q.glue.len / 4 + 1, 255); i++)
		if (glue_lengths_alike(0, q.glue.len, 1, i))
		{
			if (q.glen_lo > q.glen_hi)
				q.glen_lo = i;
			q.glen_hi = i;
		}
	q.glued = palloc(PGS_GLUED_CAP);
	q.glued_len = pgs_glue_name(qt, nscore, q.glued);
	q.scored = q.keyless = 0;
	for (i = 0; i < nq && i < MASK_TOKENS; i++)
		if (qt[i].cls != PGS_TOK_HONORIFIC)
		{
			q.scored |= UINT64CONST(1) << i;
			if (!q.bound->indexed[i])
				q.keyless |= UINT64CONST(1) << i;
		}
	/* the scorer sees them all only up to its token limits */
	if (nq > nscore || pg_popcount64(q.scored) > PGS_MAX_SCORE_TOKENS)
		q.scored = 0;

	/* a new round of the scratch arrays (stamps, not cleared) */
	if (++L->round == 0)
	{
		memset(L->seen, 0, sizeof(ScrSeen) * L->nnames);
		for (i = 0; i < L->nvocab; i++)
			L->vocab[i].round = L->vocab[i].kround = 0;
		L->round = 1;
	}

	if (pgs_bound_needs_all(q.bound))
	{
		/* no token has keys (or threshold 0): every name is a candidate */
		Keyless		kl;

		keyless_prepare(&q, &kl);
		for (i = 0; i < L->nnames; i++)
		{
			if ((i & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if ((!source_ok || source_ok[L->sums[i].source]) &&
				(q.bound->any_indexed || keyless_worth_scoring(L, &q, &kl, i, qth)))
				score_name(L, i, qt, nscore, qth, out, &nhits, &cap);
		}
		return nhits;
	}

	pgs_keys_init(&kb, 16 + nq * 40, true);
	pgs_name_keys(qt, nq, true, q.bound->org, &kb);

	/*
	 * The keys' slots, then their postings, are asked for all at once: each
	 * is a cache miss, and the memory system serves several together.
	 */
	kstart = palloc(sizeof(uint32) * (kb.n + 1));
	klen = palloc(sizeof(int) * (kb.n + 1));
	knv = palloc(sizeof(int) * (kb.n + 1));
	for (i = 0; i < kb.n; i++)
	{
		kstart[i] = murmurhash32(kb.keys[i]) & L->hmask;
		prefetch(&L->hslots[kstart[i]]);
	}
	for (i = 0; i < kb.n; i++)
	{
		klen[i] = key_lookup(L, kb.keys[i], kstart[i], &kstart[i], &knv[i]);
		if (klen[i] > 0)
			prefetch(&L->post[kstart[i]]);
	}
	for (i = 0; i < kb.n; i++)
	{
		const ScrPosting *po = &L->post[kstart[i]],
				   *words = po + klen[i] - knv[i],
				   *end = po + klen[i];
		uint64		bits = 0;
		int			t;

		/* tokens past the mask's width count as matched */
		for (t = kb.tok1[i]; t <= kb.tok2[i] && t < MASK_TOKENS; t++)
			bits |= UINT64CONST(1) << t;
		ntouched = meet_names(L, po, words, bits, ntouched);
		/* the words whose keys it is: their names below, once per word */
		for (po = words; po < end; po++)
		{
			ScrVocab   *v = &L->vocab[po->name];

			if (v->kround != L->round)
			{
				v->kround = L->round;
				v->kqmask = 0;
				L->vtouched[nvtouched++] = po->name;
			}
			v->kqmask |= bits;
		}
	}
	for (i = 0; i < nvtouched; i++)
	{
		uint32		vid = L->vtouched[i];

		if (i + 1 < nvtouched)
			prefetch(&L->vpost[L->vpost0[L->vtouched[i + 1]]]);
		ntouched = meet_names(L, &L->vpost[L->vpost0[vid]], &L->vpost[L->vpost0[vid + 1]],
							  L->vocab[vid].kqmask, ntouched);
	}

	if (nq <= MEMO_TOKENS)
		memo = palloc0(sizeof(MaskSum) * ((Size) 1 << nq));
	/* a new tag for the letter tests' memo, cleared when the tags come round */
	L->vltag = L->vltag % 127 + 1;
	if (L->vltag == 1)
		memset(L->vletters, 0, L->nvocab);
	/* B1 over the names met, from the seen[] entries just written */
	cand = palloc(sizeof(Cand) * (ntouched + 1));
	if (!memo)
		msown = palloc(sizeof(MaskSum) * (ntouched + 1));
	glued = palloc(sizeof(int) * (ntouched + 1));
	for (i = 0; i < ntouched; i++)
	{
		int			n = L->touched[i];
		const ScrSeen *se = &L->seen[n];
		MaskSum    *ms;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (source_ok && !source_ok[L->sums[n].source])
			continue;
		ms = memo ? &memo[se->qmask] : &msown[ncand];
		if (!memo || !ms->done)
			mask_sum(&q, se->qmask, ms);
		if (!ms->b1)
		{
			/*
			 * B1, the index's bound, knows nothing of the whole names glued
			 * (name_score.c, step 5): a name it rejects whose glued form
			 * may be alike enough is compared glued below.  The GIN index
			 * misses those ("AKTSIONERNOE OSHCHESTVO PASIT", a typo that
			 * unmakes a legal form); the matcher finds them.
			 */
			if (glue_lengths_alike_q(&q, L->glen[n].ntok, L->glen[n].len))
				glued[nglued++] = n;
			continue;
		}
		cand[ncand].n = n;
		cand[ncand].imask = se->imask;
		cand[ncand].qmask = se->qmask;
		cand[ncand].ms = ms;
		ncand++;
	}
	/* B2 and the glue tests, then the exact score */
	for (i = 0; i < ncand && i < PREFETCH_AHEAD / 4; i++)
		cand_vocab_needed(L, &q, &cand[i]);
	for (i = 0; i < ncand; i++)
	{
		if (i + PREFETCH_AHEAD < ncand)
			prefetch(&L->sums[cand[i + PREFETCH_AHEAD].n]);
		if (i + PREFETCH_AHEAD / 2 < ncand)
			prefetch_candidate(L, &q, &cand[i + PREFETCH_AHEAD / 2], 0);
		if (i + PREFETCH_AHEAD / 4 < ncand)
		{
			/* (its tokens' summaries were asked for at stage 0, two turns ago) */
			cand_vocab_needed(L, &q, &cand[i + PREFETCH_AHEAD / 4]);
			prefetch_candidate(L, &q, &cand[i + PREFETCH_AHEAD / 4], 1);
		}
		if (i + 1 < ncand)
			prefetch_candidate(L, &q, &cand[i + 1], 2);
		if (worth_scoring(L, &q, memo, &cand[i], qth))
			score_name(L, cand[i].n, qt, nscore, qth, out, &nhits, &cap);
	}
	/* the names only their glued form may match: scored if it does */
	for (i = 0; i < nglued; i++)
		if (whole_glue_reaches(L, &q, glued[i], qth))
			score_name(L, glued[i], qt, nscore, qth, out, &nhits, &cap);
	return nhits;
}
