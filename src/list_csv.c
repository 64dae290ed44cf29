/*
 * list_csv.c — delimited-text tokenizer and input decoding for the list loaders.
 *
 * The loaders (src/sql/2x_lists_*.sql) take whole files as text.  Splitting
 * a 2 MB CSV into records in PL/pgSQL is slow and loses track of line
 * numbers, so this file does it in C and hands back (line, fields[]) rows;
 * the SQL side maps fields to columns and reports errors by field name.
 *
 *   screen._csv_records(content text, file text, delimiter text,
 *                       null_token text) RETURNS TABLE(line int, fields text[])
 *   screen.list_file_text(data bytea, encoding text, file text) RETURNS text
 *   screen._check_encoding(content text, file text) RETURNS void
 *
 * Every error names the file and the (1-based) physical line where the
 * offending record starts, and carries a hint about the usual cause
 * (truncated download, wrong delimiter, wrong encoding).
 */
#include "pg_screen.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(screen_csv_records);
PG_FUNCTION_INFO_V1(screen_list_file_text);
PG_FUNCTION_INFO_V1(screen_check_encoding);

/* file label used in messages */
static const char *
file_label(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() > argno && !PG_ARGISNULL(argno))
		return text_to_cstring(PG_GETARG_TEXT_PP(argno));
	return "(input)";
}

/*
 * Text that went through the wrong decoding on its way in shows tell-tale
 * sequences: UTF-8 that was read as Latin-1 and encoded again ("Ã©" for "é",
 * bytes C3 83/82 C2 xx), or U+FFFD where a lossy conversion replaced bytes it
 * could not decode.  Double encoding is always an error.  U+FFFD also occurs
 * in official files (the UN XML of 2026-02-27 has one in an Arabic name), so
 * it is an error only when it is frequent (more than 1 line in 20), and a
 * WARNING naming the first line otherwise.
 */
static void
check_mojibake(const char *p, const char *end, const char *file)
{
	int			line = 1;
	int			fffd_lines = 0;
	int			fffd_first = 0;
	int			fffd_last = 0;

	for (; p < end; p++)
	{
		unsigned char c = (unsigned char) *p;

		if (c == '\n')
			line++;
		else if (c == 0xEF && end - p >= 3 &&
				 (unsigned char) p[1] == 0xBF && (unsigned char) p[2] == 0xBD)
		{
			if (fffd_last != line)
				fffd_lines++;
			if (fffd_first == 0)
				fffd_first = line;
			fffd_last = line;
		}
		else if (c == 0xC3 && end - p >= 4 &&
				 ((unsigned char) p[1] == 0x82 || (unsigned char) p[1] == 0x83) &&
				 (unsigned char) p[2] == 0xC2 &&
				 (unsigned char) p[3] >= 0x80 && (unsigned char) p[3] <= 0xBF)
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("%s line %d: text looks doubly encoded (UTF-8 read as Latin-1)", file, line),
					 errdetail("Found the byte sequence C3 %02X C2 %02X.",
							   (unsigned char) p[1], (unsigned char) p[3]),
					 errhint("The file is already UTF-8: do not convert it with iconv -f latin1.")));
	}
	if (fffd_lines > 0 && fffd_lines * 20 > line)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("%s line %d: replacement character U+FFFD in input", file, fffd_first),
				 errdetail("%d of %d lines contain U+FFFD: the file was decoded with the wrong encoding before it reached the loader.",
						   fffd_lines, line),
				 errhint("Pass the original bytes: OFAC legacy CSV files are Latin-1 (iconv -f latin1 -t utf8), the XML lists are UTF-8.")));
	if (fffd_lines > 0)
		ereport(WARNING,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("%s line %d: replacement character U+FFFD in input (%d line%s)",
						file, fffd_first, fffd_lines, fffd_lines == 1 ? "" : "s"),
				 errdetail("The file itself contains undecodable characters; names on these lines may be incomplete.")));
}

/*
 * screen._csv_records(content, file, delimiter, null_token)
 *
 * RFC 4180 records: fields separated by a one-character delimiter, optionally
 * enclosed in double quotes ("" is a quote inside a quoted field, quoted
 * fields may span lines).  Unquoted fields are trimmed of spaces; an unquoted
 * empty field or one equal to null_token (after trimming) is NULL, a quoted
 * empty field is ''.  A UTF-8 BOM at the start, and trailing DOS end-of-file
 * (0x1A) and newlines at the end, are ignored.  Blank lines are skipped.
 */
Datum
screen_csv_records(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *content;
	const char *file;
	char		delim = ',';
	char	   *null_token = NULL;
	const char *p;
	const char *end;
	int			line = 1;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	content = PG_GETARG_TEXT_PP(0);
	file = file_label(fcinfo, 1);
	if (!PG_ARGISNULL(2))
	{
		char	   *d = text_to_cstring(PG_GETARG_TEXT_PP(2));

		if (strlen(d) != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("delimiter must be a single one-byte character, not \"%s\"", d)));
		delim = d[0];
	}
	if (!PG_ARGISNULL(3))
		null_token = text_to_cstring(PG_GETARG_TEXT_PP(3));

	InitMaterializedSRF(fcinfo, 0);

	p = VARDATA_ANY(content);
	end = p + VARSIZE_ANY_EXHDR(content);
	if (end - p >= 3 && (unsigned char) p[0] == 0xEF &&
		(unsigned char) p[1] == 0xBB && (unsigned char) p[2] == 0xBF)
		p += 3;
	while (end > p && (end[-1] == 0x1A || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	check_mojibake(p, end, file);

	initStringInfo(&buf);
	while (p < end)
	{
		int			rec_line = line;
		int			nfields = 0;
		int			cap = 16;
		Datum	   *values = palloc(sizeof(Datum) * cap);
		bool	   *nulls = palloc(sizeof(bool) * cap);
		bool		done = false;

		CHECK_FOR_INTERRUPTS();
		while (!done)
		{
			bool		quoted = false;
			bool		isnull = false;

			resetStringInfo(&buf);
			while (p < end && *p == ' ' && delim != ' ')
				p++;
			if (p < end && *p == '"')
			{
				int			qline = line;

				quoted = true;
				p++;
				for (;;)
				{
					if (p >= end)
						ereport(ERROR,
								(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
								 errmsg("%s line %d, field %d: unterminated quoted field at end of input",
										file, qline, nfields + 1),
								 errdetail("The record starting on line %d has an opening quote without a closing one.", rec_line),
								 errhint("The file looks truncated: download it again and compare its size or checksum.")));
					if (*p == '"')
					{
						if (p + 1 < end && p[1] == '"')
						{
							appendStringInfoChar(&buf, '"');
							p += 2;
							continue;
						}
						p++;
						break;
					}
					if (*p == '\n')
						line++;
					appendStringInfoChar(&buf, *p);
					p++;
				}
				while (p < end && *p == ' ' && delim != ' ')
					p++;
				if (p < end && *p != delim && *p != '\r' && *p != '\n')
					ereport(ERROR,
							(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
							 errmsg("%s line %d, field %d: unexpected character \"%c\" after a quoted field",
									file, line, nfields + 1, *p),
							 errdetail("Fields are expected to be separated by \"%s\".",
									   delim == '\t' ? "\\t" : psprintf("%c", delim)),
							 errhint("Check the delimiter: the file may use a different separator than this loader expects.")));
			}
			else
			{
				const char *s = p;
				const char *e;

				while (p < end && *p != delim && *p != '\n' && *p != '\r')
					p++;
				e = p;
				while (e > s && e[-1] == ' ')
					e--;
				appendBinaryStringInfo(&buf, s, e - s);
				if (buf.len == 0 ||
					(null_token != NULL && strcmp(buf.data, null_token) == 0))
					isnull = true;
			}

			if (nfields == cap)
			{
				cap *= 2;
				values = repalloc(values, sizeof(Datum) * cap);
				nulls = repalloc(nulls, sizeof(bool) * cap);
			}
			nulls[nfields] = isnull && !quoted;
			values[nfields] = nulls[nfields] ? (Datum) 0 :
				PointerGetDatum(cstring_to_text_with_len(buf.data, buf.len));
			nfields++;

			if (p >= end)
				done = true;
			else if (*p == delim)
				p++;
			else
			{
				/* end of record: \n or \r\n (or a lone \r) */
				if (*p == '\r')
					p++;
				if (p < end && *p == '\n')
					p++;
				line++;
				done = true;
			}
		}

		/* skip blank lines */
		if (!(nfields == 1 && nulls[0]))
		{
			Datum		out[2];
			bool		outnull[2] = {false, false};
			int			dims[1] = {nfields};
			int			lbs[1] = {1};

			out[0] = Int32GetDatum(rec_line);
			out[1] = PointerGetDatum(construct_md_array(values, nulls, 1, dims, lbs,
														TEXTOID, -1, false, TYPALIGN_INT));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, outnull);
		}
		pfree(values);
		pfree(nulls);
	}
	return (Datum) 0;
}

/*
 * screen.list_file_text(data bytea, encoding text, file text) RETURNS text
 *
 * Decode a list file's raw bytes (e.g. from pg_read_binary_file) from the
 * given encoding, reporting the line and byte of the first invalid sequence
 * instead of PostgreSQL's bare "invalid byte sequence".
 */
Datum
screen_list_file_text(PG_FUNCTION_ARGS)
{
	bytea	   *data;
	char	   *encname;
	const char *file = file_label(fcinfo, 2);
	const char *s;
	int			len;
	int			enc;
	int			line = 1;
	int			col = 1;
	int			i = 0;
	char	   *converted;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	data = PG_GETARG_BYTEA_PP(0);
	encname = PG_ARGISNULL(1) ? "UTF8" : text_to_cstring(PG_GETARG_TEXT_PP(1));
	s = VARDATA_ANY(data);
	len = VARSIZE_ANY_EXHDR(data);
	enc = pg_char_to_encoding(encname);

	if (enc < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown encoding \"%s\"", encname),
				 errhint("Use an encoding name PostgreSQL knows, such as UTF8 or LATIN1.")));

	while (i < len)
	{
		int			l;

		CHECK_FOR_INTERRUPTS();
		if (s[i] == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("%s line %d, byte %d: NUL byte in input", file, line, col),
					 errhint("This is not a text file, or it is UTF-16: convert it to UTF-8 first.")));
		if (s[i] == '\n')
		{
			line++;
			col = 1;
			i++;
			continue;
		}
		l = pg_encoding_verifymbchar(enc, s + i, len - i);
		if (l < 0)
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("%s line %d, byte %d: invalid byte sequence for encoding \"%s\": 0x%02x",
							file, line, col, pg_encoding_to_char(enc), (unsigned char) s[i]),
					 errhint(enc == PG_UTF8 ?
							 "The file is not UTF-8. OFAC legacy CSV files are Latin-1: pass encoding => 'LATIN1' or convert with iconv -f latin1 -t utf8." :
							 "The file is not in the encoding given: check the encoding argument.")));
		i += l;
		col += l;
	}
	converted = pg_any_to_server(s, len, enc);
	if (converted == s)			/* no conversion: not NUL-terminated */
		PG_RETURN_TEXT_P(cstring_to_text_with_len(s, len));
	PG_RETURN_TEXT_P(cstring_to_text(converted));
}

/*
 * screen._check_encoding(content text, file text) RETURNS void
 *
 * The mojibake check of _csv_records, for loaders that do not tokenize CSV
 * (the XML lists).
 */
Datum
screen_check_encoding(PG_FUNCTION_ARGS)
{
	text	   *content;

	if (PG_ARGISNULL(0))
		PG_RETURN_VOID();
	content = PG_GETARG_TEXT_PP(0);
	check_mojibake(VARDATA_ANY(content), VARDATA_ANY(content) + VARSIZE_ANY_EXHDR(content),
				   file_label(fcinfo, 1));
	PG_RETURN_VOID();
}
