/*
 * ofac_score.c — screen.ofac_score(text, text): the score the US Treasury
 * OFAC Sanctions List Search tool shows for a name on its lists.
 *
 * OFAC publishes its method in FAQ 249 ("How is the Score calculated?"):
 *
 *  1. candidates are found by the first letter of the search terms and an
 *     edit distance of at most 50%;
 *  2. technique one compares the entire name entered with the entire list
 *     name by Jaro-Winkler;
 *  3. technique two splits the name entered into name parts, compares each
 *     part with the list name's parts by Jaro-Winkler and Soundex, and
 *     combines the per-part scores into a composite;
 *  4. the higher of the two scores is reported.
 *
 * The constants left open by the FAQ were measured on real scores of the
 * tool (test/eval/ofac_parity.sh and doc/ofac_score.md):
 *
 *  - Jaro-Winkler with the usual prefix scale 0.1, but a common prefix
 *    counted up to 5 characters (not 4); the whole-name string keeps the
 *    comma of "SURNAME, Given" and drops hyphens and apostrophes;
 *  - a name part matches a list part when both start with the same letter
 *    and they are at least 50% similar by edit distance or share a Soundex
 *    code; a Soundex agreement adds 10% of the remaining distance;
 *  - the composite is the mean, over the parts entered of 3 or more
 *    characters, of each part's best match (0 when it matches none);
 *  - the candidate search: the first part entered (of 3 or more characters)
 *    must find a list part that starts with its letter or is 50% similar,
 *    and some part entered must match a list part; names the search does
 *    not find are not shown by the tool and score 0;
 *  - the score is truncated to an integer.
 *
 * Text is reduced to Latin capitals and digits: Latin-1 and Latin
 * Extended-A letters are folded by a table, combining accents are dropped,
 * other letters are kept as characters that match nothing.
 */
#include "pg_screen.h"

#include <math.h>

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(ofac_score);

/* a name longer than this is not a name (OFAC's longest are ~350 bytes) */
#define OFAC_MAX_INPUT_BYTES	4096
/* name parts shorter than this do not count in the composite score */
#define OFAC_MIN_PART_LEN		3
/* Jaro-Winkler prefix scale and the longest prefix rewarded */
#define OFAC_JW_PREFIX_SCALE	0.1
#define OFAC_JW_MAX_PREFIX		5
/* share of the remaining distance granted when Soundex codes agree */
#define OFAC_SOUNDEX_BONUS		0.1
/* stack buffers for the small arrays of short strings */
#define OFAC_STACK_LEN			64

/*
 * A folded character: 'A'..'Z', '0'..'9', ',' and ' ' (whole-name string
 * only), or an opaque marker for a non-Latin letter.  The two arguments use
 * different markers so that such letters never match each other.
 */
typedef int32 ochar;

#define OFAC_OPAQUE_QUERY	0x110001
#define OFAC_OPAQUE_LISTED	0x110002

typedef enum OfacClass
{
	OC_LETTER,					/* part of a name part */
	OC_JOIN,					/* apostrophe: dropped, joins its neighbours */
	OC_IGNORE,					/* invisible: dropped */
	OC_HYPHEN,					/* splits parts, joins in the whole name */
	OC_COMMA,					/* splits parts, kept in the whole name */
	OC_SPACE					/* splits parts, one space in the whole name */
} OfacClass;

/* a name reduced for comparison */
typedef struct OfacName
{
	ochar	   *whole;			/* the whole-name string */
	int			wlen;
	ochar	   *chars;			/* the parts' characters, back to back */
	int		   *pstart;			/* part i is chars[pstart[i]..+plen[i]] */
	int		   *plen;
	int			nparts;
	char	  (*soundex)[5];	/* Soundex code of each part, "" if none */
} OfacName;

/*
 * Latin-1 Supplement and Latin Extended-A letters, U+00C0..U+017F, folded
 * to capitals; "" is not a letter (multiplication and division signs).
 */
static const char *const latin_fold[192] = {
	"A", "A", "A", "A", "A", "A", "AE", "C",	/* U+00C0 */
	"E", "E", "E", "E", "I", "I", "I", "I",	/* U+00C8 */
	"D", "N", "O", "O", "O", "O", "O", "",	/* U+00D0 */
	"O", "U", "U", "U", "U", "Y", "TH", "SS",	/* U+00D8 */
	"A", "A", "A", "A", "A", "A", "AE", "C",	/* U+00E0 */
	"E", "E", "E", "E", "I", "I", "I", "I",	/* U+00E8 */
	"D", "N", "O", "O", "O", "O", "O", "",	/* U+00F0 */
	"O", "U", "U", "U", "U", "Y", "TH", "Y",	/* U+00F8 */
	"A", "A", "A", "A", "A", "A", "C", "C",	/* U+0100 */
	"C", "C", "C", "C", "C", "C", "D", "D",	/* U+0108 */
	"D", "D", "E", "E", "E", "E", "E", "E",	/* U+0110 */
	"E", "E", "E", "E", "G", "G", "G", "G",	/* U+0118 */
	"G", "G", "G", "G", "H", "H", "H", "H",	/* U+0120 */
	"I", "I", "I", "I", "I", "I", "I", "I",	/* U+0128 */
	"I", "I", "IJ", "IJ", "J", "J", "K", "K",	/* U+0130 */
	"K", "L", "L", "L", "L", "L", "L", "L",	/* U+0138 */
	"L", "L", "L", "N", "N", "N", "N", "N",	/* U+0140 */
	"N", "N", "N", "N", "O", "O", "O", "O",	/* U+0148 */
	"O", "O", "OE", "OE", "R", "R", "R", "R",	/* U+0150 */
	"R", "R", "S", "S", "S", "S", "S", "S",	/* U+0158 */
	"S", "S", "T", "T", "T", "T", "T", "T",	/* U+0160 */
	"U", "U", "U", "U", "U", "U", "U", "U",	/* U+0168 */
	"U", "U", "U", "U", "W", "W", "Y", "Y",	/* U+0170 */
	"Y", "Z", "Z", "Z", "Z", "Z", "Z", "S",	/* U+0178 */
};

/* Romanian comma-below letters (Latin Extended-B), common in list names */
static const char *const romanian_fold[4] = {"S", "S", "T", "T"};	/* U+0218 */

/*
 * Classify one code point; for a letter, *fold and *foldlen give its Latin
 * capitals, or NULL and 1 for a letter outside Latin (an opaque character).
 */
static OfacClass
ofac_classify(pg_wchar cp, const char **fold, int *foldlen)
{
	static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char digits[] = "0123456789";

	*fold = NULL;
	*foldlen = 1;
	if (cp < 0x80)
	{
		if (cp >= 'A' && cp <= 'Z')
			*fold = &upper[cp - 'A'];
		else if (cp >= 'a' && cp <= 'z')
			*fold = &upper[cp - 'a'];
		else if (cp >= '0' && cp <= '9')
			*fold = &digits[cp - '0'];
		if (*fold)
			return OC_LETTER;
		if (cp == '\'' || cp == '`')
			return OC_JOIN;
		if (cp == '-')
			return OC_HYPHEN;
		if (cp == ',')
			return OC_COMMA;
		return OC_SPACE;
	}
	if (cp < 0xC0)
		return cp == 0xAD ? OC_IGNORE : (cp == 0xB4 ? OC_JOIN : OC_SPACE);
	if (cp < 0x180)
	{
		*fold = latin_fold[cp - 0xC0];
		*foldlen = strlen(*fold);
		return *foldlen > 0 ? OC_LETTER : OC_SPACE;
	}
	if (cp >= 0x218 && cp <= 0x21B)
	{
		*fold = romanian_fold[cp - 0x218];
		return OC_LETTER;
	}
	if (cp >= 0x2B9 && cp <= 0x2BF)	/* modifier primes, ayn and hamza */
		return OC_JOIN;
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
		cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF)
		return OC_IGNORE;
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032)
		return OC_JOIN;
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		return OC_HYPHEN;
	if (cp == 0x060C || cp == 0xFF0C || cp == 0x3001)
		return OC_COMMA;
	if (cp >= 0xFF01 && cp <= 0xFF5E)	/* fullwidth ASCII */
		return ofac_classify(cp - 0xFEE0, fold, foldlen);
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
		cp == 0xFFFD)
		return OC_SPACE;
	return OC_LETTER;			/* a letter of another script: opaque */
}

/* American Soundex of one part ("" when it holds no letter A-Z) */
static void
ofac_soundex(const ochar *s, int len, char *code)
{
	/* codes of A..Z; '0' for vowels and H, W, Y */
	static const char digits[] = "01230120022455012623010202";
	int			n = 0;
	char		last = 0;
	int			i;

	code[0] = '\0';
	for (i = 0; i < len && n < 4; i++)
	{
		char		d;

		if (s[i] < 'A' || s[i] > 'Z')
			continue;
		d = digits[s[i] - 'A'];
		if (n == 0)
			code[n++] = (char) s[i];
		else if (d != '0' && d != last)
			code[n++] = d;
		/* H and W do not separate two letters with the same code */
		if (s[i] != 'H' && s[i] != 'W')
			last = d;
	}
	if (n == 0)
		return;
	while (n < 4)
		code[n++] = '0';
	code[4] = '\0';
}

/*
 * Reduce a text argument to its whole-name string and its parts.  argno and
 * what name the argument in errors.
 */
static void
ofac_normalize(text *t, int argno, const char *what, ochar opaque, OfacName *out)
{
	const char *src = VARDATA_ANY(t);
	int			srclen = VARSIZE_ANY_EXHDR(t);
	const unsigned char *p;
	const unsigned char *end;
	bool		pending_space = false;
	bool		in_part = false;
	int			nchars = 0;
	char	   *conv = NULL;

	if (srclen > OFAC_MAX_INPUT_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s is too long for screen.ofac_score", what),
				 errdetail("Argument %d is %d bytes long; the limit is %d bytes.",
						   argno, srclen, OFAC_MAX_INPUT_BYTES),
				 errhint("Pass one name per call, as typed into the OFAC search box or written on the list.")));

	/* work on UTF-8: convert from the server encoding when it is another */
	p = (const unsigned char *) src;
	end = p + srclen;
	if (GetDatabaseEncoding() != PG_UTF8 && GetDatabaseEncoding() != PG_SQL_ASCII)
	{
		conv = pg_server_to_any(src, srclen, PG_UTF8);
		p = (const unsigned char *) conv;
		end = p + (conv == src ? srclen : (int) strlen(conv));
	}

	/* each code point yields at most two characters, plus a separator */
	out->whole = palloc(sizeof(ochar) * (3 * (end - p) + 1));
	out->chars = palloc(sizeof(ochar) * (2 * (end - p) + 1));
	out->pstart = palloc(sizeof(int) * ((end - p) + 1));
	out->plen = palloc(sizeof(int) * ((end - p) + 1));
	out->wlen = 0;
	out->nparts = 0;

	while (p < end)
	{
		pg_wchar	cp;
		int			l = 1;
		const char *fold;
		int			foldlen;
		OfacClass	cls;

		if (*p < 0x80)
			cp = *p;
		else
		{
			l = pg_utf_mblen(p);
			if (p + l <= end && pg_utf8_islegal(p, l))
				cp = utf8_to_unicode(p);
			else
			{
				cp = 0x10FFFF;	/* SQL_ASCII bytes that are not UTF-8 */
				l = 1;
			}
		}
		p += l;

		cls = ofac_classify(cp, &fold, &foldlen);
		switch (cls)
		{
			case OC_LETTER:
				if (pending_space && out->wlen > 0)
					out->whole[out->wlen++] = ' ';
				pending_space = false;
				if (!in_part)
				{
					out->pstart[out->nparts] = nchars;
					out->plen[out->nparts] = 0;
					out->nparts++;
					in_part = true;
				}
				for (int k = 0; k < foldlen; k++)
				{
					ochar		c = fold ? (ochar) fold[k] : opaque;

					out->whole[out->wlen++] = c;
					out->chars[nchars++] = c;
					out->plen[out->nparts - 1]++;
				}
				break;
			case OC_JOIN:
			case OC_IGNORE:
				break;
			case OC_HYPHEN:
				in_part = false;
				break;
			case OC_COMMA:
				in_part = false;
				if (out->wlen > 0 && out->whole[out->wlen - 1] != ',')
					out->whole[out->wlen++] = ',';
				pending_space = true;
				break;
			case OC_SPACE:
				in_part = false;
				pending_space = true;
				break;
		}
	}
	if (conv != NULL && conv != src)
		pfree(conv);

	/* "NAME," and "NAME ," end with the name */
	while (out->wlen > 0 && out->whole[out->wlen - 1] == ',')
		out->wlen--;

	out->soundex = palloc(sizeof(char[5]) * (out->nparts + 1));
	for (int i = 0; i < out->nparts; i++)
		ofac_soundex(out->chars + out->pstart[i], out->plen[i], out->soundex[i]);
}

/* release what ofac_normalize allocated */
static void
ofac_name_free(OfacName *n)
{
	pfree(n->whole);
	pfree(n->chars);
	pfree(n->pstart);
	pfree(n->plen);
	pfree(n->soundex);
}

/*
 * Jaro-Winkler similarity in [0, 1]: matches within half the longer length,
 * transpositions, and a bonus for a common prefix of up to
 * OFAC_JW_MAX_PREFIX characters.
 */
static double
ofac_jaro_winkler(const ochar *a, int la, const ochar *b, int lb)
{
	bool		stack_a[OFAC_STACK_LEN];
	bool		stack_b[OFAC_STACK_LEN];
	bool	   *ma;
	bool	   *mb;
	int			window;
	int			m = 0;
	int			t = 0;
	int			prefix = 0;
	double		jaro;
	int			i,
				j,
				k;

	if (la == 0 || lb == 0)
		return 0.0;
	ma = la <= OFAC_STACK_LEN ? stack_a : palloc(la * sizeof(bool));
	mb = lb <= OFAC_STACK_LEN ? stack_b : palloc(lb * sizeof(bool));
	memset(ma, 0, la * sizeof(bool));
	memset(mb, 0, lb * sizeof(bool));

	window = Max(Max(la, lb) / 2 - 1, 0);
	for (i = 0; i < la; i++)
	{
		int			lo = Max(0, i - window);
		int			hi = Min(lb - 1, i + window);

		for (j = lo; j <= hi; j++)
		{
			if (!mb[j] && a[i] == b[j])
			{
				ma[i] = mb[j] = true;
				m++;
				break;
			}
		}
	}
	if (m > 0)
	{
		/* half the matched characters that appear in a different order */
		for (i = 0, k = 0; i < la; i++)
		{
			if (!ma[i])
				continue;
			while (!mb[k])
				k++;
			if (a[i] != b[k])
				t++;
			k++;
		}
		t /= 2;
	}
	if (ma != stack_a)
		pfree(ma);
	if (mb != stack_b)
		pfree(mb);
	if (m == 0)
		return 0.0;

	jaro = ((double) m / la + (double) m / lb + (double) (m - t) / m) / 3.0;
	while (prefix < OFAC_JW_MAX_PREFIX && prefix < la && prefix < lb &&
		   a[prefix] == b[prefix])
		prefix++;
	return jaro + prefix * OFAC_JW_PREFIX_SCALE * (1.0 - jaro);
}

/* Levenshtein distance (unit costs) */
static int
ofac_levenshtein(const ochar *a, int la, const ochar *b, int lb)
{
	int			stack[2 * (OFAC_STACK_LEN + 1)];
	int		   *rows;
	int		   *prev;
	int		   *cur;
	int			d;

	rows = lb <= OFAC_STACK_LEN ? stack : palloc(2 * (lb + 1) * sizeof(int));
	prev = rows;
	cur = rows + lb + 1;
	for (int j = 0; j <= lb; j++)
		prev[j] = j;
	for (int i = 1; i <= la; i++)
	{
		int		   *swap;

		cur[0] = i;
		for (int j = 1; j <= lb; j++)
		{
			int			best = prev[j - 1] + (a[i - 1] != b[j - 1]);

			best = Min(best, prev[j] + 1);
			best = Min(best, cur[j - 1] + 1);
			cur[j] = best;
		}
		swap = prev;
		prev = cur;
		cur = swap;
	}
	d = prev[lb];
	if (rows != stack)
		pfree(rows);
	return d;
}

/*
 * Compare part qi entered with part li of the list name.  Returns the part
 * score, or -1 when the two do not match: a match starts with the same
 * letter and is at least 50% similar by edit distance or alike by Soundex.
 * When want_near, *near tells whether the two start with the same letter or
 * are at least 50% similar (the first-letter search of the candidates).
 */
static double
ofac_part_score(const OfacName *q, int qi, const OfacName *l, int li,
				bool want_near, bool *near)
{
	const ochar *a = q->chars + q->pstart[qi];
	const ochar *b = l->chars + l->pstart[li];
	int			la = q->plen[qi];
	int			lb = l->plen[li];
	bool		same_letter = a[0] == b[0];
	bool		same_soundex;
	bool		similar;
	double		s;

	*near = same_letter;
	if (!same_letter && !want_near)
		return -1.0;
	same_soundex = same_letter && q->soundex[qi][0] != '\0' &&
		strcmp(q->soundex[qi], l->soundex[li]) == 0;
	/* at least 50% similar: an edit distance of at most half the longer */
	similar = !same_soundex &&
		2 * ofac_levenshtein(a, la, b, lb) <= Max(la, lb);
	if (!same_letter)
	{
		*near = similar;
		return -1.0;
	}
	if (!same_soundex && !similar)
		return -1.0;
	s = ofac_jaro_winkler(a, la, b, lb);
	if (same_soundex)
		s += OFAC_SOUNDEX_BONUS * (1.0 - s);
	return s;
}

Datum
ofac_score(PG_FUNCTION_ARGS)
{
	text	   *query = PG_GETARG_TEXT_PP(0);
	text	   *listed = PG_GETARG_TEXT_PP(1);
	OfacName	q;
	OfacName	l;
	int			first = -1;
	bool		first_found = false;
	bool		matched = false;
	double		sum = 0.0;
	int			counted = 0;
	double		best;
	int			score = 0;

	ofac_normalize(query, 1, "query name", OFAC_OPAQUE_QUERY, &q);
	ofac_normalize(listed, 2, "list name", OFAC_OPAQUE_LISTED, &l);

	/* parts of 1-2 characters (initials, "AL") count only if all are */
	for (int i = 0; i < q.nparts && first < 0; i++)
		if (q.plen[i] >= OFAC_MIN_PART_LEN)
			first = i;

	/* technique two: each part entered against the list name's parts */
	for (int i = 0; i < q.nparts; i++)
	{
		bool		counts = first < 0 || q.plen[i] >= OFAC_MIN_PART_LEN;
		bool		is_first = i == Max(first, 0);
		double		part_best = 0.0;

		CHECK_FOR_INTERRUPTS();
		for (int j = 0; j < l.nparts; j++)
		{
			bool		near;
			double		s = ofac_part_score(&q, i, &l, j, is_first, &near);

			if (is_first && near)
				first_found = true;
			if (s >= 0.0)
			{
				matched = true;
				part_best = Max(part_best, s);
			}
		}
		if (counts)
		{
			sum += part_best;
			counted++;
		}
	}

	/*
	 * The candidate search: the first part entered must find a part with its
	 * first letter (or one 50% similar), and some part entered must match.
	 * Names it does not find are not shown by the tool: score 0.  (Empty
	 * input has no parts and is never found.)
	 */
	if (first_found && matched)
	{
		/* technique one: the whole name; the higher of the two is reported */
		best = Max(sum / counted,
				   ofac_jaro_winkler(q.whole, q.wlen, l.whole, l.wlen));
		score = Min(Max((int) floor(best * 100.0 + 1e-9), 0), 100);
	}

	ofac_name_free(&q);
	ofac_name_free(&l);
	PG_FREE_IF_COPY(query, 0);
	PG_FREE_IF_COPY(listed, 1);
	PG_RETURN_INT32(score);
}
