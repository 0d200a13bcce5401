/*
 * test_csv_feed_caps: the csv feed format's caps (columns, field size,
 * cells, observations), tested on generated documents; what a refused
 * document leaves in the list is checked by the parser tests' harness
 * (unit/parser_case.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "csv_feed.h"
#include "csv_table.h"
#include "unit/parser_case.h"

/* A generated document: the base layer's capped buffer, made ready on
 * the first add (a zeroed gen is empty). */
struct gen {
	struct buf b;
};

/* Most bytes of a generated document. */
#define GEN_MAX (64u << 20)

static void gen_add(struct gen *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
gen_add(struct gen *g, const char *fmt, ...)
{
	char piece[256];
	va_list ap;
	int n;

	if (g->b.max == 0)
		buf_init(&g->b, GEN_MAX);
	va_start(ap, fmt);
	n = vsnprintf(piece, sizeof(piece), fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(piece));
	assert_int_equal(buf_add(&g->b, piece, (size_t)n), 0);
}

/* Parses g with sel; returns rc, err in err. */
static int
gen_parse(struct gen *g, const struct feed_selector *sel, enum freq freq,
    struct obs_list *out, char *err, size_t errlen)
{
	int rc = feed_parse(&csv_feed_format, buf_str(&g->b), buf_len(&g->b),
	    sel, freq, out, NULL, NULL, err, errlen);

	buf_free(&g->b);
	return rc;
}

/* A header of n columns named c1..cn, then one row of n ones. */
static void
gen_wide(struct gen *g, int n)
{
	for (int i = 1; i <= n; i++)
		gen_add(g, "%sc%d", i > 1 ? "," : "", i);
	gen_add(g, "\n2021");
	for (int i = 2; i <= n; i++)
		gen_add(g, ",1");
	gen_add(g, "\n");
}

static void
test_cap_columns(void **state)
{
	struct feed_selector sel = {.period = "c1", .value = "c1000"};
	struct obs_list out = {0};
	struct gen g = {0};
	char err[256];

	(void)state;
	gen_wide(&g, CSV_TABLE_COLS_MAX);
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), 0);
	assert_int_equal(out.n, 1);
	obs_list_clear(&out);
	gen_wide(&g, CSV_TABLE_COLS_MAX + 1);
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), -1);
	assert_string_equal(err, "line 1: more than the limit of 1000 columns");
	/* A data row past the limit, after a short header. */
	gen_add(&g, "c1,c1000\n2021");
	for (int i = 0; i < CSV_TABLE_COLS_MAX; i++)
		gen_add(&g, ",");
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), -1);
	assert_string_equal(err, "line 2: more than the limit of 1000 columns");
}

/* A field of n bytes of digits, quoted, on line 2. */
static void
gen_field(struct gen *g, size_t n)
{
	gen_add(g, "y,v\n2021,\"");
	for (size_t i = 0; i < n; i++)
		gen_add(g, "%c", i % 64 == 63 ? '\n' : '1');
	gen_add(g, "\"\n");
}

static void
test_cap_field(void **state)
{
	struct feed_selector sel = {.period = "y", .value = "v"};
	struct obs_list out = {0};
	struct gen g = {0};
	char err[256];

	(void)state;
	/* At the limit the field is read (and is not a number). */
	gen_field(&g, CSV_TABLE_FIELD_MAX);
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), -1);
	assert_string_equal(err, "1 of 1 rows rejected");
	gen_field(&g, CSV_TABLE_FIELD_MAX + 1);
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "line 2: a field of 65537 bytes, more than the limit of 65536");
	/* A huge field is stopped while it is read; the line is where its
	 * record starts. */
	gen_field(&g, 1024 * 1024);
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), -1);
	assert_string_equal(
	    err, "line 2: a field longer than the limit of 65536 bytes");
	/* The same without quotes and line breaks. */
	gen_add(&g, "y,v\n2021,");
	for (size_t i = 0; i < 1024 * 1024; i++)
		gen_add(&g, "1");
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), -1);
	assert_string_equal(
	    err, "line 2: a field longer than the limit of 65536 bytes");
	assert_int_equal(out.n, 0);
}

static void
test_cap_cells(void **state)
{
	struct feed_selector sel = {.period = "1", .value = "2"};
	struct obs_list out = {0};
	struct gen g = {0};
	const int cols = 10, rows = CSV_TABLE_CELLS_MAX / cols;
	char err[256];

	(void)state;
	/* Exactly the limit: the header and rows - 1 data rows. */
	gen_add(&g, "p,v,c3,c4,c5,c6,c7,c8,c9,c10\n");
	for (int r = 1; r < rows; r++)
		gen_add(&g, "%d,%d,,,,,,,,\n", 1000 + r % 9000, 1);
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), 0);
	assert_int_equal(out.n, 9000);
	obs_list_clear(&out);
	gen_add(&g, "p,v,c3,c4,c5,c6,c7,c8,c9,c10\n");
	for (int r = 1; r <= rows; r++)
		gen_add(&g, "%d,%d\n", 1000 + r % 9000, 1);
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_ANNUAL, &out, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "line 100001: more than the limit of 1000000 cells (100001 rows "
	    "of 10 columns)");
}

/* More observations than a list may hold. */
static void
test_cap_observations(void **state)
{
	struct feed_selector sel = {.period = "d", .value = "v"};
	struct obs_list out = {0};
	struct gen g = {0};
	struct period p = {FREQ_DAILY, 1800, 1};
	char err[256], d[PERIOD_TEXT_MAX];

	(void)state;
	gen_add(&g, "d,v\n");
	for (int i = 0; i <= OBS_LIST_MAX; i++) {
		period_format(&p, d, sizeof(d));
		gen_add(&g, "%s,%d\n", d, i);
		if (++p.sub > 365) {
			p.sub = 1;
			p.year++;
		}
	}
	parser_case_seed(&out);
	assert_int_equal(
	    gen_parse(&g, &sel, FREQ_DAILY, &out, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "more than the limit of 100000 observations, or out of memory");
	parser_case_check_seed("too many observations", &out, true);
	obs_list_clear(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cap_columns),
	    cmocka_unit_test(test_cap_field),
	    cmocka_unit_test(test_cap_cells),
	    cmocka_unit_test(test_cap_observations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
