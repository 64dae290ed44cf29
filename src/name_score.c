/*
 * name_score.c — scoring one parsed name against another.
 *
 * The method, in the order it runs (doc/names.md explains it for users):
 *
 * 1. Honorifics are set aside.  Legal forms take part only as legal forms:
 *    two legal forms of one class (LLC ~ OOO ~ Limited Liability Company)
 *    agree, of different classes (AG vs GmbH) disagree.
 * 2. Token similarity, in [0, 1]: equal canonical forms (same word, same
 *    given-name group, same number) give 1; two known given names of
 *    different groups give 0 (contradicting given names); numbers agree only
 *    when equal; an initial agrees (0.9) with a word of the same first
 *    letter; syllables of Han/Hangul/kana names agree only when equal;
 *    words from an abjad (Arabic, Hebrew) compare by consonant skeleton;
 *    other words by 1 - OSA edit distance / length, so the typos tolerated
 *    grow with the word, floored by phonetic-key agreement for long words.
 * 3. Alignment: pairs are taken greedily, best first, one-to-one, ignoring
 *    word order; pairs below PAIR_MIN do not align.  When a word of one name
 *    is better matched by two to four adjacent words of the other glued
 *    together (AbdulRahman / Abdul Rahman), they are glued first.
 * 4. Each token carries a weight (its information: ordinary word 1, common
 *    token less, particle 0.2, stop word 0.1, initial 0.3, short word 0.5).
 *    With M the similarity-weighted matched weight, W the matched weight,
 *    E_a and E_b the weight left unmatched on each side:
 *        contradiction X = min(E_a, E_b)   (both sides have something else)
 *        extra         Y = |E_a - E_b|     (one side simply says more)
 *        score = M / (W + C_CONTRA * X + C_EXTRA * Y)
 *    so a missing middle name costs little, a different given name or a
 *    different surname costs much, and common tokens cannot carry a score.
 *    An unmatched number always counts as a contradiction (Company 1 vs
 *    Company 2, Management Company 23 vs Management Company).
 * 5. The whole names glued (VladimirPutin, SiemensAG) are compared too and
 *    the better result is kept, unless numbers contradict.
 */
#include "pg_screen.h"

#include <math.h>

#include "port/pg_bitutils.h"
#include "utils/builtins.h"

#include "name.h"

#define PAIR_MIN	PGS_PAIR_MIN

/*
 * Optimal string alignment distance by dynamic programming, giving up
 * early: returns maxd + 1 when the distance exceeds maxd.
 */
static int
osa_distance_dp(const char *a, int la, const char *b, int lb, int maxd)
{
	int			rows[3][PGS_MAX_TOKEN_LEN * 4 + 2];
	int		   *prev2 = rows[0],
			   *prev = rows[1],
			   *cur = rows[2];
	int			i,
				j;

	if (lb > PGS_MAX_TOKEN_LEN * 4)
		lb = PGS_MAX_TOKEN_LEN * 4;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++)
	{
		int			rowmin;
		int		   *t;

		cur[0] = i;
		rowmin = i;
		for (j = 1; j <= lb; j++)
		{
			int			cost = (a[i - 1] == b[j - 1]) ? 0 : 1;
			int			v = prev[j - 1] + cost;

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
				prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > maxd)
			return maxd + 1;
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return Min(prev[lb], maxd + 1);
}

/*
 * The same distance for a of at most 64 bytes, bit-parallel (Hyyrö's
 * extension of Myers' algorithm to transpositions): one column of the
 * table per byte of b, as bit vectors of its vertical differences.
 * peq[c] has bit i set when a[i] == c; only a's bytes are set, and they
 * are cleared again before returning (nothing in between can raise an
 * error or be interrupted).
 */
static int
osa_distance_bits(const char *a, int la, const char *b, int lb, int maxd)
{
	static uint64 peq[256];
	uint64		vp = la == 64 ? ~UINT64CONST(0) : (UINT64CONST(1) << la) - 1,
				vn = 0,
				pm_prev = 0,
				d0_prev = 0,
				top = UINT64CONST(1) << (la - 1);
	int			d = la,
				i,
				j;

	for (i = 0; i < la; i++)
		peq[(unsigned char) a[i]] |= UINT64CONST(1) << i;
	for (j = 0; j < lb; j++)
	{
		uint64		pm = peq[(unsigned char) b[j]];
		uint64		tr = (((~d0_prev) & pm) << 1) & pm_prev;
		uint64		d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
		uint64		hp = vn | ~(d0 | vp);
		uint64		hn = vp & d0;

		if (hp & top)
			d++;
		else if (hn & top)
			d--;
		hp = (hp << 1) | 1;
		hn <<= 1;
		vp = hn | ~(d0 | hp);
		vn = hp & d0;
		d0_prev = d0;
		pm_prev = pm;
	}
	for (i = 0; i < la; i++)
		peq[(unsigned char) a[i]] = 0;
	return Min(d, maxd + 1);
}

/*
 * Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions) of two byte strings; returns maxd + 1 when the distance
 * exceeds maxd.
 */
int
pgs_osa_distance(const char *a, int la, const char *b, int lb, int maxd)
{
	if (abs(la - lb) > maxd)
		return maxd + 1;
	if (la == 0 || lb == 0)
		return Min(Max(la, lb), maxd + 1);
	if (la <= 64)
		return osa_distance_bits(a, la, b, lb, maxd);
	if (lb <= 64)
		return osa_distance_bits(b, lb, a, la, maxd);
	return osa_distance_dp(a, la, b, lb, maxd);
}

/* similarity of two strings, or 0 when below PAIR_MIN (cheap early exit) */
static double
string_sim(const char *a, int la, const char *b, int lb)
{
	int			L = Max(la, lb);
	int			maxd = pgs_max_edits(L);
	int			d;

	if (L == 0)
		return 0;
	d = pgs_osa_distance(a, la, b, lb, maxd);
	if (d > maxd)
		return 0;
	/* three or more edits are a typo only in a long word */
	if (d >= 3 && 1.0 - (double) d / L < PGS_PAIR_MIN_FAR)
		return 0;
	return 1.0 - (double) d / L;
}

static inline int
phon_len(const char *p)
{
	int			n = 0;

	while (n < PGS_PHON_LEN && p[n])
		n++;
	return n;
}


/*
 * Token similarity and a short reason.  canon_differs: the caller knows the
 * canonical forms differ, and the comparisons of them are skipped (they
 * read memory the matcher keeps apart).
 */
static pg_attribute_always_inline double
token_sim_inline(const PgsToken *a, const PgsToken *b, bool canon_differs, const char **how)
{
	*how = NULL;
	if (a->cls == PGS_TOK_LEGAL || b->cls == PGS_TOK_LEGAL ||
		a->cls == PGS_TOK_NUMBER || b->cls == PGS_TOK_NUMBER ||
		a->cls == PGS_TOK_STOP || b->cls == PGS_TOK_STOP ||
		a->cls == PGS_TOK_PARTICLE || b->cls == PGS_TOK_PARTICLE)
	{
		if (!canon_differs && a->cls == b->cls && a->clen == b->clen &&
			memcmp(a->canon, b->canon, a->clen) == 0)
		{
			*how = (a->len == b->len && memcmp(a->text, b->text, a->len) == 0) ? "equal" :
				(a->cls == PGS_TOK_LEGAL ? "same legal form class" : "variant");
			return 1.0;
		}
		/* a particle spelled another way (abu/abou) */
		if (a->cls == PGS_TOK_PARTICLE && b->cls == PGS_TOK_PARTICLE &&
			((a->len >= 3 && b->len >= 3) || a->script == PGS_SCRIPT_ABJAD ||
			 b->script == PGS_SCRIPT_ABJAD) &&
			memcmp(a->phon, b->phon, PGS_PHON_LEN) == 0)
		{
			*how = "particle variant";
			return 0.9;
		}
		return 0;
	}
	if (a->cls == PGS_TOK_INITIAL || b->cls == PGS_TOK_INITIAL)
	{
		if (a->text[0] != b->text[0])
			return 0;
		if (a->cls == b->cls)
		{
			*how = "equal";
			return 1.0;
		}
		*how = "initial";
		return 0.9;
	}
	/* word-like */
	if (!canon_differs && a->clen == b->clen && memcmp(a->canon, b->canon, a->clen) == 0)
	{
		*how = (a->len == b->len && memcmp(a->text, b->text, a->len) == 0) ? "equal"
			: "name variant";
		return 1.0;
	}
	if ((a->flags & PGS_TF_GIVEN) && (b->flags & PGS_TF_GIVEN))
	{
		*how = "different given names";
		return 0;
	}
	if (a->script == PGS_SCRIPT_SYLLABIC && b->script == PGS_SCRIPT_SYLLABIC)
		return 0;
	if (a->script == PGS_SCRIPT_ABJAD || b->script == PGS_SCRIPT_ABJAD)
	{
		int			pa = phon_len(a->phon),
					pb = phon_len(b->phon);
		double		s;

		/*
		 * Without written vowels the evidence is weaker: short skeletons must
		 * agree exactly, and no skeleton match counts as a certain one.
		 */
		if (pa < 2 || pb < 2)
			return 0;
		if (Min(pa, pb) < 3)
			s = (pa == pb && memcmp(a->phon, b->phon, pa) == 0) ? 0.8 : 0;
		else
			s = Min(string_sim(a->phon, pa, b->phon, pb), 0.9);
		if (s > 0)
			*how = "consonant skeleton";
		return s;
	}
	{
		double		s;
		int			maxd = pgs_max_edits(Max(a->len, b->len));

		/*
		 * Each letter one word has and the other lacks costs an edit: a lower
		 * bound on the distance that rejects most pairs without computing it.
		 */
		if (pgs_popcount32(a->mask & ~b->mask) > maxd ||
			pgs_popcount32(b->mask & ~a->mask) > maxd)
			return 0;
		s = string_sim(a->text, a->len, b->text, b->len);

		if (s > 0 && s < 0.85 && a->len >= 5 && b->len >= 5 && phon_len(a->phon) >= 3 &&
			memcmp(a->phon, b->phon, PGS_PHON_LEN) == 0)
		{
			*how = "phonetic";
			return 0.85;
		}
		if (s > 0)
			*how = "spelling";
		return s;
	}
}

/* the scorer's calls; the matcher's (canon_differs) have their own copy */
static double
token_sim(const PgsToken *a, const PgsToken *b, bool canon_differs, const char **how)
{
	return token_sim_inline(a, b, canon_differs, how);
}

/*
 * Whether the scorer may align the two tokens on their own (similarity of
 * at least PAIR_MIN), when their canonical forms differ (the caller has
 * compared them); used by the screening matcher's bound.
 */
bool
pgs_tokens_may_align(const PgsToken *a, const PgsToken *b)
{
	const char *how;

	return token_sim_inline(a, b, true, &how) >= PAIR_MIN;
}

/* working state for one comparison */
typedef struct Side
{
	PgsToken	t[PGS_MAX_SCORE_TOKENS];
	int			n;
	int			match[PGS_MAX_SCORE_TOKENS];	/* index on the other side, or -1 */
	double		msim[PGS_MAX_SCORE_TOKENS];
	const char *mhow[PGS_MAX_SCORE_TOKENS];
	char		glue[1024];		/* texts of glued tokens */
	int			gp;
} Side;

static void
take_tokens(Side *s, PgsToken *t, int n)
{
	int			i;

	s->n = 0;
	s->gp = 0;
	for (i = 0; i < n && s->n < PGS_MAX_SCORE_TOKENS; i++)
		if (t[i].cls != PGS_TOK_HONORIFIC)
		{
			s->t[s->n] = t[i];
			s->t[s->n].pos = i;
			s->n++;
		}
}

/*
 * Glue adjacent word-like tokens of x when the glued word matches a word of
 * y clearly better than its parts do.  Returns the number of merges.
 */
static int
glue_side(Side *x, Side *y, PgsExplain *ex)
{
	int			merges = 0;
	int			i;

	for (i = 0; i + 1 < x->n; i++)
	{
		int			k,
					bestk = 0;
		double		bests = 0;
		int			bestlen = 0;

		if (!pgs_is_glueable(x->t[i].cls))
			continue;
		for (k = 2; k <= 4 && i + k <= x->n; k++)
		{
			char		buf[PGS_MAX_TOKEN_LEN * 4 + 4];
			int			len = 0,
						m,
						j;
			bool		ok = true;

			for (m = i; m < i + k; m++)
			{
				PgsToken   *t = &x->t[m];

				if (!pgs_is_glueable(t->cls) || len + t->len > (int) sizeof(buf) - 1)
				{
					ok = false;
					break;
				}
				memcpy(buf + len, t->text, t->len);
				len += t->len;
			}
			if (!ok)
				break;
			for (j = 0; j < y->n; j++)
			{
				PgsToken   *yt = &y->t[j];
				double		s,
							parts = 0;
				const char *h;

				/* cheap filters first: a glued word starts as its first part */
				if (yt->text[0] != buf[0] || !pgs_is_wordlike(yt->cls) || yt->len < 4 ||
					yt->len < len - 3 || yt->len > len + 3)
					continue;
				s = string_sim(buf, len, yt->text, yt->len);
				if (s < PGS_MERGE_MIN)
					continue;
				for (m = i; m < i + k; m++)
					parts = Max(parts, token_sim(&x->t[m], yt, false, &h));
				if (s > parts + 0.05 && s > bests)
				{
					bests = s;
					bestk = k;
					bestlen = len;
				}
			}
		}
		if (bestk > 0)
		{
			/* replace tokens i..i+bestk-1 by the glued one */
			char	   *dst = x->glue + x->gp;
			int			m,
						len = 0;
			float4		w = 0;

			if (x->gp + bestlen + 1 > (int) sizeof(x->glue))
				break;
			for (m = i; m < i + bestk; m++)
			{
				memcpy(dst + len, x->t[m].text, x->t[m].len);
				len += x->t[m].len;
				w = Max(w, x->t[m].weight);
			}
			x->gp += len + 1;
			if (ex && ex->nmerges < 8)
			{
				int			p = 0;

				for (m = i; m < i + bestk && p < 140; m++)
					p += snprintf(ex->merges[ex->nmerges] + p, 160 - p, "%s%.*s",
								  m > i ? " + " : "", x->t[m].len, x->t[m].text);
				snprintf(ex->merges[ex->nmerges] + p, 160 - p, " -> %.*s", len, dst);
				ex->nmerges++;
			}
			x->t[i].text = dst;
			x->t[i].len = len;
			x->t[i].canon = dst;
			x->t[i].clen = len;
			x->t[i].cls = PGS_TOK_WORD;
			x->t[i].flags = 0;
			x->t[i].script = PGS_SCRIPT_LATIN;
			x->t[i].weight = Max(w, 1.0);
			pgs_phonetic(dst, len, PGS_SCRIPT_LATIN, x->t[i].phon);
			x->t[i].mask = pgs_token_mask(dst, len);
			memmove(&x->t[i + 1], &x->t[i + bestk], sizeof(PgsToken) * (x->n - i - bestk));
			x->n -= bestk - 1;
			merges++;
		}
	}
	return merges;
}

/* could gluing adjacent tokens of x match a longer word of y?  (cheap test) */
static bool
glue_possible(Side *x, Side *y)
{
	int			i,
				j;

	for (i = 0; i + 1 < x->n; i++)
	{
		int			len = x->t[i].len + x->t[i + 1].len;

		for (j = 0; j < y->n; j++)
			if (y->t[j].len >= len - 3 && y->t[j].len >= 4 &&
				y->t[j].text[0] == x->t[i].text[0])
				return true;
	}
	return false;
}

static bool is_org(Side *s);

/* greedy one-to-one alignment, best pairs first */
static void
align(Side *a, Side *b)
{
	/* in an organisation's name single letters are an acronym's, not initials */
	bool		org = is_org(a) || is_org(b);

	double		sim[PGS_MAX_SCORE_TOKENS][PGS_MAX_SCORE_TOKENS];
	const char *how[PGS_MAX_SCORE_TOKENS][PGS_MAX_SCORE_TOKENS];
	int			i,
				j;

	for (i = 0; i < a->n; i++)
	{
		a->match[i] = -1;
		for (j = 0; j < b->n; j++)
		{
			if (org && (a->t[i].cls == PGS_TOK_INITIAL) != (b->t[j].cls == PGS_TOK_INITIAL))
			{
				sim[i][j] = 0;
				how[i][j] = NULL;
				continue;
			}
			sim[i][j] = token_sim(&a->t[i], &b->t[j], false, &how[i][j]);
		}
	}
	for (j = 0; j < b->n; j++)
		b->match[j] = -1;

	for (;;)
	{
		double		best = PAIR_MIN - 1e-9;
		double		bestd = 1e9;
		int			bi = -1,
					bj = -1;

		for (i = 0; i < a->n; i++)
		{
			if (a->match[i] >= 0)
				continue;
			for (j = 0; j < b->n; j++)
			{
				double		d;

				if (b->match[j] >= 0 || sim[i][j] < best)
					continue;
				/* ties: prefer tokens at similar relative positions */
				d = fabs((double) i / Max(a->n, 1) - (double) j / Max(b->n, 1));
				if (sim[i][j] > best || d < bestd)
				{
					best = sim[i][j];
					bestd = d;
					bi = i;
					bj = j;
				}
			}
		}
		if (bi < 0)
			break;
		a->match[bi] = bj;
		b->match[bj] = bi;
		a->msim[bi] = best;
		b->msim[bj] = best;
		a->mhow[bi] = how[bi][bj];
		b->mhow[bj] = how[bi][bj];
	}
}

typedef struct Tally
{
	double		M,				/* similarity-weighted matched weight */
				W,				/* matched weight */
				Ea,
				Eb,				/* weight left unmatched on each side */
				Ca,
				Cb,				/* the same, weighted as contradiction */
				Ka,
				Kb,				/* the same, weighted by the cost of an extra */
				Xnum;			/* unmatched numbers */
	bool		num_contra;
	bool		org;			/* an organisation's name */
} Tally;

static bool
is_org(Side *s)
{
	return pgs_name_is_org(s->t, s->n);
}

/* account for one token left unmatched */
static void
unmatched(const PgsToken *t, double w, bool org, double *E, double *C, double *K, Tally *r)
{
	if (t->cls == PGS_TOK_NUMBER)
	{
		r->Xnum += w;
		r->num_contra = true;
		return;
	}
	*E += w;
	/* a different word contradicts however common it is */
	*C += (pgs_is_wordlike(t->cls) && w < PGS_CONTRA_MIN_W) ? PGS_CONTRA_MIN_W : w;
	if (t->cls == PGS_TOK_LEGAL)
		*K += w * PGS_C_EXTRA_LEGAL;
	else
		*K += w * (org ? PGS_C_EXTRA_ORG : PGS_C_EXTRA_PERSON);
}

static void
tally(Side *a, Side *b, Tally *r)
{
	int			i;

	memset(r, 0, sizeof(*r));
	r->org = is_org(a) || is_org(b);
	for (i = 0; i < a->n; i++)
	{
		PgsToken   *ta = &a->t[i];

		if (a->match[i] >= 0)
		{
			PgsToken   *tb = &b->t[a->match[i]];
			double		pw;

			if (ta->cls == PGS_TOK_INITIAL || tb->cls == PGS_TOK_INITIAL)
			{
				pw = Min(ta->weight, tb->weight);
				/* the rest of the spelled-out word is said by one side only */
				if (ta->weight > pw)
				{
					r->Ea += ta->weight - pw;
					r->Ca += ta->weight - pw;
					r->Ka += (ta->weight - pw) * PGS_C_EXTRA_PERSON;
				}
				if (tb->weight > pw)
				{
					r->Eb += tb->weight - pw;
					r->Cb += tb->weight - pw;
					r->Kb += (tb->weight - pw) * PGS_C_EXTRA_PERSON;
				}
			}
			else
				pw = (ta->weight + tb->weight) / 2;
			r->M += pw * a->msim[i];
			r->W += pw;
		}
		else
			unmatched(ta, ta->weight, r->org, &r->Ea, &r->Ca, &r->Ka, r);
	}
	for (i = 0; i < b->n; i++)
		if (b->match[i] < 0)
			unmatched(&b->t[i], b->t[i].weight, r->org, &r->Eb, &r->Cb, &r->Kb, r);
}

/* contradiction: what both sides have unmatched; extra: what one side has beyond */
static void
tally_parts(Tally *r, double *X, double *Ycost)
{
	double		lo = Min(r->Ea, r->Eb);
	double		Ebig = Max(r->Ea, r->Eb);
	double		Kbig = (r->Ea >= r->Eb) ? r->Ka : r->Kb;

	*X = Min(r->Ca, r->Cb) * (lo > 0 ? 1 : 0) + r->Xnum;
	*Ycost = (Ebig > 0) ? (Ebig - lo) * (Kbig / Ebig) : 0;
}

static double
tally_score(Tally *r)
{
	double		X,
				Ycost,
				den;

	tally_parts(r, &X, &Ycost);
	den = r->W + PGS_C_CONTRA * X + Ycost;
	if (r->W <= 0 || den <= 0)
		return 0;
	return r->M / den;
}

/* best token-level score; a and b may be modified (glued) */
static double
score_sides(Side *a, Side *b, Tally *out, PgsExplain *ex)
{
	Tally		t1;
	double		s1;
	int			i;
	bool		complete = true;

	align(a, b);
	tally(a, b, &t1);
	s1 = tally_score(&t1);

	/* everything aligned well: gluing cannot help */
	for (i = 0; i < a->n && complete; i++)
		if (a->match[i] < 0 || a->msim[i] < 0.9)
			complete = false;
	for (i = 0; i < b->n && complete; i++)
		if (b->match[i] < 0 || b->msim[i] < 0.9)
			complete = false;

	if (!complete && (glue_possible(a, b) || glue_possible(b, a)))
	{
		Side	   *a2 = palloc(sizeof(Side));
		Side	   *b2 = palloc(sizeof(Side));
		int			m;

		memcpy(a2, a, sizeof(Side));
		memcpy(b2, b, sizeof(Side));
		/* fix up glue pointers are not needed: glue buffers are empty so far */
		m = glue_side(a2, b2, ex) + glue_side(b2, a2, ex);
		if (m > 0)
		{
			Tally		t2;
			double		s2;

			align(a2, b2);
			tally(a2, b2, &t2);
			s2 = tally_score(&t2);
			if (s2 > s1)
			{
				memcpy(a, a2, sizeof(Side));
				memcpy(b, b2, sizeof(Side));
				/* re-point glued tokens into the copies' buffers */
				for (i = 0; i < a->n; i++)
					if (a->t[i].text >= a2->glue && a->t[i].text < a2->glue + sizeof(a2->glue))
					{
						a->t[i].text = a->glue + (a->t[i].text - a2->glue);
						a->t[i].canon = a->t[i].text;
					}
				for (i = 0; i < b->n; i++)
					if (b->t[i].text >= b2->glue && b->t[i].text < b2->glue + sizeof(b2->glue))
					{
						b->t[i].text = b->glue + (b->t[i].text - b2->glue);
						b->t[i].canon = b->t[i].text;
					}
				t1 = t2;
				s1 = s2;
			}
			else if (ex)
				ex->nmerges = 0;
		}
		pfree(a2);
		pfree(b2);
	}
	*out = t1;
	return s1;
}

/*
 * The whole name glued (n tokens t, without honorifics, no more than the
 * scorer takes), into buf of cap bytes; returns its length.  The tokens of
 * a Side after merges glue to the same text: a merged token is its parts'
 * texts glued.
 */
static int
glue_tokens(const PgsToken *t, int n, bool skip_honorifics, char *buf, int cap, bool *whole)
{
	int			i,
				k = 0,
				len = 0;

	*whole = true;
	for (i = 0; i < n && k < PGS_MAX_SCORE_TOKENS; i++)
	{
		if (skip_honorifics && t[i].cls == PGS_TOK_HONORIFIC)
			continue;
		k++;
		if (len + t[i].len >= cap)
		{
			*whole = false;
			break;
		}
		memcpy(buf + len, t[i].text, t[i].len);
		len += t[i].len;
	}
	return len;
}

static int
glue_all(Side *s, char *buf, int cap)
{
	bool		whole;

	return glue_tokens(s->t, s->n, false, buf, cap, &whole);
}

/*
 * A name of n tokens glued whole, as the scorer glues it (step 5): the
 * tokens it takes, honorifics set aside; buf has PGS_GLUED_CAP bytes.
 * Returns the length, or -1 when the name does not fit (the scorer, whose
 * merged tokens may be cut elsewhere, may then glue it otherwise).
 */
int
pgs_glue_name(const PgsToken *t, int n, char *buf)
{
	bool		whole;
	int			len = glue_tokens(t, n, true, buf, PGS_GLUED_CAP, &whole);

	return whole ? len : -1;
}

/*
 * The similarity 1 - edits / longer length of two strings when it is at
 * least min (above 0), else 0.
 */
double
pgs_similarity_at_least(const char *a, int la, const char *b, int lb, double min)
{
	int			L = Max(la, lb);
	int			maxd = (int) (L * (1.0 - min) + 1e-9);
	int			d;

	if (L == 0)
		return 0;
	d = pgs_osa_distance(a, la, b, lb, maxd);
	return (d <= maxd) ? 1.0 - (double) d / L : 0;
}

/*
 * The similarity of two names glued whole (step 5): at least PGS_GLUE_MIN,
 * else 0; 0 too when either has fewer than six letters.
 */
double
pgs_glued_similarity(const char *ga, int la, const char *gb, int lb)
{
	if (la < 6 || lb < 6)
		return 0;
	return pgs_similarity_at_least(ga, la, gb, lb, PGS_GLUE_MIN);
}

double
pgs_score_tokens(PgsToken *ta, int na, PgsToken *tb, int nb, PgsExplain *ex)
{
	Side		sa,
				sb;
	Side	   *a = &sa;
	Side	   *b = &sb;
	Tally		t;
	double		s;
	double		g = 0;
	int			na0,
				nb0;

	take_tokens(a, ta, na);
	take_tokens(b, tb, nb);
	if (a->n == 0 || b->n == 0)
		return 0;

	na0 = a->n;
	nb0 = b->n;
	s = score_sides(a, b, &t, ex);

	if (!t.num_contra && s < 1.0 && na0 != nb0)
	{
		char		ga[PGS_GLUED_CAP],
					gb[PGS_GLUED_CAP];

		g = pgs_glued_similarity(ga, glue_all(a, ga, sizeof(ga)),
								 gb, glue_all(b, gb, sizeof(gb)));
	}

	if (ex)
	{
		int			i;

		ex->token_score = s;
		ex->glued = g;
		ex->matched = t.M;
		ex->weight = t.W;
		tally_parts(&t, &ex->contradiction, &ex->extra);
		ex->org = t.org;
		ex->npairs = 0;
		ex->a = palloc(sizeof(PgsToken) * a->n);
		ex->b = palloc(sizeof(PgsToken) * b->n);
		memcpy(ex->a, a->t, sizeof(PgsToken) * a->n);
		memcpy(ex->b, b->t, sizeof(PgsToken) * b->n);
		/* glued texts live in a and b: copy them */
		for (i = 0; i < a->n; i++)
			ex->a[i].text = ex->a[i].canon = pnstrdup(a->t[i].text, a->t[i].len);
		for (i = 0; i < b->n; i++)
			ex->b[i].text = ex->b[i].canon = pnstrdup(b->t[i].text, b->t[i].len);
		ex->na = a->n;
		ex->nb = b->n;
		for (i = 0; i < a->n; i++)
		{
			PgsExplainPair *p = &ex->pairs[ex->npairs++];

			p->a = i;
			p->b = a->match[i];
			p->sim = a->match[i] >= 0 ? a->msim[i] : 0;
			p->how = a->match[i] >= 0 ? a->mhow[i] : NULL;
		}
		for (i = 0; i < b->n; i++)
			if (b->match[i] < 0)
			{
				PgsExplainPair *p = &ex->pairs[ex->npairs++];

				p->a = -1;
				p->b = i;
				p->sim = 0;
				p->how = NULL;
			}
	}
	return Max(s, g);
}

/* ---- SQL-callable ------------------------------------------------------ */

static double
score_names(struct varlena *va, struct varlena *vb)
{
	PgsToken	ta[PGS_MAX_SCORE_TOKENS + 8];
	PgsToken	tb[PGS_MAX_SCORE_TOKENS + 8];
	int			na = pgs_unpack(va, ta, PGS_MAX_SCORE_TOKENS + 8);
	int			nb = pgs_unpack(vb, tb, PGS_MAX_SCORE_TOKENS + 8);

	return pgs_score_tokens(ta, na, tb, nb, NULL);
}

PG_FUNCTION_INFO_V1(pgs_name_score);
Datum
pgs_name_score(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));

	PG_RETURN_FLOAT4((float4) score_names(a, b));
}

PG_FUNCTION_INFO_V1(pgs_name_score_text);
Datum
pgs_name_score_text(PG_FUNCTION_ARGS)
{
	struct varlena *a = pgs_text_to_name(PG_GETARG_TEXT_PP(0));
	struct varlena *b = pgs_text_to_name(PG_GETARG_TEXT_PP(1));

	PG_RETURN_FLOAT4((float4) score_names(a, b));
}

PG_FUNCTION_INFO_V1(pgs_name_match);
Datum
pgs_name_match(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));

	double		th = pgs_name_threshold(b);

	if (th < 0)
		th = pgs_name_threshold(a);
	if (th < 0)
		th = pg_screen_threshold;
	PG_RETURN_BOOL(pgs_score_reaches(score_names(a, b), th));
}

PG_FUNCTION_INFO_V1(pgs_name_distance);
Datum
pgs_name_distance(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));

	PG_RETURN_FLOAT4((float4) (1.0 - score_names(a, b)));
}
