/*
 * fuzz_period: period_parse and period_parse_ctx (daemon/base/period_parse.c)
 * under libFuzzer, the input taken as one string, read without a context and in
 * a few (year-to-date indicators, a year given beside the text).  Beyond
 * the sanitizers it checks what the rest of planwatch relies on: a parsed
 * period is valid, its canonical text parses back to it, its last step is
 * [period_step_start, period_end) with period_at agreeing at both ends and
 * period_from_end inverting period_end, it sits within a year of its year
 * on the year scale, and it follows its predecessor; a context changes
 * nothing but what it is for (a year-to-date indicator's month is year to
 * date); a rejection leaves a message, valid UTF-8 when the input was.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

/* Longer texts are not periods; the cap keeps the harness fast. */
#define INPUT_MAX 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when s is well-formed UTF-8 (no overlong or surrogate checks). */
static bool
utf8_valid(const unsigned char *s)
{
	while (*s != '\0') {
		size_t n = *s < 0x80      ? 0
		    : (*s & 0xe0) == 0xc0 ? 1
		    : (*s & 0xf0) == 0xe0 ? 2
		    : (*s & 0xf8) == 0xf0 ? 3
					  : 4;

		if (n == 4)
			return false;
		s++;
		for (size_t k = 0; k < n; k++, s++)
			if ((*s & 0xc0) != 0x80)
				return false;
	}
	return true;
}

static void
check_period(const struct period *p)
{
	char text[PERIOD_TEXT_MAX], err[256];
	struct period q, prev;
	time_t start = period_step_start(p), end = period_end(p);
	double years = period_years(p);

	if ((int)p->freq < 0 || (int)p->freq >= FREQ_COUNT || p->year < 1000 ||
	    p->year > 9999)
		abort();
	period_format(p, text, sizeof(text));
	if (period_parse(text, &q, err, sizeof(err)) != 0 ||
	    !period_equal(p, &q) || period_cmp(p, &q) != 0)
		abort();
	if (start >= end || period_start(p) > start)
		abort();
	if (period_at(start, p->freq, &q) != 0 || !period_equal(p, &q))
		abort();
	if (period_at(end - 1, p->freq, &q) != 0 || !period_equal(p, &q))
		abort();
	if (period_from_end(end, p->freq, &q) != 0 || !period_equal(p, &q))
		abort();
	if (period_from_end(end - 1, p->freq, &q) != -1)
		abort();
	if (!(years > p->year - 1 && years < p->year + 1))
		abort();
	/* the period before, if there is one, ends where p starts */
	if (period_from_end(start, p->freq, &prev) == 0 &&
	    (period_cmp(&prev, p) >= 0 || period_years(&prev) >= years))
		abort();
}

/* A rejection leaves a message, valid UTF-8 when the text was. */
static void
check_rejection(const char *text, const char *err)
{
	if (err[0] == '\0')
		abort();
	if (utf8_valid((const unsigned char *)text) &&
	    !utf8_valid((const unsigned char *)err))
		abort();
}

/*
 * Reads text in context ctx; plain is what it says alone (has_plain
 * false when it was refused alone).
 */
static void
check_context(const char *text, const struct period_context *ctx,
    bool has_plain, const struct period *plain)
{
	char err[256] = "";
	struct period p;

	if (period_parse_ctx(text, ctx, &p, err, sizeof(err)) != 0) {
		check_rejection(text, err);
		return;
	}
	check_period(&p);
	if (ctx->year != 0 || !has_plain)
		return;
	/* without a year, only a year-to-date indicator changes a period,
	 * and only into its own frequency */
	if (!freq_is_ytd(ctx->freq)) {
		if (!period_equal(&p, plain))
			abort();
	} else if (!period_equal(&p, plain) &&
	    (p.freq != ctx->freq || p.year != plain->year))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct period_context ctxs[] = {
	    {FREQ_YTD_MONTHLY, 0},
	    {FREQ_YTD_QUARTERLY, 0},
	    {FREQ_MONTHLY, 0},
	    {FREQ_YTD_MONTHLY, 2023},
	    {FREQ_COUNT, 2024},
	};
	char text[INPUT_MAX + 1], err[256];
	struct period p;
	bool ok;

	if (size > INPUT_MAX)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	err[0] = '\0';
	ok = period_parse(text, &p, err, sizeof(err)) == 0;
	if (ok)
		check_period(&p);
	else
		check_rejection(text, err);
	for (size_t i = 0; i < sizeof(ctxs) / sizeof(ctxs[0]); i++)
		check_context(text, &ctxs[i], ok, &p);
	return 0;
}
