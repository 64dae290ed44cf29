/*
 * phonetic.c — a consonant-skeleton phonetic key for name tokens.
 *
 * Transliterations of one name differ mostly in vowels and in how a sound
 * is spelled (v/w, ph/f, k/q/c, s/z/x, j/zh/dzh, kh/h, th/t/d).  The key
 * keeps a marker for a leading vowel, then the consonant classes, with
 * vowels (and y, w inside a word) dropped and repeats collapsed:
 *
 *   muhammad, mohamed, mhmd (Arabic script)  -> MHMT
 *   volodymyr, wolodymyr                     -> FLTMR
 *   ahmadinejad, ahmadinezhad                -> AHMTNJT
 *
 * It is used by the scorer (for words written without vowels, and as a
 * floor on the similarity of two spellings of one sound) and can serve as an
 * index key.  At most PGS_PHON_LEN characters, NUL-padded.
 */
#include "pg_screen.h"

#include "name.h"

static inline bool
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

void
pgs_phonetic(const char *tok, int len, uint8 script, char *out)
{
	int			i = 0,
				o = 0;
	char		last = 0;

	memset(out, 0, PGS_PHON_LEN);
	if (len <= 0)
		return;

	while (i < len && o < PGS_PHON_LEN)
	{
		char		c = tok[i];
		char		n1 = (i + 1 < len) ? tok[i + 1] : 0;
		char		n2 = (i + 2 < len) ? tok[i + 2] : 0;
		char		k = 0;
		int			adv = 1;

		if ((unsigned char) c >= 0x80 || (c >= '0' && c <= '9'))
		{
			i++;
			continue;
		}
		if (is_vowel(c) || (c == 'w' && i > 0 && (is_vowel(tok[i - 1]) || n1 == 0)))
		{
			if (i == 0)
				k = 'A';
			else
			{
				last = 0;		/* a vowel separates repeated consonants */
				i++;
				continue;
			}
		}
		else
			switch (c)
			{
				case 'b':
				case 'p':
					k = (c == 'p' && n1 == 'h') ? 'F' : 'B';
					adv = (c == 'p' && n1 == 'h') ? 2 : 1;
					break;
				case 'f':
				case 'v':
				case 'w':
					k = 'F';
					break;
				case 'c':
					if (n1 == 'h')
					{
						k = 'J';
						adv = 2;
					}
					else if (n1 == 'k')
					{
						k = 'K';
						adv = 2;
					}
					else if (n1 == 'e' || n1 == 'i' || n1 == 'y')
						k = 'S';
					else
						k = 'K';
					break;
				case 'k':
					if (n1 == 'h')
					{
						k = 'H';
						adv = 2;
					}
					else
						k = 'K';
					break;
				case 'g':
					if (n1 == 'h')
						adv = 2;
					k = 'K';
					break;
				case 'q':
					k = 'K';
					break;
				case 'x':
					k = 'S';
					break;
				case 's':
					if (n1 == 'c' && n2 == 'h')
					{
						k = 'S';
						adv = 3;
					}
					else if (n1 == 'h')
					{
						k = 'S';
						adv = 2;
					}
					else
						k = 'S';
					break;
				case 'z':
					if (n1 == 'h')
					{
						k = 'J';
						adv = 2;
					}
					else
						k = 'S';
					break;
				case 'j':
					/* a j after a vowel at the end of a word is a vowel (-yj, -ij) */
					if (n1 == 0 && i > 0 && is_vowel(tok[i - 1]))
					{
						i++;
						continue;
					}
					k = 'J';
					break;
				case 'd':
					if (n1 == 'z' && n2 == 'h')
					{
						k = 'J';
						adv = 3;
					}
					else if (n1 == 'j')
					{
						k = 'J';
						adv = 2;
					}
					else
					{
						k = 'T';
						adv = (n1 == 'h') ? 2 : 1;
					}
					break;
				case 't':
					if (n1 == 's' || n1 == 'z')
					{
						k = 'S';
						adv = 2;
					}
					else if (n1 == 'c' && n2 == 'h')
					{
						k = 'J';
						adv = 3;
					}
					else
					{
						k = 'T';
						adv = (n1 == 'h') ? 2 : 1;
					}
					break;
				case 'h':
					k = 'H';
					break;
				case 'l':
					k = 'L';
					break;
				case 'm':
					k = 'M';
					break;
				case 'n':
					k = 'N';
					break;
				case 'r':
					k = 'R';
					break;
				default:
					k = 0;
					break;
			}
		i += adv;
		if (k == 0 || k == last)
			continue;
		out[o++] = k;
		last = k;
	}
}
