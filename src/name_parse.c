/*
 * name_parse.c — from normalized text to classified name tokens.
 *
 * pgs_split_words() cuts normalized text into words: letters and digits make
 * words, apostrophes and their look-alikes vanish inside a word (Qa'ida ->
 * qaida), '&' is the word "and", everything else separates.  Single letters
 * joined by dots (S.A., L.L.C., J.P.) become one word.
 *
 * pgs_parse_name() then classifies the words: digit/letter swaps (Ig0r),
 * ordinals and number words (1st, forty-four) become numbers; legal-form
 * phrases found in screen.legal_forms (longest match first, e.g. "limited
 * liability company") become one legal-form token carrying its class;
 * honorifics, particles, stop words, given-name groups and common-token
 * weights come from the other knowledge tables; patronymics are recognised
 * by their suffix; single letters are initials.
 */
#include "pg_screen.h"

#include "mb/pg_wchar.h"

#include <unicode/uchar.h>

#include "name.h"

/* longest run of dotted single letters merged into one word (S.A.R.L.) */
#define MAX_ABBREV 16

static inline bool
is_apostrophe(pg_wchar c)
{
	return c == '\'' || c == '`' || c == 0x2019 || c == 0x2018 || c == 0x02BC ||
		c == 0x02BF || c == 0x02BE || c == 0x2032 || c == 0x00B4 || c == 0x02B9 ||
		c == 0x02BB || c == 0x02C8 || c == 0x02CC;
}

/*
 * Split normalized text into words.  Token texts are written to a buffer
 * allocated here; returns the number of tokens (at most maxout).
 */
int
pgs_split_words(const char *norm, const uint8 *scripts, int nlen,
				PgsToken *out, int maxout)
{
	/*
	 * Room for every token (an '&' becomes "and" plus a gap: 4 bytes for 1)
	 * and for the copies made when dotted letters are merged (at most one
	 * per input byte, each at most MAX_ABBREV + 1 bytes).
	 */
	char	   *buf = palloc((Size) nlen * (4 + MAX_ABBREV + 1) + 16);
	int			bp = 0;
	int			n = 0;
	int			i = 0;
	int			cur_start = -1;
	char		sep_before[PGS_MAX_TOKENS * 2 + 2];
	int			sepcount = 0;	/* separator chars seen since last token */
	bool		sepdot = false; /* the separator run was exactly "." */

#define END_TOKEN() \
	do { \
		if (cur_start >= 0) { \
			out[n].len = Min(bp - cur_start, PGS_MAX_TOKEN_LEN); \
			n++; \
			cur_start = -1; \
			bp++;	/* keep a gap so merges never overlap */ \
		} \
	} while (0)

	while (i < nlen && n < maxout)
	{
		unsigned char ch = (unsigned char) norm[i];
		pg_wchar	c;
		int			clen;
		bool		alnum;

		if (ch < 0x80)
		{
			c = ch;
			clen = 1;
			alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
				(ch >= 'A' && ch <= 'Z');
		}
		else
		{
			clen = pg_utf_mblen((const unsigned char *) norm + i);
			if (i + clen > nlen)
				clen = nlen - i;
			c = utf8_to_unicode((const unsigned char *) norm + i);
			alnum = !is_apostrophe(c) && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
										  u_charType(c) == U_COMBINING_SPACING_MARK);
		}

		if (alnum)
		{
			if (cur_start < 0)
			{
				if (n < (int) sizeof(sep_before))
					sep_before[n] = (sepcount == 1 && sepdot) ? '.' : ' ';
				cur_start = bp;
				out[n].text = buf + bp;
				out[n].script = scripts ? scripts[i] : PGS_SCRIPT_LATIN;
			}
			memcpy(buf + bp, norm + i, clen);
			if (clen == 1)
				buf[bp] = pg_ascii_tolower(buf[bp]);
			bp += clen;
			sepcount = 0;
			sepdot = false;
		}
		else if (is_apostrophe(c) && cur_start >= 0)
		{
			/* vanishes inside a word */
		}
		else
		{
			END_TOKEN();
			if (c == '&' && n < maxout)
			{
				if (n < (int) sizeof(sep_before))
					sep_before[n] = ' ';
				out[n].text = buf + bp;
				out[n].script = PGS_SCRIPT_LATIN;
				memcpy(buf + bp, "and", 3);
				out[n].len = 3;
				bp += 4;
				n++;
				sepcount = 2;	/* never merge across '&' */
			}
			else
			{
				sepcount++;
				sepdot = (c == '.' && sepcount == 1);
			}
		}
		i += clen;
	}
	END_TOKEN();
#undef END_TOKEN

	/* merge dotted single letters: s.a. -> sa, j.p. -> jp */
	{
		int			r,
					w = 0;

		for (r = 0; r < n; r++)
		{
			if (w > 0 && out[r].len == 1 && out[w - 1].len >= 1 &&
				out[w - 1].len < MAX_ABBREV &&
				r < (int) sizeof(sep_before) && sep_before[r] == '.' &&
				(out[w - 1].len == 1 || out[w - 1].flags == 1))
			{
				/* append to previous (copy into fresh space) */
				char	   *nb = buf + bp;

				memcpy(nb, out[w - 1].text, out[w - 1].len);
				nb[out[w - 1].len] = out[r].text[0];
				out[w - 1].text = nb;
				out[w - 1].len++;
				out[w - 1].flags = 1;	/* a dotted abbreviation */
				bp += out[w - 1].len + 1;
				continue;
			}
			out[w] = out[r];
			out[w].flags = 0;
			w++;
		}
		n = w;
	}
	for (i = 0; i < n; i++)
	{
		out[i].flags = 0;
		out[i].canon = out[i].text;
		out[i].clen = out[i].len;
		out[i].cls = PGS_TOK_WORD;
		out[i].weight = 1.0;
		out[i].pos = Min(i, 255);
		memset(out[i].phon, 0, PGS_PHON_LEN);
	}
	return n;
}

/* ---- numbers ---------------------------------------------------------- */

static const char *units[] = {"zero", "one", "two", "three", "four", "five", "six",
	"seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", NULL};
static const char *tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty",
"seventy", "eighty", "ninety", NULL};
static const char *ordinals[] = {"", "first", "second", "third", "fourth", "fifth",
"sixth", "seventh", "eighth", "ninth", "tenth", NULL};

static bool
tok_eq(const PgsToken *t, const char *s)
{
	int			l;

	/* (most words differ in their first byte: no strlen for them) */
	if (t->len > 0 && t->text[0] != s[0])
		return false;
	l = strlen(s);
	return t->len == l && memcmp(t->text, s, l) == 0;
}

/* value of a number word (units, ordinals), or -1; *is_tens for twenty.. */
static int
number_word(const PgsToken *t, bool *is_tens)
{
	int			i;

	*is_tens = false;
	for (i = 0; units[i]; i++)
		if (tok_eq(t, units[i]))
			return i;
	for (i = 1; ordinals[i]; i++)
		if (tok_eq(t, ordinals[i]))
			return i;
	for (i = 2; tens[i]; i++)
		if (tok_eq(t, tens[i]))
		{
			*is_tens = true;
			return i * 10;
		}
	if (tok_eq(t, "fourty"))
	{
		*is_tens = true;
		return 40;
	}
	return -1;
}

static bool
all_digits(const char *s, int len)
{
	int			i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0;
}

/* value of a digit token or an ordinal (1st, 2nd, 3rd, 4th), else -1 */
static long
digit_value(const PgsToken *t)
{
	int			l = t->len;

	if (l > 2 && l <= 11 &&
		(memcmp(t->text + l - 2, "st", 2) == 0 || memcmp(t->text + l - 2, "nd", 2) == 0 ||
		 memcmp(t->text + l - 2, "rd", 2) == 0 || memcmp(t->text + l - 2, "th", 2) == 0) &&
		all_digits(t->text, l - 2))
		l -= 2;
	if (!all_digits(t->text, l) || l > 9)
		return -1;
	return strtol(pnstrdup(t->text, l), NULL, 10);
}

/* Ig0r -> igor: digits standing in for letters inside a word */
static void
fix_leet(PgsToken *t, char *space)
{
	int			letters = 0,
				digits = 0,
				i;

	for (i = 0; i < t->len; i++)
	{
		char		c = t->text[i];

		if (c >= '0' && c <= '9')
			digits++;
		else if (c >= 'a' && c <= 'z')
			letters++;
		else
			return;				/* non-ASCII: leave alone */
	}
	if (digits == 0 || digits > 2 || letters < 2 || digits >= letters)
		return;
	/* ordinal like 21st */
	if (digit_value(t) >= 0)
		return;
	for (i = 0; i < t->len; i++)
	{
		char		c = t->text[i];

		switch (c)
		{
			case '0': c = 'o'; break;
			case '1': c = 'i'; break;
			case '3': c = 'e'; break;
			case '4': c = 'a'; break;
			case '5': c = 's'; break;
			case '7': c = 't'; break;
			case '8': c = 'b'; break;
			case '9': c = 'g'; break;
			default: break;
		}
		space[i] = c;
	}
	t->text = space;
	t->canon = space;
}

static bool
is_patronymic(const PgsToken *t)
{
	static const char *suffixes[] = {"ovich", "evich", "ovitch", "evitch", "ovych", "evych",
	"ovna", "evna", "ivna", "ichna", "ogly", "kyzy", NULL};
	int			i;

	if (t->len < 7)
		return false;
	for (i = 0; suffixes[i]; i++)
	{
		int			l = strlen(suffixes[i]);

		if (memcmp(t->text + t->len - l, suffixes[i], l) == 0)
			return true;
	}
	return false;
}

static char *
join_tokens(PgsToken *t, int n, int *outlen)
{
	int			i,
				len = 0,
				p = 0;
	char	   *s;

	for (i = 0; i < n; i++)
		len += t[i].len + 1;
	s = palloc(len + 1);
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			s[p++] = ' ';
		memcpy(s + p, t[i].text, t[i].len);
		p += t[i].len;
	}
	s[p] = '\0';
	*outlen = p;
	return s;
}

PgsParsed *
pgs_parse_name(const char *s, int len)
{
	uint8	   *scripts;
	int			nlen;
	char	   *norm;
	PgsToken   *raw;
	PgsToken   *tok;
	int			nraw,
				n = 0,
				i,
				maxphrase;
	PgsParsed  *p;
	bool		all_honorific = true;

	if (len > PGS_MAX_NAME_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("name is too long (%d bytes)", len),
				 errdetail("screen.name accepts at most %d bytes.", PGS_MAX_NAME_BYTES),
				 errhint("Pass the name itself, not a whole document.")));

	norm = pgs_normalize(s, len, &scripts, &nlen);
	raw = palloc(sizeof(PgsToken) * (PGS_MAX_TOKENS + 1));
	nraw = pgs_split_words(norm, scripts, nlen, raw, PGS_MAX_TOKENS + 1);
	if (nraw > PGS_MAX_TOKENS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("name has too many words (more than %d)", PGS_MAX_TOKENS),
				 errhint("Pass the name itself, not a whole document.")));

	/* digit/letter swaps, then numbers (ordinals, number words) */
	for (i = 0; i < nraw; i++)
		fix_leet(&raw[i], palloc(raw[i].len + 1));

	/* Arabic script writes the article joined to the word: alsysy -> al sysy */
	for (i = 0; i < nraw && nraw < PGS_MAX_TOKENS; i++)
		if (raw[i].script == PGS_SCRIPT_ABJAD && raw[i].len >= 5 &&
			memcmp(raw[i].text, "al", 2) == 0)
		{
			memmove(&raw[i + 1], &raw[i], sizeof(PgsToken) * (nraw - i));
			raw[i].len = 2;
			raw[i].clen = 2;
			raw[i + 1].text += 2;
			raw[i + 1].canon = raw[i + 1].text;
			raw[i + 1].len -= 2;
			raw[i + 1].clen = raw[i + 1].len;
			nraw++;
			i++;
		}

	tok = palloc(sizeof(PgsToken) * (nraw + 1));
	maxphrase = pgs_know_max_phrase();
	i = 0;
	while (i < nraw)
	{
		PgsToken	t = raw[i];
		bool		is_tens;
		long		v = digit_value(&t);
		int			consumed = 1;

		if (v < 0)
		{
			v = number_word(&t, &is_tens);
			if (v >= 0 && is_tens && i + 1 < nraw)
			{
				bool		t2;
				long		u = number_word(&raw[i + 1], &t2);

				if (u < 0)
					u = digit_value(&raw[i + 1]);
				if (u >= 1 && u <= 9 && !t2)
				{
					v += u;
					consumed = 2;
				}
			}
		}
		if (v >= 0)
		{
			char	   *d = psprintf("%ld", v);

			t.text = d;
			t.len = strlen(d);
			t.canon = d;
			t.clen = t.len;
			t.cls = PGS_TOK_NUMBER;
			t.weight = 1.0;
			tok[n++] = t;
			i += consumed;
			continue;
		}

		/* knowledge: longest phrase first */
		{
			int			k;
			bool		done = false;
			PgsKnow    *first = pgs_know_lookup(t.text, t.len);

			for (k = (first == NULL) ? 0 :
				 (first->what & PGS_K_PHRASE) ? Min(maxphrase, nraw - i) : 1;
				 k >= 1 && !done; k--)
			{
				int			jl;
				char	   *joined = (k == 1) ? NULL : join_tokens(&raw[i], k, &jl);
				PgsKnow    *e = (k == 1) ? first : pgs_know_lookup(joined, jl);

				if (e == NULL)
					continue;
				if (e->what & PGS_K_LEGAL)
				{
					if (k > 1)
					{
						t.text = joined;
						t.len = jl;
					}
					t.cls = PGS_TOK_LEGAL;
					t.canon = pstrdup(e->canon);
					t.clen = strlen(e->canon);
					t.weight = PGS_W_LEGAL;
					tok[n++] = t;
					i += k;
					done = true;
				}
				else if (k == 1)
				{
					/*
					 * Titles are listed in Latin letters; an Arabic or
					 * Hebrew word written without vowels may spell one
					 * (عمر, Omar, is "mr"; آدم, Adam, is "adm") and is a
					 * name all the same.
					 */
					if ((e->what & PGS_K_HONORIFIC) && t.script != PGS_SCRIPT_ABJAD)
					{
						t.cls = PGS_TOK_HONORIFIC;
						t.weight = 0;
					}
					else if (e->what & PGS_K_STOP)
					{
						t.cls = PGS_TOK_STOP;
						t.weight = PGS_W_STOP;
					}
					else if (e->what & PGS_K_PARTICLE)
					{
						t.cls = PGS_TOK_PARTICLE;
						t.weight = PGS_W_PARTICLE;
					}
					if (e->what & PGS_K_GIVEN)
					{
						t.flags |= PGS_TF_GIVEN;
						t.canon = pstrdup(e->canon);
						t.clen = strlen(e->canon);
					}
					if (e->what & PGS_K_COMMON)
					{
						t.flags |= PGS_TF_COMMON;
						if (e->what & PGS_K_ORGWORD)
							t.flags |= PGS_TF_ORGWORD;
						t.weight = e->weight;
					}
					tok[n++] = t;
					i += 1;
					done = true;
				}
			}
			if (done)
				continue;
		}

		/* a long misspelt legal form (Aktiengeselschaft) */
		if (t.len >= 8)
		{
			PgsKnow    *e = pgs_know_fuzzy_legal(t.text, t.len);

			if (e)
			{
				t.cls = PGS_TOK_LEGAL;
				t.canon = pstrdup(e->canon);
				t.clen = strlen(e->canon);
				t.weight = PGS_W_LEGAL;
				tok[n++] = t;
				i++;
				continue;
			}
		}
		tok[n++] = t;
		i++;
	}

	for (i = 0; i < n; i++)
	{
		PgsToken   *t = &tok[i];

		if (t->cls == PGS_TOK_WORD)
		{
			if (t->len == 1 && !(t->text[0] >= '0' && t->text[0] <= '9'))
			{
				t->cls = PGS_TOK_INITIAL;
				t->weight = PGS_W_INITIAL;
			}
			else if (is_patronymic(t))
			{
				t->cls = PGS_TOK_PATRONYMIC;
				t->weight = 0.6;
			}
			else if (!(t->flags & PGS_TF_COMMON) && t->len <= 2)
				t->weight = 0.5;
		}
		if (t->cls != PGS_TOK_HONORIFIC)
			all_honorific = false;
		t->pos = Min(i, 255);
		pgs_phonetic(t->text, t->len, t->script, t->phon);
		t->mask = pgs_token_mask(t->text, t->len);
	}
	/* a name made only of titles ("General") is a name after all */
	if (all_honorific)
		for (i = 0; i < n; i++)
		{
			tok[i].cls = PGS_TOK_WORD;
			tok[i].weight = 1.0;
		}

	p = palloc(sizeof(PgsParsed));
	p->ntokens = n;
	p->tokens = tok;
	return p;
}
