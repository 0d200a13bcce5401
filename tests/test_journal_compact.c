/*
 * test_journal_compact: compaction keeps the current values and the
 * revision list identical and shrinks a redundant journal, and when it
 * cannot write, the old file stays as it was.  Every test works in its
 * own mkdtemp directory under /tmp (unit/journal_case.c).
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"
#include "journal.h"
#include "obs.h"
#include "period.h"
#include "unit/file_case.h"
#include "unit/journal_case.h"

static void
assert_same_lists(const struct obs_list *a, const struct obs_list *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_true(period_equal(&a->v[i].period, &b->v[i].period));
		assert_bits(a->v[i].value, b->v[i].value, "current value");
	}
}

static void
assert_same_revisions(
    const struct obs_revisions *a, const struct obs_revisions *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_true(period_equal(&a->v[i].period, &b->v[i].period));
		assert_bits(a->v[i].old_value, b->v[i].old_value, "old value");
		assert_bits(a->v[i].new_value, b->v[i].new_value, "new value");
		assert_int_equal(a->v[i].fetched, b->v[i].fetched);
		assert_string_equal(a->v[i].collector, b->v[i].collector);
	}
}

/* ---- compaction --------------------------------------------------- */

static void
test_compact(void **state)
{
	struct fixture *f = *state;
	struct journal_stats before, after;
	char err[512] = "";
	size_t len;

	redundant_journal(f->path);
	assert_int_equal(load(f->path, &f->l, &f->r, &before), 12000);
	assert_int_equal(before.torn, 1);
	assert_true(before.bytes > JOURNAL_COMPACT_MIN_BYTES);
	assert_true(before.revisions > 100);
	assert_true(before.redundant > 11000);
	assert_true(journal_needs_compaction(&before));

	if (journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)) != 0)
		fail_msg("journal_compact: %s", err);
	assert_int_equal(dir_entries(f->dir), 1);
	assert_int_equal(
	    assert_v2_file(f->path), before.records - before.redundant);
	assert_int_equal(load(f->path, &f->l2, &f->r2, &after),
	    (long)(before.records - before.redundant));
	assert_same_lists(&f->l, &f->l2);
	assert_same_revisions(&f->r, &f->r2);
	assert_int_equal(after.revisions, before.revisions);
	assert_int_equal(after.redundant, 0);
	assert_int_equal(after.torn, 0);
	assert_true(after.bytes * 10 < before.bytes);
	assert_false(journal_needs_compaction(&after));

	/* Again: nothing more to drop, the same bytes. */
	f->buf = read_bytes(f->path, &len);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), 0);
	assert_file_is(f->path, f->buf, len);
}

/* A version 1 journal compacts to version 2 with the same contents. */
static void
test_compact_v1(void **state)
{
	struct fixture *f = *state;
	struct journal_stats st;
	char err[512] = "";

	write_bytes(f->path, v1_text, strlen(v1_text));
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 4);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), 0);
	assert_int_equal(assert_v2_file(f->path), 3);
	assert_int_equal(load(f->path, &f->l2, &f->r2, &st), 3);
	assert_int_equal(st.version, 2);
	assert_same_lists(&f->l, &f->l2);
	assert_same_revisions(&f->r, &f->r2);

	/* A missing journal stays missing. */
	assert_int_equal(
	    journal_compact(f->other, FREQ_ANNUAL, err, sizeof(err)), 0);
	assert_int_equal(access(f->other, F_OK), -1);
}

/*
 * When the new file cannot be written, the old one stays as it was.
 * Running as root, a read-only directory would not stop us, and the
 * temporary file's name cannot be taken in advance (test_links_*): the
 * file size limit (RLIMIT_FSIZE) stands in for a disk filling up
 * mid-write.
 */
static void
test_compact_atomic(void **state)
{
	struct fixture *f = *state;
	char err[512] = "";
	struct rlimit old, small;
	size_t len;

	redundant_journal(f->path);
	f->buf = read_bytes(f->path, &len);

	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 1000;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	err[0] = '\0';
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_non_null(strstr(err, "write"));
	assert_file_is(f->path, f->buf, len);
	assert_int_equal(dir_entries(f->dir), 1);
}

/* Damage fails compaction and leaves the file alone. */
static void
test_compact_refuses_damage(void **state)
{
	struct fixture *f = *state;
	size_t len = three_records(f);
	char err[512] = "";

	memcpy(strstr(f->buf, "1065"), "1066", 4);
	write_bytes(f->path, f->buf, len);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), -1);
	assert_err_line(err, f->path, 3);
	assert_file_is(f->path, f->buf, len);

	/* Another frequency is no reason to drop anything either. */
	assert_int_equal(unlink(f->path), 0);
	three_records(f);
	assert_int_equal(
	    journal_compact(f->path, FREQ_MONTHLY, err, sizeof(err)), -1);
	assert_err_line(err, f->path, 2);
}

static void
test_needs_compaction(void **state)
{
	const size_t big = JOURNAL_COMPACT_MIN_BYTES;
	struct journal_stats small = {2, big - 1, 1000, 0, 900, 0, 0};
	struct journal_stats quarter = {2, big, 1000, 0, 250, 0, 0};
	struct journal_stats tenth = {2, 10 * big, 1000, 0, 100, 0, 0};
	struct journal_stats none = {2, 10 * big, 1000, 1000, 0, 0, 0};

	(void)state;
	assert_false(journal_needs_compaction(&small));
	assert_true(journal_needs_compaction(&quarter));
	assert_false(journal_needs_compaction(&tenth));
	assert_false(journal_needs_compaction(&none));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_compact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_compact_v1, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_compact_atomic, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_compact_refuses_damage, setup, teardown),
	    cmocka_unit_test(test_needs_compaction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
