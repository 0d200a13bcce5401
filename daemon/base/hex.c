/*
 * hex: lowercase hex encoding and strict decoding (hex.h).  Uppercase is
 * refused when reading: every writer of planwatch's files writes
 * lowercase, so an uppercase digit means the bytes came from elsewhere.
 */
#include "hex.h"

/* The value of a lowercase hex digit, or -1. */
static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
hex_encode(const void *src, size_t n, char *dst, size_t dstlen)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *p = src;

	if (dstlen == 0 || n > (dstlen - 1) / 2)
		return -1;
	for (size_t i = 0; i < n; i++) {
		dst[2 * i] = digits[p[i] >> 4];
		dst[2 * i + 1] = digits[p[i] & 15];
	}
	dst[2 * n] = '\0';
	return 0;
}

int
hex_decode(const char *src, size_t len, void *dst, size_t dstlen)
{
	unsigned char *out = dst;

	if (len % 2 != 0 || len / 2 > dstlen)
		return -1;
	for (size_t i = 0; i < len / 2; i++) {
		int hi = hex_digit(src[2 * i]), lo = hex_digit(src[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}
