/*
 * normalize.c — text layer: any script to comparable lower-case Latin words.
 *
 * A name arrives in the database encoding.  It is converted to UTF-8 (and
 * rejected with a clear error when it is not valid), then:
 *   - pure ASCII input takes a fast path (lower-casing only);
 *   - otherwise it is split into whitespace-separated words, each word is
 *     tagged with the script family it is written in, and run through one
 *     ICU transliterator (opened once per backend and reused) that does
 *     NFKC, lower-casing, removal of Arabic harakat, a BGN/PCGN-style
 *     romanisation of Cyrillic (zh, kh, ts, ch, sh, shch, including the
 *     Ukrainian, Belarusian, Kazakh and Mongolian letters), modern Greek
 *     (UNGEGN), then ICU's Any-Latin (Arabic, Persian, Hebrew, Armenian,
 *     Georgian, Han to pinyin, kana, Hangul, Indic, ...) and Latin-ASCII.
 *     Hangul syllables are spaced apart first so that each syllable of a
 *     Korean name becomes its own word, as Han characters do.
 *
 * The result is a palloc'd NUL-terminated string plus a parallel array that
 * gives, for every output byte, the script family of the word it came from
 * (PGS_SCRIPT_*): the scorer treats abjad words (vowels not written) and
 * syllabic words (each syllable a separate name element) differently.
 */
#include "pg_screen.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "name.h"

/* The transliteration rules.  Lower-casing first keeps the rule set small. */
static const char *translit_rules =
":: NFKC ;\n"
":: Lower ;\n"
"[\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06ED] > ;\n"
"ж > zh ; х > kh ; ц > ts ; ч > ch ; ш > sh ; щ > shch ; ю > yu ; я > ya ;\n"
"й > y ; ы > y ; э > e ; ъ > ; ь > ; ё > e ; є > ye ; ї > yi ; і > i ;\n"
"ґ > g ; ў > u ; ү > u ; ұ > u ; ө > o ; қ > k ; ғ > gh ; ң > ng ; һ > h ; ә > a ;\n"
":: Greek-Latin/UNGEGN ;\n"
":: Any-Latin ;\n"
":: Latin-ASCII ;\n"
":: Lower ;\n";

static UTransliterator *translit = NULL;

/* open the transliterator; NULL (status and perr set) when ICU cannot */
static UTransliterator *
open_transliterator(UErrorCode *status, UParseError *perr)
{
	UChar		rules[2048];
	UChar		id[32];
	int32		rlen;

	u_strFromUTF8(rules, lengthof(rules), &rlen, translit_rules, -1, status);
	if (U_FAILURE(*status))
		return NULL;
	return utrans_openU(u_uastrcpy(id, "pg_screen-Latin"), -1, UTRANS_FORWARD,
						rules, rlen, perr, status);
}

static UTransliterator *
get_transliterator(void)
{
	if (translit == NULL)
	{
		UErrorCode	status = U_ZERO_ERROR;
		UParseError perr = {0};

		translit = open_transliterator(&status, &perr);
		if (U_FAILURE(status) || translit == NULL)
		{
			translit = NULL;
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("could not open the ICU transliterator: %s", u_errorName(status)),
					 errdetail("Rule parse error at line %d, offset %d.", perr.line, perr.offset),
					 errhint("pg_screen needs ICU with its transliteration data (libicu).")));
		}
	}
	return translit;
}

/*
 * A word in each script ICU's Any-Latin hands to a transliterator of its
 * own, which it builds on the first word of that script a process meets:
 * Han-Latin alone takes 0.1 s, the others about 1 ms each.
 */
static const char *const preload_words[] = {
	"王小明", "ひらがな", "カタカナ", "옥자", "محمد", "עברית", "ܐܪܡܝܐ", "ދިވެހި",
	"राजेश", "বাংলা", "ਪੰਜਾਬੀ", "ગુજરાતી", "ଓଡ଼ିଆ", "தமிழ்", "తెలుగు", "ಕನ್ನಡ",
	"മലയാളം", "සිංහල", "ภาษาไทย", "ລາວ", "ქართული", "Հայերեն", "Ελληνικά",
	"Владимир", "አማርኛ", "ᏣᎳᎩ", "ᐃᓄᒃᑎᑐᑦ",
};

/*
 * pgs_normalize_preload — with pg_screen in shared_preload_libraries, the
 * postmaster builds the transliterator and the per-script ones Any-Latin
 * builds on demand, so that every backend and parallel worker it starts
 * has them already (about 0.12 s each otherwise).  Never raises an error:
 * a failure is logged, and each backend then tries (and reports) itself.
 */
void
pgs_normalize_preload(void)
{
	UErrorCode	status = U_ZERO_ERROR;
	UParseError perr = {0};
	int			i;

	if (translit != NULL)
		return;
	translit = open_transliterator(&status, &perr);
	if (U_FAILURE(status) || translit == NULL)
	{
		translit = NULL;
		elog(LOG, "pg_screen: could not open the ICU transliterator at preload: %s",
			 u_errorName(status));
		return;
	}
	for (i = 0; i < lengthof(preload_words); i++)
	{
		UChar		buf[256];
		int32		len,
					limit;

		status = U_ZERO_ERROR;
		u_strFromUTF8(buf, 64, &len, preload_words[i], -1, &status);
		limit = len;
		if (U_SUCCESS(status))
			utrans_transUChars(translit, buf, &len, lengthof(buf), 0, &limit, &status);
		if (U_FAILURE(status))
			elog(LOG, "pg_screen: could not transliterate \"%s\" at preload: %s",
				 preload_words[i], u_errorName(status));
	}
}

/* script family of one code point */
static uint8
script_family(UChar32 c)
{
	UErrorCode	status = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &status);

	switch (sc)
	{
		case USCRIPT_ARABIC:
		case USCRIPT_HEBREW:
		case USCRIPT_SYRIAC:
		case USCRIPT_THAANA:
			return PGS_SCRIPT_ABJAD;
		case USCRIPT_HAN:
		case USCRIPT_HANGUL:
		case USCRIPT_HIRAGANA:
		case USCRIPT_KATAKANA:
			return PGS_SCRIPT_SYLLABIC;
		default:
			return PGS_SCRIPT_LATIN;
	}
}

static inline bool
is_hangul_syllable(UChar c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

/*
 * Convert the input (database encoding) to validated UTF-8.
 */
static char *
to_utf8(const char *s, int len, int *outlen)
{
	char	   *u = (char *) s;
	int			valid;

	/* SQL_ASCII: bytes are taken as UTF-8 and checked below */
	if (GetDatabaseEncoding() != PG_UTF8 && GetDatabaseEncoding() != PG_SQL_ASCII)
		u = (char *) pg_server_to_any(s, len, PG_UTF8);
	if (u != s)
		len = strlen(u);
	valid = pg_encoding_verifymbstr(PG_UTF8, u, len);
	if (valid < len)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("invalid UTF-8 in name at byte %d", valid + 1),
				 errdetail("The byte sequence starting with 0x%02x is not valid UTF-8.",
						   (unsigned char) u[valid]),
				 errhint("Convert the text to the database encoding first, e.g. with convert_from(bytes, 'LATIN1').")));
	*outlen = len;
	return u;
}

/*
 * pgs_normalize — see the file header.  *scripts receives a palloc'd array of
 * the same length as the returned string.
 */
char *
pgs_normalize(const char *s, int len, uint8 **scripts, int *outlen)
{
	char	   *u;
	int			ulen;
	bool		ascii = true;
	char	   *out;
	uint8	   *scr;
	int			i;

	u = to_utf8(s, len, &ulen);
	for (i = 0; i < ulen; i++)
		if ((unsigned char) u[i] >= 0x80)
		{
			ascii = false;
			break;
		}

	if (ascii)
	{
		out = palloc(ulen + 1);
		for (i = 0; i < ulen; i++)
			out[i] = pg_ascii_tolower(u[i]);
		out[ulen] = '\0';
		scr = palloc0(ulen + 1);
		*scripts = scr;
		*outlen = ulen;
		return out;
	}
	else
	{
		UErrorCode	status = U_ZERO_ERROR;
		int32		n16;
		UChar	   *w16;
		UChar	   *buf;
		int32		bufcap;
		StringInfoData res;
		StringInfoData sres;
		int32		pos = 0;
		UTransliterator *tr = get_transliterator();

		/* UTF-8 -> UTF-16 */
		w16 = palloc((ulen + 1) * sizeof(UChar));
		u_strFromUTF8(w16, ulen + 1, &n16, u, ulen, &status);
		if (U_FAILURE(status))
			elog(ERROR, "could not convert name to UTF-16: %s", u_errorName(status));

		initStringInfo(&res);
		initStringInfo(&sres);
		bufcap = 64;
		buf = palloc(bufcap * sizeof(UChar));

		while (pos < n16)
		{
			int32		start,
						end,
						wlen,
						limit,
						textlen,
						k,
						u8len;
			uint8		fam = PGS_SCRIPT_LATIN;
			bool		famset = false;

			CHECK_FOR_INTERRUPTS();
			/* skip white space */
			while (pos < n16 && (u_isUWhiteSpace(w16[pos]) || w16[pos] == 0x3000))
				pos++;
			if (pos >= n16)
				break;
			start = pos;
			while (pos < n16 && !(u_isUWhiteSpace(w16[pos]) || w16[pos] == 0x3000))
				pos++;
			end = pos;

			/* copy the word, spacing Hangul syllables apart; find its script */
			wlen = end - start;
			if (bufcap < wlen * 2 + 16)
			{
				bufcap = wlen * 2 + 16;
				buf = repalloc(buf, bufcap * sizeof(UChar));
			}
			textlen = 0;
			for (k = start; k < end; k++)
			{
				UChar32		c = w16[k];

				if (!famset && U16_IS_LEAD(c) && k + 1 < end)
					c = U16_GET_SUPPLEMENTARY(c, w16[k + 1]);
				if (!famset && u_isalpha(c))
				{
					fam = script_family(c);
					famset = true;
				}
				if (is_hangul_syllable(w16[k]) && textlen > 0 &&
					is_hangul_syllable(buf[textlen - 1]))
					buf[textlen++] = ' ';
				buf[textlen++] = w16[k];
			}

			/* transliterate in place, growing the buffer when needed */
			for (;;)
			{
				int32		tl = textlen;

				/* work on a copy so that a retry starts from the original */
				UChar	   *work = palloc(bufcap * 4 * sizeof(UChar));

				memcpy(work, buf, textlen * sizeof(UChar));
				limit = tl;
				status = U_ZERO_ERROR;
				utrans_transUChars(tr, work, &tl, bufcap * 4, 0, &limit, &status);
				if (status == U_BUFFER_OVERFLOW_ERROR)
				{
					pfree(work);
					bufcap *= 2;
					buf = repalloc(buf, bufcap * sizeof(UChar));
					continue;
				}
				if (U_FAILURE(status))
					elog(ERROR, "transliteration failed: %s", u_errorName(status));

				/* UTF-16 -> UTF-8 */
				status = U_ZERO_ERROR;
				u_strToUTF8(NULL, 0, &u8len, work, tl, &status);
				status = U_ZERO_ERROR;
				if (res.len > 0)
				{
					appendStringInfoChar(&res, ' ');
					appendStringInfoChar(&sres, (char) fam);
				}
				enlargeStringInfo(&res, u8len + 1);
				u_strToUTF8(res.data + res.len, u8len + 1, NULL, work, tl, &status);
				if (U_FAILURE(status))
					elog(ERROR, "could not convert transliterated name: %s", u_errorName(status));
				res.len += u8len;
				res.data[res.len] = '\0';
				enlargeStringInfo(&sres, u8len + 1);
				memset(sres.data + sres.len, fam, u8len);
				sres.len += u8len;
				pfree(work);
				break;
			}
		}
		pfree(buf);
		pfree(w16);
		if (u != s)
			pfree(u);
		*scripts = (uint8 *) sres.data;
		*outlen = res.len;
		return res.data;
	}
}
