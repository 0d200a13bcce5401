/*
 * test_entered_journal: a value a person entered, in the journal.  "by",
 * "source" and "note" written and read back into the period's entered
 * record (who entered its current value), forgotten when a feed's value
 * follows; kept by a compaction even once superseded; a journal written
 * before (no such member) loads with no one's values; a record that
 * cannot be written (a name that is not UTF-8) is refused whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "journal.h"
#include "obs.h"
#include "unit/journal_case.h"

static struct journal_entry
entered(int year, double value, const char *by, const char *note)
{
	struct journal_entry e = entry(year, value);

	e.collector = "entered";
	e.mark = OBS_MARK_ENTERED;
	e.by = by;
	e.source = "区统计局报表";
	e.note = note;
	return e;
}

static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e[3] = {
	    entry(2020, 1),
	    entered(2021, 2, "张三", "快报数"),
	    entered(2022, 3, "李四", NULL),
	};
	struct journal_entry feed = entry(2022, 3.5);
	const struct obs_entered *who;
	struct period p2020 = {FREQ_ANNUAL, 2020, 0},
		      p2021 = {FREQ_ANNUAL, 2021, 0},
		      p2022 = {FREQ_ANNUAL, 2022, 0};
	struct journal_stats st;
	size_t len;

	append(f->path, e, 3);
	f->buf = read_bytes(f->path, &len);
	assert_non_null(strstr(f->buf,
	    "\"collector\":\"entered\",\"mark\":\"entered\",\"by\":\"张三\","
	    "\"source\":\"区统计局报表\",\"note\":\"快报数\",\"crc\""));
	assert_non_null(strstr(
	    f->buf, "\"by\":\"李四\",\"source\":\"区统计局报表\",\"crc\""));
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 3);
	assert_int_equal(f->l.v[1].mark, OBS_MARK_ENTERED);
	assert_null(obs_entered_find(&f->r, &p2020));
	assert_non_null(who = obs_entered_find(&f->r, &p2021));
	assert_string_equal(who->by, "张三");
	assert_string_equal(who->source, "区统计局报表");
	assert_string_equal(who->note, "快报数");
	assert_int_equal(who->at, FETCHED);
	assert_non_null(who = obs_entered_find(&f->r, &p2022));
	assert_null(who->note);
	/* A feed's value afterwards is no one's. */
	feed.has_replaced = true;
	feed.replaced = 3;
	append(f->path, &feed, 1);
	obs_list_clear(&f->l);
	obs_revisions_clear(&f->r);
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 4);
	assert_null(obs_entered_find(&f->r, &p2022));
	assert_non_null(obs_entered_find(&f->r, &p2021));
}

/* Compaction keeps an entered record that a later value superseded. */
static void
test_compact_keeps_who(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e[3] = {
	    entered(2021, 2, "张三", NULL),
	    entry(2021, 2),
	    entry(2021, 2),
	};
	struct journal_stats st;
	char err[512] = "";
	size_t len;

	append(f->path, e, 3);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), 0);
	f->buf = read_bytes(f->path, &len);
	assert_non_null(strstr(f->buf, "\"by\":\"张三\""));
	/* The last record of the period, and the entered one: two. */
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 2);
}

/*
 * A journal from before (the fixture written before marks, so before
 * "by" too): it loads as it did, no one's values.
 */
static void
test_old_journal(void **state)
{
	struct fixture *f = *state;
	struct journal_stats st;
	char path[512];
	size_t len;

	snprintf(path, sizeof(path), "%s/journal/before_marks.journal",
	    getenv("PW_FIXTURES"));
	assert_non_null(f->buf = read_bytes(path, &len));
	write_bytes(f->path, f->buf, len);
	assert_true(load(f->path, &f->l, &f->r, &st) > 0);
	assert_true(f->l.n > 0);
	assert_int_equal(f->r.nentered, 0);
	for (size_t i = 0; i < f->l.n; i++)
		assert_int_not_equal(f->l.v[i].mark, OBS_MARK_ENTERED);
}

/* A name that is not UTF-8 cannot be a record: nothing is written. */
static void
test_not_utf8_refused(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e[2] = {
	    entered(2021, 2, "张三", NULL),
	    entered(2022, 3, "\xff\xfe", NULL),
	};
	struct journal_stats st;
	char err[512] = "";

	assert_int_equal(journal_append(f->path, e, 2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot format"));
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_compact_keeps_who, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_old_journal, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_not_utf8_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
