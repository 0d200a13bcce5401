/*
 * test_buf: the one growable buffer and id index of the base layer
 * (daemon/base/buf.c, daemon/base/idindex.c): growth, the cap refused whole,
 * the bytes handed over; ids found, a repeated id refused, many ids kept.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "idindex.h"
#include "msort.h"
#include "quote.h"

static void
test_buf_grows_and_stays_a_string(void **state)
{
	struct buf b;
	char *s;
	int i;

	(void)state;
	buf_init(&b, 1 << 20);
	assert_string_equal(buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		assert_int_equal(buf_addf(&b, "%03d,", i), 0);
	assert_int_equal(buf_len(&b), 4000);
	assert_int_equal(strncmp(buf_str(&b), "000,001,", 8), 0);
	assert_string_equal(buf_str(&b) + 3996, "999,");
	buf_truncate(&b, 3);
	assert_string_equal(buf_str(&b), "000");
	assert_int_equal(buf_addc(&b, '!'), 0);
	s = buf_take(&b);
	assert_string_equal(s, "000!");
	assert_int_equal(buf_len(&b), 0);
	free(s);
	buf_free(&b);
}

static void
test_buf_refuses_past_its_cap_whole(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_int_equal(buf_adds(&b, "0123456"), 0);
	errno = 0;
	assert_int_equal(buf_adds(&b, "7890"), -1);
	assert_int_equal(errno, E2BIG);
	assert_string_equal(buf_str(&b), "0123456"); /* unchanged */
	assert_int_equal(buf_addf(&b, "%s", "abcd"), -1);
	assert_int_equal(buf_adds(&b, "789"), 0); /* exactly the cap */
	assert_int_equal(buf_len(&b), 10);
	assert_int_equal(buf_addc(&b, 'x'), -1);
	buf_free(&b);
}

static void
test_grow_array_doubles_and_caps(void **state)
{
	int *v = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(grow_array(&v, &cap, 1, sizeof(*v), 100), 0);
	assert_int_equal(cap, 16);
	assert_int_equal(grow_array(&v, &cap, 17, sizeof(*v), 100), 0);
	assert_int_equal(cap, 32);
	v[31] = 7;
	assert_int_equal(grow_array(&v, &cap, 90, sizeof(*v), 100), 0);
	assert_int_equal(cap, 100); /* 128 cut to the cap */
	assert_int_equal(v[31], 7);
	errno = 0;
	assert_int_equal(grow_array(&v, &cap, 101, sizeof(*v), 100), -1);
	assert_int_equal(errno, E2BIG);
	assert_int_equal(cap, 100);
	free(v);
}

static void
test_idindex_finds_and_refuses_repeats(void **state)
{
	struct idindex *ix = idindex_new();
	char id[32];
	size_t i, v;

	(void)state;
	assert_non_null(ix);
	assert_false(idindex_get(ix, "gdp", &v));
	for (i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "ind_%zu", i);
		assert_int_equal(idindex_put(ix, id, i), 0);
	}
	assert_int_equal(idindex_put(ix, "ind_7", 99), 1);
	assert_true(idindex_get(ix, "ind_7", &v));
	assert_int_equal(v, 7); /* the first value kept */
	assert_true(idindex_get(ix, "ind_19999", &v));
	assert_int_equal(v, 19999);
	assert_false(idindex_get(ix, "ind_20000", &v));
	assert_false(idindex_get(ix, "ind_", &v));
	assert_int_equal(idindex_count(ix), 20000);
	idindex_free(ix);
	assert_false(idindex_get(NULL, "x", &v));
	idindex_free(NULL);
}

static void
test_quote_text_cuts_and_escapes(void **state)
{
	char b[QUOTE_BUF], small[8];

	(void)state;
	assert_string_equal(
	    quote_text(b, sizeof(b), "a\"b\\c", 64, '"'), "\"a\\\"b\\\\c\"");
	assert_string_equal(
	    quote_text(b, sizeof(b), "x\ny", 64, '\''), "'x\\x0ay'");
	assert_string_equal(quote_text(b, sizeof(b), "x\ny", 64, 0), "x?y");
	assert_string_equal(quote_text(b, sizeof(b), NULL, 64, 0), "");
	/* Cut at 4 bytes, not inside the second 3-byte character. */
	assert_string_equal(
	    quote_text(b, sizeof(b), "\xe4\xb8\xad\xe6\x96\x87", 4, 0),
	    "\xe4\xb8\xad...");
	/* A small buffer: cut, still terminated and quoted. */
	quote_text(small, sizeof(small), "abcdefghij", 64, '"');
	assert_true(strlen(small) < sizeof(small));
	assert_int_equal(small[0], '"');
	assert_int_equal(small[strlen(small) - 1], '"');
}

struct pair {
	int key, seq;
};

static int
pair_cmp(const void *a, const void *b, void *arg)
{
	int *calls = arg;

	(*calls)++;
	return ((const struct pair *)a)->key - ((const struct pair *)b)->key;
}

/* Many equal keys: sorted by key, and equal keys in their first order. */
static void
test_msort_is_stable(void **state)
{
	struct pair v[1000];
	int calls = 0;

	(void)state;
	for (int i = 0; i < 1000; i++)
		v[i] = (struct pair){(i * 7919) % 13, i};
	msort(v, 1000, sizeof(v[0]), pair_cmp, &calls);
	assert_true(calls > 0);
	for (int i = 1; i < 1000; i++) {
		assert_true(v[i - 1].key <= v[i].key);
		if (v[i - 1].key == v[i].key)
			assert_true(v[i - 1].seq < v[i].seq);
	}
	msort(v, 0, sizeof(v[0]), pair_cmp, &calls); /* nothing to do */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_buf_grows_and_stays_a_string),
	    cmocka_unit_test(test_buf_refuses_past_its_cap_whole),
	    cmocka_unit_test(test_grow_array_doubles_and_caps),
	    cmocka_unit_test(test_idindex_finds_and_refuses_repeats),
	    cmocka_unit_test(test_quote_text_cuts_and_escapes),
	    cmocka_unit_test(test_msort_is_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
