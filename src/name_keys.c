/*
 * name_keys.c — the candidate keys of a parsed name, and the score upper
 * bound that decides which candidates are worth scoring.  Shared by the GIN
 * operator class (name_gin.c) and the in-memory list matcher of screening
 * (screen_match.c), so that both find exactly the same candidates.
 *
 * Keys (uint32 hashes of tagged strings) for each indexable token (words,
 * patronymics, numbers; not particles, stop words, legal forms, initials or
 * honorifics, which match almost everything and are rechecked instead):
 *
 *   C  the canonical form (same word, same given-name group, same number)
 *   D  the word cut to PGS_KEY_DEL_PREFIX characters, and every string made
 *      from it by deleting one character: two words one edit apart
 *      (substitution, insertion, deletion, transposition) always share a
 *      D key
 *   P  the first five classes of the consonant-skeleton phonetic key (if
 *      it has three or more, or two for words from an abjad, which are
 *      compared by it): it catches spellings two or more edits apart
 *   I  an initial of the item, met by the first letter of each query word
 *      (personal names only: the scorer aligns initials only there)
 *
 * and for each two adjacent word tokens (words, patronymics, particles) the
 * glued form, as a C key, as D keys (all deletions on the query side) and
 * as a P key (four classes or more), and for three the glued form as a C
 * key and D keys, so that "Abdul Rahman" finds "AbdulRahman", "Abd al-Majid"
 * finds "Abdelmajid", "al-Sa'adi" its Arabic spelling, and the other way
 * round.
 *
 * Why a key search loses (almost) nothing the scorer accepts: a name
 * reaches the threshold only if the weight of its aligned tokens outweighs
 * the cost of what is left unmatched.  A query token counts as possibly
 * aligned when any of its keys (or a glued run it belongs to) is present;
 * every token that has no keys (particles, initials, legal forms) is
 * assumed to align, and to bring as much as a word could: a particle glued
 * to its neighbours, a stop word in two names that glued whole are equal
 * ("COMMITTEE FOR THESAFETY OF THE ROADS") may carry a match that no key
 * of theirs sees.  The upper bound of the score is then
 *
 *     UB = Wm / (Wm + sum over unmatched query words of c * w)
 *
 * with Wm the largest weight the possibly aligned tokens could bring, c the
 * cheapest cost of an unmatched word (an extra word in a personal name; a
 * number always contradicts).  Only items with UB >= threshold are scored.
 * What the keys cannot see is a word two or more edits away from every
 * word of the other name with a different phonetic key, or a glued run
 * (with a particle, say) as far from the word it glues to; doc/screening.md
 * reports how often that costs a match on the real lists.
 */
#include "pg_screen.h"

#include "common/hashfn.h"

#include "name.h"

#define DEL_PREFIX	PGS_KEY_DEL_PREFIX
#define PHON_PREFIX	5

/* with_tokens: also record which tokens each key stands for */
void
pgs_keys_init(PgsKeys *kb, int cap, bool with_tokens)
{
	kb->n = 0;
	kb->cap = Max(cap, 16);
	kb->keys = palloc(sizeof(uint32) * kb->cap);
	kb->tok1 = with_tokens ? palloc(sizeof(int16) * kb->cap) : NULL;
	kb->tok2 = with_tokens ? palloc(sizeof(int16) * kb->cap) : NULL;
}

static void
add_key(PgsKeys *kb, char tag, const char *s, int len, int tok1, int tok2)
{
	char		buf[PGS_MAX_TOKEN_LEN * 2 + 2];

	len = Min(len, (int) sizeof(buf) - 1);
	buf[0] = tag;
	memcpy(buf + 1, s, len);
	if (kb->n >= kb->cap)
	{
		kb->cap *= 2;
		kb->keys = repalloc(kb->keys, sizeof(uint32) * kb->cap);
		if (kb->tok1)
		{
			kb->tok1 = repalloc(kb->tok1, sizeof(int16) * kb->cap);
			kb->tok2 = repalloc(kb->tok2, sizeof(int16) * kb->cap);
		}
	}
	kb->keys[kb->n] = hash_bytes((const unsigned char *) buf, len + 1);
	if (kb->tok1)
	{
		kb->tok1[kb->n] = tok1;
		kb->tok2[kb->n] = tok2 < 0 ? tok1 : tok2;
	}
	kb->n++;
}

/* D keys: the string cut to DEL_PREFIX, and (if all_deletions) its 1-deletions */
static void
add_deletion_keys(PgsKeys *kb, const char *s, int len, bool all_deletions,
				  int tok1, int tok2)
{
	char		buf[DEL_PREFIX + 1];
	int			i;

	len = Min(len, DEL_PREFIX);
	add_key(kb, 'D', s, len, tok1, tok2);
	if (!all_deletions || len < 3)
		return;
	for (i = 0; i < len; i++)
	{
		/* deleting either of two equal neighbours gives the same string */
		if (i > 0 && s[i] == s[i - 1])
			continue;
		memcpy(buf, s, i);
		memcpy(buf + i, s + i + 1, len - i - 1);
		add_key(kb, 'D', buf, len - 1, tok1, tok2);
	}
}

bool
pgs_key_indexable(const PgsToken *t)
{
	return t->cls == PGS_TOK_WORD || t->cls == PGS_TOK_PATRONYMIC || t->cls == PGS_TOK_NUMBER;
}

static inline bool
gluable(const PgsToken *t)
{
	return t->cls == PGS_TOK_WORD || t->cls == PGS_TOK_PATRONYMIC || t->cls == PGS_TOK_PARTICLE;
}

/*
 * true when the name reads as an organisation's (a legal form or an org
 * word), as the scorer reads it: honorifics are set aside, so "General
 * Bernard Kowalski" is a person's name though "general" is an org word too
 */
bool
pgs_name_is_org(const PgsToken *t, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (t[i].cls != PGS_TOK_HONORIFIC &&
			(t[i].cls == PGS_TOK_LEGAL || (t[i].flags & PGS_TF_ORGWORD)))
			return true;
	return false;
}

/*
 * The keys of a name: item keys (query = false) as stored in an index, or
 * query keys, each with the query tokens it stands for.  org is
 * pgs_name_is_org() of a query (initials align only in personal names).
 */
void
pgs_name_keys(PgsToken *t, int n, bool query, bool org, PgsKeys *kb)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		int			pl;

		/* an initial of the item meets the first letter of a query word */
		if (t[i].cls == PGS_TOK_INITIAL && !query)
			add_key(kb, 'I', t[i].text, 1, i, -1);
		if (!pgs_key_indexable(&t[i]))
			continue;
		if (query && t[i].cls != PGS_TOK_NUMBER && !org)
			add_key(kb, 'I', t[i].text, 1, i, -1);
		add_key(kb, 'C', t[i].canon, t[i].clen, i, -1);
		if (t[i].cls == PGS_TOK_NUMBER)
			continue;
		if (t[i].len >= 2)
			add_deletion_keys(kb, t[i].text, t[i].len, true, i, -1);
		for (pl = 0; pl < PGS_PHON_LEN && t[i].phon[pl]; pl++)
			;
		if (pl >= 3 || (pl >= 2 && t[i].script == PGS_SCRIPT_ABJAD))
			add_key(kb, 'P', t[i].phon, Min(pl, PHON_PREFIX), i, -1);
	}
	/* glued neighbours */
	for (i = 0; i + 1 < n; i++)
	{
		char		buf[PGS_MAX_TOKEN_LEN * 2];
		int			len;

		if (!gluable(&t[i]) || !gluable(&t[i + 1]))
			continue;
		len = t[i].len + t[i + 1].len;
		memcpy(buf, t[i].text, t[i].len);
		memcpy(buf + t[i].len, t[i + 1].text, t[i + 1].len);
		if (t[i].cls != PGS_TOK_PARTICLE || t[i + 1].cls != PGS_TOK_PARTICLE)
		{
			char		phon[PGS_PHON_LEN];
			int			pl;

			add_key(kb, 'C', buf, len, i, i + 1);
			add_deletion_keys(kb, buf, len, query, i, i + 1);
			/* a typo in a glued name (IvanPetrovsky / Ivan Petrovski) */
			pgs_phonetic(buf, len, PGS_SCRIPT_LATIN, phon);
			for (pl = 0; pl < PGS_PHON_LEN && phon[pl]; pl++)
				;
			if (pl >= PHON_PREFIX - 1)
				add_key(kb, 'P', phon, Min(pl, PHON_PREFIX), i, i + 1);
		}
		/* and three (bin al shibh / binalshibh, abd al majid / abdelmajid) */
		if (i + 2 < n && gluable(&t[i + 2]) && len + t[i + 2].len < (int) sizeof(buf))
		{
			memcpy(buf + len, t[i + 2].text, t[i + 2].len);
			add_key(kb, 'C', buf, len + t[i + 2].len, i, i + 2);
			add_deletion_keys(kb, buf, len + t[i + 2].len, query, i, i + 2);
		}
	}
}

/* what the upper bound needs to know of a query */
PgsBound *
pgs_bound_prepare(PgsToken *t, int n, double threshold)
{
	PgsBound   *b = palloc0(sizeof(PgsBound));
	int			i;

	b->ntok = n;
	b->threshold = threshold;
	b->org = pgs_name_is_org(t, n);
	b->indexed = palloc0(sizeof(bool) * (n + 1));
	b->weight = palloc0(sizeof(float4) * (n + 1));
	b->cls = palloc0(sizeof(uint8) * (n + 1));
	for (i = 0; i < n; i++)
	{
		b->indexed[i] = pgs_key_indexable(&t[i]);
		b->weight[i] = t[i].weight;
		b->cls[i] = t[i].cls;
		if (b->indexed[i])
			b->any_indexed = true;
	}
	return b;
}

/*
 * The parts of the upper bound (see the file header): wm, the largest
 * weight the possibly aligned query tokens could bring, and cost, the least
 * cost of the query words left unmatched.
 */
void
pgs_bound_parts(const PgsBound *b, const bool *matched, double *wm, double *cost)
{
	int			i;

	*wm = 0;
	*cost = 0;
	for (i = 0; i < b->ntok; i++)
	{
		double		w = b->weight[i];

		if (b->cls[i] == PGS_TOK_HONORIFIC)
			continue;
		if (!b->indexed[i] || matched[i])
			*wm += pgs_pair_weight_max(w);
		else if (b->cls[i] == PGS_TOK_NUMBER)
			*cost += PGS_C_CONTRA * w;
		else
			*cost += (b->org ? PGS_C_EXTRA_ORG : PGS_C_EXTRA_PERSON) * w;
	}
}

/*
 * Whether the upper bound of the score an item can reach, given which query
 * tokens its keys may align, reaches the query's threshold: the index's
 * consistent test (name_gin.c), and the screening matcher's first bound
 * (screen_match.c), which must agree for the two to find the same names.
 */
bool
pgs_bound_reaches(const PgsBound *b, const bool *matched)
{
	double		wm,
				cost;

	pgs_bound_parts(b, matched, &wm, &cost);
	return pgs_bound_value_reaches(wm, cost, b->threshold);
}

/*
 * Whether a key search can find every match of this query: not when no
 * token has keys (particles, initials or legal forms only) or when the
 * threshold is 0; then every name must be scored.
 */
bool
pgs_bound_needs_all(const PgsBound *b)
{
	return (!b->any_indexed && b->ntok > 0) || b->threshold <= 0;
}
