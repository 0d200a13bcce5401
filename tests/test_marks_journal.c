/*
 * test_marks_journal: the journal keeps each value's mark.  Marks written
 * and read back, a change of mark alone kept as one (no revision) through
 * a load and a compaction, and journals written before marks (a version 2
 * fixture, a version 1 text) loading with every value unstated; a mark
 * name the journal does not know is unstated, not damage.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "integration/harness.h"
#include "journal.h"
#include "obs.h"
#include "unit/journal_case.h"

static struct journal_entry
marked(int year, double value, enum obs_mark m)
{
	struct journal_entry e = entry(year, value);

	e.mark = m;
	return e;
}

static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e[4] = {
	    marked(2020, 1, OBS_MARK_PUBLISHED),
	    marked(2021, 2, OBS_MARK_ILLUSTRATIVE),
	    marked(2022, 3, OBS_MARK_UNSTATED),
	    marked(2023, 4, OBS_MARK_ESTIMATED),
	};
	struct journal_entry change = marked(2021, 2, OBS_MARK_PUBLISHED);
	struct journal_stats st;
	size_t len;

	append(f->path, e, 4);
	f->buf = read_bytes(f->path, &len);
	assert_non_null(strstr(f->buf,
	    "\"value\":1.0,\"fetched\":1732600000,"
	    "\"collector\":\"gdp_feed\","
	    "\"mark\":\"published\",\"crc\""));
	/* Unstated is written as before marks: no member. */
	assert_non_null(strstr(f->buf,
	    "\"value\":3.0,\"fetched\":1732600000,"
	    "\"collector\":\"gdp_feed\",\"crc\""));
	change.has_was = true;
	change.was = OBS_MARK_ILLUSTRATIVE;
	change.fetched = FETCHED + 86400;
	append(f->path, &change, 1);
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 5);
	assert_int_equal(f->l.n, 4);
	assert_int_equal(f->l.v[0].mark, OBS_MARK_PUBLISHED);
	assert_int_equal(f->l.v[1].mark, OBS_MARK_PUBLISHED);
	assert_int_equal(f->l.v[1].value, 2);
	assert_int_equal(f->l.v[2].mark, OBS_MARK_UNSTATED);
	assert_int_equal(f->l.v[3].mark, OBS_MARK_ESTIMATED);
	/* The change of mark is in the log, and is no revision. */
	assert_int_equal(st.revisions, 0);
	assert_int_equal(st.mark_changes, 1);
	assert_int_equal(f->r.n, 1);
	assert_true(obs_revision_mark_only(&f->r.v[0]));
	assert_int_equal(f->r.v[0].old_mark, OBS_MARK_ILLUSTRATIVE);
	assert_int_equal(f->r.v[0].new_mark, OBS_MARK_PUBLISHED);
	assert_int_equal(f->r.v[0].fetched, FETCHED + 86400);
}

/* A revision that also changes the mark says both. */
static void
test_revision_with_mark(void **state)
{
	struct fixture *f = *state;
	struct journal_entry a = marked(2023, 1065, OBS_MARK_ESTIMATED);
	struct journal_entry b = revision(2023, 1065, 1048.97, FETCHED + 1);
	struct journal_entry c = revision(2023, 1048.97, 1050, FETCHED + 2);
	struct journal_stats st;

	b.mark = OBS_MARK_PUBLISHED;
	b.has_was = true;
	b.was = OBS_MARK_ESTIMATED;
	c.mark = OBS_MARK_PUBLISHED;
	append(f->path, &a, 1);
	append(f->path, &b, 1);
	append(f->path, &c, 1);
	load(f->path, &f->l, &f->r, &st);
	assert_int_equal(st.revisions, 2);
	assert_int_equal(st.mark_changes, 0);
	assert_int_equal(f->r.n, 2);
	assert_false(obs_revision_mark_only(&f->r.v[0]));
	assert_int_equal(f->r.v[0].old_mark, OBS_MARK_ESTIMATED);
	assert_int_equal(f->r.v[0].new_mark, OBS_MARK_PUBLISHED);
	/* Without "was", the mark stayed. */
	assert_int_equal(f->r.v[1].old_mark, OBS_MARK_PUBLISHED);
	assert_int_equal(f->r.v[1].new_mark, OBS_MARK_PUBLISHED);
	assert_int_equal(f->l.v[0].mark, OBS_MARK_PUBLISHED);
}

/* Compaction keeps a change of mark as it keeps a revision. */
static void
test_compact_keeps_change(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e[3] = {
	    marked(2020, 1, OBS_MARK_ILLUSTRATIVE),
	    marked(2020, 1, OBS_MARK_PUBLISHED),
	    marked(2020, 1, OBS_MARK_PUBLISHED),
	};
	struct journal_stats st;
	char err[512] = "";

	e[1].has_was = true;
	e[1].was = OBS_MARK_ILLUSTRATIVE;
	append(f->path, e, 3);
	load(f->path, &f->l, &f->r, &st);
	assert_int_equal(st.redundant, 1);
	obs_list_clear(&f->l);
	obs_revisions_clear(&f->r);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), 0);
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 2);
	assert_int_equal(st.mark_changes, 1);
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.v[0].old_mark, OBS_MARK_ILLUSTRATIVE);
	assert_int_equal(f->l.v[0].mark, OBS_MARK_PUBLISHED);
}

/* The committed journal of before marks: values and revision as ever. */
static void
test_old_v2(void **state)
{
	struct fixture *f = *state;
	char path[512];
	struct journal_stats st;
	size_t len;

	snprintf(path, sizeof(path), "%s/journal/before_marks.journal",
	    getenv("PW_FIXTURES"));
	assert_non_null(f->buf = read_bytes(path, &len));
	write_bytes(f->path, f->buf, len);
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 3);
	assert_int_equal(st.version, 2);
	assert_int_equal(f->l.n, 2);
	assert_bits(f->l.v[1].value, 1048.97, "2022");
	for (size_t i = 0; i < f->l.n; i++)
		assert_int_equal(f->l.v[i].mark, OBS_MARK_UNSTATED);
	assert_int_equal(f->r.n, 1);
	assert_false(obs_revision_mark_only(&f->r.v[0]));
	assert_int_equal(f->r.v[0].old_mark, OBS_MARK_UNSTATED);
	/* Appending a marked value keeps the old records as they were. */
	{
		struct journal_entry e = marked(2023, 7, OBS_MARK_PROVISIONAL);

		append(f->path, &e, 1);
	}
	f->buf2 = read_bytes(f->path, &len);
	assert_memory_equal(f->buf2, f->buf, strlen(f->buf));
	obs_list_clear(&f->l);
	obs_revisions_clear(&f->r);
	load(f->path, &f->l, &f->r, &st);
	assert_int_equal(f->l.v[2].mark, OBS_MARK_PROVISIONAL);
	assert_int_equal(f->l.v[0].mark, OBS_MARK_UNSTATED);
}

static void
test_old_v1(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e = marked(2025, 9, OBS_MARK_ESTIMATED);
	struct journal_stats st;

	write_bytes(f->path, v1_text, strlen(v1_text));
	load(f->path, &f->l, &f->r, &st);
	assert_int_equal(st.version, 1);
	for (size_t i = 0; i < f->l.n; i++)
		assert_int_equal(f->l.v[i].mark, OBS_MARK_UNSTATED);
	obs_list_clear(&f->l);
	obs_revisions_clear(&f->r);
	/* Converted to version 2 by an append, the new record marked. */
	append(f->path, &e, 1);
	load(f->path, &f->l, &f->r, &st);
	assert_int_equal(st.version, 2);
	assert_int_equal(f->l.v[f->l.n - 1].mark, OBS_MARK_ESTIMATED);
	assert_int_equal(f->l.v[0].mark, OBS_MARK_UNSTATED);
}

/* A mark this version does not know, or not a string: unstated. */
static void
test_unknown_mark(void **state)
{
	struct fixture *f = *state;
	struct journal_stats st;
	char text[1024];
	const char *recs[] = {
	    "{\"period\":\"2020\",\"value\":1,\"mark\":\"forecast\"}",
	    "{\"period\":\"2021\",\"value\":2,\"mark\":7}",
	    "{\"period\":\"2022\",\"value\":3,\"mark\":\"\\u00ff\","
	    "\"was\":\"published\"}",
	};

	/* Version 1 records: no checksum to compute here. */
	snprintf(text, sizeof(text), "%s\n%s\n%s\n", recs[0], recs[1], recs[2]);
	write_bytes(f->path, text, strlen(text));
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 3);
	for (size_t i = 0; i < f->l.n; i++)
		assert_int_equal(f->l.v[i].mark, OBS_MARK_UNSTATED);
	/* published -> (unknown): a change of mark, to unstated. */
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.v[0].old_mark, OBS_MARK_PUBLISHED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_revision_with_mark, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_compact_keeps_change, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_old_v2, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_old_v1, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_mark, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
