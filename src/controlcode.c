/*
 * controlcode.c — input, output and canonical form of screen.controlcode.
 *
 * Grammar (whitespace allowed between tokens, case-insensitive):
 *
 *   code        := [ jurisdiction ':' ] head { '.' component } { '.' }
 *   jurisdiction:= 'US' | 'EU' | 'UK' | 'WA'
 *   head        := digit [A-E] digit digit digit      ECCN / Annex I entry
 *                | 'EAR99'                             US only
 *                | 'ML' number(1..22)                  EU, UK, WA
 *                | 'PL' digit digit digit digit        UK only
 *   component   := letter | number(0..9999) | '*' (last only: range sentinel)
 *
 * Without a prefix the jurisdiction is pg_screen.default_jurisdiction.  The
 * canonical output always carries the prefix, upper-case head, lower-case
 * letters, numbers without leading zeros and no trailing dots, so the output
 * reads back to the same value whatever the GUC says.
 */
#include "pg_screen.h"

#include <ctype.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "controlcode.h"

PG_FUNCTION_INFO_V1(controlcode_in);
PG_FUNCTION_INFO_V1(controlcode_out);
PG_FUNCTION_INFO_V1(controlcode_recv);
PG_FUNCTION_INFO_V1(controlcode_send);

static const char *const jur_names[] = {NULL, "US", "EU", "UK", "WA"};

const char *
cc_jurisdiction_name(int jur)
{
	if (jur < CC_JUR_US || jur > CC_JUR_WA)
		elog(ERROR, "invalid controlcode jurisdiction %d", jur);
	return jur_names[jur];
}

/* which heads each jurisdiction's lists use */
static bool
jur_accepts(int jur, int kind)
{
	switch (kind)
	{
		case CC_KIND_ECCN:
			return true;
		case CC_KIND_EAR99:
			return jur == CC_JUR_US;
		case CC_KIND_ML:
			return jur != CC_JUR_US;
		case CC_KIND_PL:
			return jur == CC_JUR_UK;
	}
	return false;
}

static const char *
kind_label(int kind)
{
	switch (kind)
	{
		case CC_KIND_ECCN:
			return "an ECCN-style entry";
		case CC_KIND_EAR99:
			return "EAR99";
		case CC_KIND_ML:
			return "a Munitions List entry";
		case CC_KIND_PL:
			return "a UK national (PL) code";
	}
	return "?";
}

/* parser state: the input and a cursor; positions in messages are 1-based */
typedef struct CcScan
{
	const char *str;
	const char *p;
} CcScan;

static void
skip_ws(CcScan *s)
{
	while (*s->p && isspace((unsigned char) *s->p))
		s->p++;
}

static void cc_syntax_error(CcScan *s, const char *expected) pg_attribute_noreturn();

static void
cc_syntax_error(CcScan *s, const char *expected)
{
	int			pos = (int) (s->p - s->str) + 1;

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid control code \"%s\"", s->str),
			 errdetail("At character %d: expected %s, found %s.", pos, expected,
					   *s->p ? psprintf("\"%c\"", *s->p) : "end of input"),
			 errhint("Examples of valid codes: 3A001.a.1.b, US:EAR99, EU:1C350.1, WA:ML8.a.1, UK:PL5001.")));
}

/* read 1..maxdigits decimal digits; returns the value */
static int
scan_number(CcScan *s, int maxdigits, const char *expected)
{
	int			n = 0,
				k = 0;

	if (!isdigit((unsigned char) *s->p))
		cc_syntax_error(s, expected);
	while (isdigit((unsigned char) *s->p))
	{
		if (++k > maxdigits)
			cc_syntax_error(s, psprintf("at most %d digits", maxdigits));
		n = n * 10 + (*s->p - '0');
		s->p++;
	}
	return n;
}

void
cc_parse(const char *str, ControlCode *out, bool allow_default)
{
	CcScan		s = {str, str};
	int			jur = 0;
	const char *headstart;

	memset(out, 0, sizeof(ControlCode));
	skip_ws(&s);

	/* optional jurisdiction prefix: two letters then ':' */
	if (isalpha((unsigned char) s.p[0]) && isalpha((unsigned char) s.p[1]))
	{
		const char *q = s.p + 2;

		while (*q && isspace((unsigned char) *q))
			q++;
		if (*q == ':')
		{
			char		j0 = toupper((unsigned char) s.p[0]),
						j1 = toupper((unsigned char) s.p[1]);

			for (int i = CC_JUR_US; i <= CC_JUR_WA; i++)
				if (jur_names[i][0] == j0 && jur_names[i][1] == j1)
					jur = i;
			if (jur == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("unknown control code jurisdiction \"%c%c\" in \"%s\"",
								j0, j1, str),
						 errdetail("At character %d: expected one of US, EU, UK, WA.",
								   (int) (s.p - s.str) + 1)));
			s.p = q + 1;
			skip_ws(&s);
		}
	}
	if (jur == 0)
	{
		if (!allow_default)
			cc_syntax_error(&s, "a jurisdiction prefix (US:, EU:, UK: or WA:)");
		jur = pg_screen_default_jurisdiction;
	}

	/* head */
	headstart = s.p;
	if (pg_strncasecmp(s.p, "EAR99", 5) == 0)
	{
		out->kind = CC_KIND_EAR99;
		s.p += 5;
	}
	else if (pg_strncasecmp(s.p, "ML", 2) == 0)
	{
		out->kind = CC_KIND_ML;
		s.p += 2;
		skip_ws(&s);
		out->number = scan_number(&s, 2, "a Munitions List number 1 to 22");
		if (out->number < 1 || out->number > 22)
		{
			s.p = headstart;
			cc_syntax_error(&s, "a Munitions List entry ML1 to ML22");
		}
	}
	else if (pg_strncasecmp(s.p, "PL", 2) == 0)
	{
		const char *numstart;

		out->kind = CC_KIND_PL;
		s.p += 2;
		skip_ws(&s);
		numstart = s.p;
		out->number = scan_number(&s, 4, "four digits after PL");
		if (s.p - numstart != 4)
			cc_syntax_error(&s, "four digits after PL");
	}
	else if (isdigit((unsigned char) s.p[0]))
	{
		char		g;

		out->kind = CC_KIND_ECCN;
		out->category = s.p[0];
		s.p++;
		g = toupper((unsigned char) *s.p);
		if (g == 'Y')
			cc_syntax_error(&s, "a product group letter A to E (\"Y\" in \"0Y521 series\" "
							"stands for any product group: write a member such as 0A521)");
		if (g < 'A' || g > 'E')
			cc_syntax_error(&s, "a product group letter A to E");
		out->group = g;
		s.p++;
		for (int i = 0; i < 3; i++)
		{
			if (!isdigit((unsigned char) *s.p))
				cc_syntax_error(&s, "a three-digit entry number");
			out->number = out->number * 10 + (*s.p - '0');
			s.p++;
		}
		if (isdigit((unsigned char) *s.p))
			cc_syntax_error(&s, "\".\" after the three-digit entry number");
	}
	else
		cc_syntax_error(&s, "an ECCN such as 3A001, EAR99, ML1..ML22 or PL followed by four digits");

	if (!jur_accepts(jur, out->kind))
	{
		s.p = headstart;
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid control code \"%s\"", str),
				 errdetail("At character %d: %s is not a code of jurisdiction %s.",
						   (int) (headstart - str) + 1, kind_label(out->kind),
						   jur_names[jur]),
				 errhint("EAR99 is US only; ML codes are EU, UK or WA; PL codes are UK only. "
						 "Write the jurisdiction prefix (e.g. WA:ML8) or set pg_screen.default_jurisdiction.")));
	}
	out->jur = jur;

	/* paragraphs */
	skip_ws(&s);
	while (*s.p == '.')
	{
		s.p++;
		skip_ws(&s);
		/* trailing dots (and spaces) are dropped */
		if (*s.p == '\0' || *s.p == '.')
		{
			while (*s.p == '.' || isspace((unsigned char) *s.p))
				s.p++;
			if (*s.p != '\0')
				cc_syntax_error(&s, "a paragraph letter or number");
			break;
		}
		if (out->kind == CC_KIND_EAR99)
			cc_syntax_error(&s, "end of input (EAR99 has no paragraphs)");
		if (out->ncomp >= CC_MAX_COMPONENTS)
			cc_syntax_error(&s, psprintf("end of input (at most %d paragraph levels)", CC_MAX_COMPONENTS));
		if (isalpha((unsigned char) *s.p))
		{
			out->comp[out->ncomp++] = CC_COMP_LETTER(tolower((unsigned char) *s.p));
			s.p++;
			if (isalnum((unsigned char) *s.p))
				cc_syntax_error(&s, "\".\" (a paragraph letter is a single letter)");
		}
		else if (isdigit((unsigned char) *s.p))
		{
			out->comp[out->ncomp++] = scan_number(&s, 4, "a paragraph number");
			if (isalpha((unsigned char) *s.p))
				cc_syntax_error(&s, "\".\" between a paragraph number and a letter");
		}
		else if (*s.p == '*')
		{
			out->comp[out->ncomp++] = CC_COMP_SENTINEL;
			s.p++;
			skip_ws(&s);
			if (*s.p != '\0')
				cc_syntax_error(&s, "end of input after the range sentinel \"*\"");
			break;
		}
		else
			cc_syntax_error(&s, "a paragraph letter or number");
		skip_ws(&s);
	}
	if (*s.p != '\0')
		cc_syntax_error(&s, "\".\" or end of input");
}

char *
cc_to_cstring(const ControlCode *cc)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s:", cc_jurisdiction_name(cc->jur));
	switch (cc->kind)
	{
		case CC_KIND_ECCN:
			appendStringInfo(&buf, "%c%c%03d", cc->category, cc->group, cc->number);
			break;
		case CC_KIND_ML:
			appendStringInfo(&buf, "ML%d", cc->number);
			break;
		case CC_KIND_PL:
			appendStringInfo(&buf, "PL%04d", cc->number);
			break;
		case CC_KIND_EAR99:
			appendStringInfoString(&buf, "EAR99");
			break;
		default:
			elog(ERROR, "invalid controlcode kind %d", cc->kind);
	}
	for (int i = 0; i < cc->ncomp; i++)
	{
		int16		c = cc->comp[i];

		if (c == CC_COMP_SENTINEL)
			appendStringInfoString(&buf, ".*");
		else if (c >= CC_COMP_LETTER('a'))
			appendStringInfo(&buf, ".%c", (char) ('a' + (c - CC_COMP_LETTER('a'))));
		else
			appendStringInfo(&buf, ".%d", c);
	}
	return buf.data;
}

Datum
controlcode_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	ControlCode *cc = palloc(sizeof(ControlCode));

	cc_parse(str, cc, true);
	PG_RETURN_CONTROLCODE_P(cc);
}

Datum
controlcode_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(cc_to_cstring(PG_GETARG_CONTROLCODE_P(0)));
}

/* binary form is the canonical text, which always carries its prefix */
Datum
controlcode_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	char	   *str = pq_getmsgtext(buf, buf->len - buf->cursor, NULL);
	ControlCode *cc = palloc(sizeof(ControlCode));

	cc_parse(str, cc, false);
	PG_RETURN_CONTROLCODE_P(cc);
}

Datum
controlcode_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	char	   *str = cc_to_cstring(PG_GETARG_CONTROLCODE_P(0));

	pq_begintypsend(&buf);
	pq_sendtext(&buf, str, strlen(str));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
