/*
 * test_stamp: the outputs' digest (daemon/base/stamp.c): the same fields
 * in the same order give the same digest, any field changed, moved
 * between fields or reordered gives another; a stamp file is trusted
 * only when it holds exactly the digest's bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "stamp.h"

/* A digest of a few fields of each kind, one of them changed by which. */
static uint64_t
sample(int which)
{
	struct stamp s;

	stamp_init(&s);
	stamp_str(&s, which == 1 ? "gdq" : "gdp");
	stamp_str(&s, which == 2 ? NULL : "");
	stamp_int(&s, which == 3 ? 2021 : 2020);
	stamp_double(&s, which == 4 ? 1.0000000000000002 : 1.0);
	stamp_double(&s, which == 5 ? -0.0 : 0.0);
	stamp_fold(&s, which == 6 ? 1 : 0);
	stamp_bytes(&s, "\0\1", which == 7 ? 1 : 2);
	return s.h;
}

static void
test_stamp_any_field_changed_differs(void **state)
{
	uint64_t base = sample(0);

	(void)state;
	assert_int_equal(base, sample(0));
	for (int w = 1; w <= 7; w++)
		assert_true(sample(w) != base);
}

static void
test_stamp_order_and_boundaries_count(void **state)
{
	struct stamp a, b;

	(void)state;
	stamp_init(&a);
	stamp_str(&a, "ab");
	stamp_str(&a, "c");
	stamp_init(&b);
	stamp_str(&b, "a");
	stamp_str(&b, "bc");
	assert_true(a.h != b.h);
	/* The same two fields the other way round. */
	stamp_init(&a);
	stamp_int(&a, 1);
	stamp_int(&a, 2);
	stamp_init(&b);
	stamp_int(&b, 2);
	stamp_int(&b, 1);
	assert_true(a.h != b.h);
	/* A field's kind counts: the integer 0 is not the double 0. */
	stamp_init(&a);
	stamp_int(&a, 0);
	stamp_init(&b);
	stamp_double(&b, 0.0);
	assert_true(a.h != b.h);
	/* Every NaN is one value. */
	stamp_init(&a);
	stamp_double(&a, NAN);
	stamp_init(&b);
	stamp_double(&b, -NAN);
	assert_int_equal(a.h, b.h);
}

static void
write_raw(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
test_stamp_file_trusts_only_its_exact_bytes(void **state)
{
	char dir[] = "/tmp/test_stamp.XXXXXX", path[256], err[256];
	char text[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/gdp", dir);
	assert_false(stamp_file_matches(path, 42)); /* none */
	assert_int_equal(stamp_file_write(path, 42, true, err, sizeof(err)), 0);
	assert_true(stamp_file_matches(path, 42));
	assert_false(stamp_file_matches(path, 43));
	/* Garbled: one digit off, cut short, a byte more, empty. */
	snprintf(text, sizeof(text), "planwatch-stamp %016x\n", 0x2b);
	write_raw(path, text, STAMP_FILE_LEN);
	assert_false(stamp_file_matches(path, 42));
	snprintf(text, sizeof(text), "planwatch-stamp %016x\n", 0x2a);
	write_raw(path, text, STAMP_FILE_LEN);
	assert_true(stamp_file_matches(path, 42));
	write_raw(path, text, STAMP_FILE_LEN - 1);
	assert_false(stamp_file_matches(path, 42));
	write_raw(
	    path, "planwatch-stamp 000000000000002a\nx", STAMP_FILE_LEN + 1);
	assert_false(stamp_file_matches(path, 42));
	write_raw(path, "", 0);
	assert_false(stamp_file_matches(path, 42));
	/* A directory where the stamp was: no stamp, no crash. */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_false(stamp_file_matches(path, 42));
	assert_int_equal(rmdir(path), 0);
	/* Removed: no stamp; removing none is no error. */
	assert_int_equal(stamp_file_write(path, 42, true, err, sizeof(err)), 0);
	assert_int_equal(stamp_file_remove(path, err, sizeof(err)), 0);
	assert_false(stamp_file_matches(path, 42));
	assert_int_equal(stamp_file_remove(path, err, sizeof(err)), 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stamp_any_field_changed_differs),
	    cmocka_unit_test(test_stamp_order_and_boundaries_count),
	    cmocka_unit_test(test_stamp_file_trusts_only_its_exact_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
