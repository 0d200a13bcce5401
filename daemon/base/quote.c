/*
 * quote: outside text made safe and short for a message (quote.h).
 */
#include <stdio.h>
#include <string.h>

#include "quote.h"

/* Appends the n bytes of piece if they fit with the closing quote and
 * the NUL (room 2); returns the new length. */
static size_t
put(char *dst, size_t dstlen, size_t o, const char *piece, size_t n)
{
	if (o + n + 2 > dstlen)
		return o;
	memcpy(dst + o, piece, n);
	return o + n;
}

const char *
quote_text(char *dst, size_t dstlen, const char *s, size_t max, char q)
{
	return quote_mem(dst, dstlen, s, s != NULL ? strlen(s) : 0, max, q);
}

const char *
quote_mem(char *dst, size_t dstlen, const char *s, size_t n, size_t max, char q)
{
	const unsigned char *u;
	size_t cut, o = 0;
	char esc[8];

	if (dstlen == 0)
		return dst;
	if (s == NULL)
		s = "";
	u = (const unsigned char *)s;
	cut = n;
	if (cut > max) {
		cut = max;
		while (cut > 0 && (u[cut] & 0xc0) == 0x80)
			cut--; /* not inside a UTF-8 sequence */
	}
	if (q != 0)
		o = put(dst, dstlen, o, &q, 1);
	for (size_t i = 0; i < cut; i++) {
		size_t before = o;

		if (u[i] < 0x20 || u[i] == 0x7f) {
			if (q != 0) {
				snprintf(esc, sizeof(esc), "\\x%02x", u[i]);
				o = put(dst, dstlen, o, esc, 4);
			} else
				o = put(dst, dstlen, o, "?", 1);
		} else if (q != 0 &&
		    (u[i] == (unsigned char)q || u[i] == '\\')) {
			esc[0] = '\\';
			esc[1] = (char)u[i];
			o = put(dst, dstlen, o, esc, 2);
		} else
			o = put(dst, dstlen, o, (const char *)u + i, 1);
		if (o == before) {
			cut = i; /* out of room: cut here */
			break;
		}
	}
	if (cut < n)
		o = put(dst, dstlen, o, "...", 3);
	if (q != 0 && o + 2 <= dstlen)
		dst[o++] = q;
	dst[o < dstlen ? o : dstlen - 1] = '\0';
	return dst;
}

char *
quote_utf8_end(char *s)
{
	size_t n = strlen(s), start = n, need;
	unsigned char lead;

	/* Back over at most three continuation bytes to the lead byte. */
	while (start > 0 && n - start < 4 &&
	    ((unsigned char)s[start - 1] & 0xc0) == 0x80)
		start--;
	if (start == 0)
		return s;
	lead = (unsigned char)s[start - 1];
	if (lead < 0x80)
		return s; /* ends on ASCII (or a stray continuation run) */
	need = (lead & 0xe0) == 0xc0 ? 2
	    : (lead & 0xf0) == 0xe0  ? 3
	    : (lead & 0xf8) == 0xf0  ? 4
				     : 1;
	if (n - (start - 1) < need)
		s[start - 1] = '\0';
	return s;
}
