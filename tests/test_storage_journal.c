/*
 * test_storage_journal: the observation journal as the archives read it.
 * Values read back bit for bit, the last entry of a period wins, lines of
 * another frequency and malformed lines fail with "path:line:", a torn
 * last line is skipped and counted, a missing file is empty, an oversized
 * file is refused.  An append that keeps a mark of the file it last wrote
 * reads the same back as one that does not, and still cuts a torn tail
 * that another writer left, or appends to a file put in its place.  Every test
 * works in its own mkdtemp directory under /tmp (unit/storage_case.c).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <rrd.h>

#include "fsutil.h"
#include "journal.h"
#include "obs.h"
#include "period.h"
#include "unit/file_case.h"
#include "unit/storage_case.h"

/* Asserts got == want bit for bit, printing both in full when not. */
static void
assert_exact(double got, double want, const char *what)
{
	if (!(got == want))
		fail_msg("%s: got %.17g, want %.17g (difference %.17g)", what,
		    got, want, got - want);
}

/* ---- journal ---------------------------------------------------------- */

static void
test_journal_round_trip_exact(void **state)
{
	struct fixture *f = *state;
	static const double values[] = {1030.11, 0.1 + 0.2, 1e-300, -5.5,
	    1048.97, 1.0 / 3, 4.9e-324, 1.7976931348623157e308,
	    123456789012345.67};
	struct journal_entry e[NELEM(values)];
	struct obs_list *l = &f->l;
	char err[512];
	int torn = -1;

	memset(e, 0, sizeof(e));
	for (size_t i = 0; i < NELEM(values); i++) {
		e[i].period = per(FREQ_ANNUAL, 2010 + (int)i, 0);
		e[i].value = values[i];
		e[i].fetched = 1732600000;
		e[i].collector = "gdp_feed";
	}
	e[3].has_replaced = true;
	e[3].replaced = 1065;
	journal_path(f->dir, "gdp", f->path, sizeof(f->path));
	assert_int_equal(journal_append(f->path, e, 4, err, sizeof(err)), 0);
	assert_int_equal(
	    journal_append(f->path, e + 4, NELEM(values) - 4, err, sizeof(err)),
	    0);
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, &torn, err, sizeof(err)),
	    (long)NELEM(values));
	assert_int_equal(torn, 0);
	assert_int_equal(l->n, NELEM(values));
	for (size_t i = 0; i < NELEM(values); i++) {
		char what[32];

		snprintf(what, sizeof(what), "value %zu", i);
		assert_true(period_equal(&l->v[i].period, &e[i].period));
		assert_exact(l->v[i].value, values[i], what);
	}
	obs_list_clear(l);
}

/* Each kind of period survives the text round trip. */
static void
test_journal_round_trip_periods(void **state)
{
	struct fixture *f = *state;
	static const struct {
		enum freq freq;
		struct period p;
	} cases[] = {
	    {FREQ_QUARTERLY, {FREQ_QUARTERLY, 2021, 3}},
	    {FREQ_MONTHLY, {FREQ_MONTHLY, 2021, 12}},
	    {FREQ_DAILY, {FREQ_DAILY, 2020, 366}},
	    {FREQ_FOUR_MONTHLY, {FREQ_FOUR_MONTHLY, 2021, 2}},
	    {FREQ_YTD_MONTHLY, {FREQ_YTD_MONTHLY, 2024, 2}},
	    {FREQ_YTD_QUARTERLY, {FREQ_YTD_QUARTERLY, 2023, 3}},
	};
	char err[512];

	for (size_t i = 0; i < NELEM(cases); i++) {
		struct journal_entry e = {.period = cases[i].p, .value = 2.5};
		struct obs_list *l = &f->l;

		snprintf(
		    f->path, sizeof(f->path), "%s/p%zu.journal", f->dir, i);
		assert_int_equal(
		    journal_append(f->path, &e, 1, err, sizeof(err)), 0);
		assert_int_equal(journal_load(f->path, cases[i].freq, l, NULL,
				     err, sizeof(err)),
		    1);
		assert_int_equal(l->n, 1);
		assert_true(period_equal(&l->v[0].period, &cases[i].p));
		assert_exact(l->v[0].value, 2.5, "value");
		obs_list_clear(l);
	}
}

/*
 * A year-to-date journal is never read as a monthly one, nor a monthly
 * one as year to date: the record names its kind ("2024-M01-M02",
 * "2024-02"), whatever the indicator's frequency now says.
 */
static void
test_journal_ytd_not_monthly(void **state)
{
	struct fixture *f = *state;
	struct journal_entry y = {
	    .period = {FREQ_YTD_MONTHLY, 2024, 2}, .value = 210};
	struct journal_entry m = {
	    .period = {FREQ_MONTHLY, 2024, 2}, .value = 21};
	struct obs_list *l = &f->l;
	char err[512];

	journal_path(f->dir, "ytd", f->path, sizeof(f->path));
	assert_int_equal(journal_append(f->path, &y, 1, err, sizeof(err)), 0);
	err[0] = '\0';
	assert_int_equal(
	    journal_load(f->path, FREQ_MONTHLY, l, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "period 2024-M01-M02 is not monthly"));
	obs_list_clear(l);
	journal_path(f->dir, "monthly", f->path, sizeof(f->path));
	assert_int_equal(journal_append(f->path, &m, 1, err, sizeof(err)), 0);
	err[0] = '\0';
	assert_int_equal(
	    journal_load(f->path, FREQ_YTD_MONTHLY, l, NULL, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "period 2024-02 is not ytd_monthly"));
	obs_list_clear(l);
}

/* A revision appended later replaces the earlier value on load. */
static void
test_journal_later_wins(void **state)
{
	struct fixture *f = *state;
	struct journal_entry first[] = {
	    {.period = {FREQ_ANNUAL, 2023, 0}, .value = 1065},
	    {.period = {FREQ_ANNUAL, 2022, 0}, .value = 1000.5},
	};
	struct journal_entry rev = {.period = {FREQ_ANNUAL, 2023, 0},
	    .value = 1048.97,
	    .has_replaced = true,
	    .replaced = 1065};
	struct obs_list *l = &f->l;
	char err[512], *text;
	size_t len;
	int torn;

	journal_path(f->dir, "gdp", f->path, sizeof(f->path));
	assert_int_equal(
	    journal_append(f->path, first, 2, err, sizeof(err)), 0);
	assert_int_equal(journal_append(f->path, &rev, 1, err, sizeof(err)), 0);
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, &torn, err, sizeof(err)), 3);
	assert_int_equal(torn, 0);
	assert_int_equal(l->n, 2);
	assert_int_equal(l->v[0].period.year, 2022);
	assert_exact(l->v[0].value, 1000.5, "2022");
	assert_int_equal(l->v[1].period.year, 2023);
	assert_exact(l->v[1].value, 1048.97, "2023");
	obs_list_clear(l);

	/* The revision records the value it replaced. */
	{
		FILE *fp = fopen(f->path, "r");

		assert_non_null(fp);
		text = calloc(1, 4096);
		assert_non_null(text);
		len = fread(text, 1, 4095, fp);
		fclose(fp);
		assert_true(len > 0 && text[len - 1] == '\n');
		assert_non_null(strstr(text, "\"replaced\":1065"));
		free(text);
	}
}

/* Entries already in current stay; a journal entry of the same period wins. */
static void
test_journal_appends_to_current(void **state)
{
	struct fixture *f = *state;
	struct period p2021 = per(FREQ_ANNUAL, 2021, 0);
	struct period p2020 = per(FREQ_ANNUAL, 2020, 0);
	struct obs_list *l = &f->l;
	char err[512];

	journal_path(f->dir, "gdp", f->path, sizeof(f->path));
	write_text(f->path, "{\"period\":\"2021\",\"value\":7.25}\n");
	assert_int_equal(obs_list_add(l, &p2020, 1), 0);
	assert_int_equal(obs_list_add(l, &p2021, 2), 0);
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, NULL, err, sizeof(err)), 1);
	assert_int_equal(l->n, 2);
	assert_exact(l->v[0].value, 1, "2020");
	assert_exact(l->v[1].value, 7.25, "2021");
	obs_list_clear(l);
}

static void
test_journal_other_freq(void **state)
{
	struct fixture *f = *state;
	struct journal_entry a = {.period = {FREQ_ANNUAL, 2021, 0}, .value = 1};
	struct journal_entry q = {
	    .period = {FREQ_QUARTERLY, 2021, 2}, .value = 2};
	struct obs_list *l = &f->l;
	char err[512];

	journal_path(f->dir, "mixed", f->path, sizeof(f->path));
	assert_int_equal(journal_append(f->path, &a, 1, err, sizeof(err)), 0);
	assert_int_equal(journal_append(f->path, &a, 1, err, sizeof(err)), 0);
	assert_int_equal(journal_append(f->path, &q, 1, err, sizeof(err)), 0);
	err[0] = '\0';
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, NULL, err, sizeof(err)), -1);
	/* Line 1 is the header: the third record is line 4. */
	assert_err_line(err, f->path, 4);
	assert_non_null(strstr(err, "2021-Q2"));
	obs_list_clear(l);

	/* Read as quarterly, the first record is the foreign one. */
	err[0] = '\0';
	assert_int_equal(
	    journal_load(f->path, FREQ_QUARTERLY, l, NULL, err, sizeof(err)),
	    -1);
	assert_err_line(err, f->path, 2);
	obs_list_clear(l);
}

struct bad_case {
	const char *name;
	const char *text;
	long line;
};

static const struct bad_case bad_cases[] = {
    {"not JSON",
	"{\"period\":\"2020\",\"value\":1}\n"
	"this is not json\n",
	2},
    {"missing value",
	"{\"period\":\"2020\",\"value\":1}\n"
	"{\"period\":\"2021\",\"value\":2}\n"
	"{\"period\":\"2022\"}\n"
	"{\"period\":\"2023\",\"value\":4}\n",
	3},
    {"value a string", "{\"period\":\"2021\",\"value\":\"1030.11\"}\n", 1},
    {"value null",
	"{\"period\":\"2020\",\"value\":1}\n"
	"{\"period\":\"2021\",\"value\":null}\n",
	2},
    {"missing period",
	"{\"period\":\"2020\",\"value\":1}\n"
	"{\"value\":1}\n",
	2},
    {"period a number", "{\"period\":2021,\"value\":1}\n", 1},
    {"bad period",
	"{\"period\":\"2020\",\"value\":1}\n"
	"{\"period\":\"20x1\",\"value\":1}\n",
	2},
    {"empty line",
	"{\"period\":\"2020\",\"value\":1}\n"
	"\n"
	"{\"period\":\"2021\",\"value\":1}\n",
	2},
    {"JSON array", "[\"2021\",1]\n", 1},
    {"truncated JSON mid-file",
	"{\"period\":\"2020\",\"value\":1}\n"
	"{\"period\":\"2021\",\"val\n"
	"{\"period\":\"2022\",\"value\":1}\n",
	2},
};

static void
test_journal_malformed(void **state)
{
	struct fixture *f = *state;
	char err[512];

	for (size_t i = 0; i < NELEM(bad_cases); i++) {
		struct obs_list *l = &f->l;
		int torn = -1;

		snprintf(
		    f->path, sizeof(f->path), "%s/bad%zu.journal", f->dir, i);
		write_text(f->path, bad_cases[i].text);
		err[0] = '\0';
		if (journal_load(
			f->path, FREQ_ANNUAL, l, &torn, err, sizeof(err)) != -1)
			fail_msg("%s: loaded", bad_cases[i].name);
		assert_err_line(err, f->path, bad_cases[i].line);
		/* A reason follows the line number. */
		assert_true(strlen(err) > strlen(f->path) + 4);
		obs_list_clear(l);
	}
}

/* A last line without its newline: the append never ended. */
static void
test_journal_torn(void **state)
{
	struct fixture *f = *state;
	static const char *const tails[] = {
	    "{\"period\":\"2023\",\"val",
	    "{\"period\":\"2023\",\"value\":1048.97}", /* complete but unended
							*/
	    "{",
	};
	char err[512];

	for (size_t i = 0; i < NELEM(tails); i++) {
		struct obs_list *l = &f->l;
		char text[512];
		int torn = -1;

		snprintf(text, sizeof(text),
		    "{\"period\":\"2021\",\"value\":1030.11}\n"
		    "{\"period\":\"2022\",\"value\":-5.5}\n%s",
		    tails[i]);
		snprintf(
		    f->path, sizeof(f->path), "%s/torn%zu.journal", f->dir, i);
		write_text(f->path, text);
		assert_int_equal(journal_load(f->path, FREQ_ANNUAL, l, &torn,
				     err, sizeof(err)),
		    2);
		assert_int_equal(torn, 1);
		assert_int_equal(l->n, 2);
		assert_int_equal(l->v[0].period.year, 2021);
		assert_exact(l->v[0].value, 1030.11, "2021");
		assert_int_equal(l->v[1].period.year, 2022);
		assert_exact(l->v[1].value, -5.5, "2022");
		obs_list_clear(l);
		/* torn may be NULL. */
		assert_int_equal(journal_load(f->path, FREQ_ANNUAL, l, NULL,
				     err, sizeof(err)),
		    2);
		obs_list_clear(l);
	}
}

/* A batch that cannot be formatted (NaN) writes nothing at all. */
/* Float noise is no revision; a real change is, even a small one. */
static void
test_same_value_tolerance(void **state)
{
	(void)state;
	assert_true(obs_same_value(1048.97, 1048.97, 0));
	assert_false(obs_same_value(1048.97, 1048.9700000000003, 0));
	assert_true(obs_same_value(1048.97, 1048.9700000000003, 1e-9));
	assert_false(obs_same_value(1065, 1048.97, 1e-9));
	assert_false(obs_same_value(0.0001, 0.0002, 1e-9));
	assert_true(obs_same_value(0, 0, 1e-9));
	assert_false(obs_same_value(0, 1e-300, 0));
}

static void
test_journal_append_unformattable(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e[] = {
	    {.period = {FREQ_ANNUAL, 2021, 0}, .value = 1},
	    {.period = {FREQ_ANNUAL, 2022, 0}, .value = NAN},
	};
	struct obs_list *l = &f->l;
	char err[512];

	journal_path(f->dir, "nan", f->path, sizeof(f->path));
	assert_int_equal(journal_append(f->path, e, 1, err, sizeof(err)), 0);
	err[0] = '\0';
	assert_int_equal(journal_append(f->path, e, 2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, f->path));
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, NULL, err, sizeof(err)), 1);
	assert_int_equal(l->n, 1);
	obs_list_clear(l);
}

static void
test_journal_missing(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	char err[512];
	int torn = -1;

	journal_path(f->dir, "absent", f->path, sizeof(f->path));
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, &torn, err, sizeof(err)), 0);
	assert_int_equal(torn, 0);
	assert_int_equal(l->n, 0);
	assert_false(exists(f->path));
	obs_list_clear(l);

	/* An empty file is an empty journal too. */
	write_text(f->path, "");
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, &torn, err, sizeof(err)), 0);
	assert_int_equal(torn, 0);
	assert_int_equal(l->n, 0);
	obs_list_clear(l);
}

static void
test_journal_too_big(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	char err[512];
	int fd;

	journal_path(f->dir, "huge", f->path, sizeof(f->path));
	fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)JOURNAL_MAX_BYTES + 1), 0);
	assert_int_equal(close(fd), 0);
	err[0] = '\0';
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, f->path));
	assert_int_equal(l->n, 0);
	obs_list_clear(l);
}

/*
 * The journal keeps every revision, so it can hold more lines than
 * periods.  journal_load adds every line to current and deduplicates only
 * at the end, so OBS_LIST_MAX + 1 lines about three periods (well under
 * JOURNAL_MAX_BYTES) should still load as three observations.
 */
static void
test_journal_many_revisions(void **state)
{
	struct fixture *f = *state;
	const size_t lines = OBS_LIST_MAX + 1;
	struct obs_list *l = &f->l;
	char err[512];
	FILE *fp;
	long n;

	journal_path(f->dir, "revised", f->path, sizeof(f->path));
	fp = fopen(f->path, "w");
	assert_non_null(fp);
	for (size_t i = 0; i < lines; i++)
		fprintf(fp, "{\"period\":\"%zu\",\"value\":%zu}\n",
		    2021 + i % 3, i);
	assert_int_equal(fclose(fp), 0);
	memset(err, 'x', sizeof(err) - 1);
	err[sizeof(err) - 1] = '\0';
	n = journal_load(f->path, FREQ_ANNUAL, l, NULL, err, sizeof(err));
	if (n != (long)lines)
		fail_msg("journal_load returned %ld, want %zu: \"%.200s\"", n,
		    lines, err);
	assert_int_equal(l->n, 3);
	/* The last line, number lines - 1, is about 2021 + (lines - 1) % 3. */
	assert_exact(
	    l->v[(lines - 1) % 3].value, (double)(lines - 1), "last revision");
	obs_list_clear(l);
}

/* One annual entry of year y with value v. */
static struct journal_entry
entry_of(int y, double v)
{
	struct journal_entry e;

	memset(&e, 0, sizeof(e));
	e.period = per(FREQ_ANNUAL, y, 0);
	e.value = v;
	e.fetched = 1732600000;
	e.collector = "gdp_feed";
	return e;
}

static off_t
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_size;
}

static void
test_journal_marked_append(void **state)
{
	struct fixture *f = *state;
	struct fsutil_mark m = {0};
	struct journal_entry e;
	struct obs_list *l = &f->l;
	char err[512], other[600];
	int torn = -1;
	FILE *fp;

	journal_path(f->dir, "gdp", f->path, sizeof(f->path));
	/* No file yet: made with its header, and marked. */
	e = entry_of(2020, 1);
	assert_int_equal(
	    journal_append_marked(f->path, &e, 1, &m, err, sizeof(err)), 0);
	assert_true(m.known);
	assert_int_equal(m.size, file_size(f->path));
	/* Still the file marked: appended without its tail read. */
	e = entry_of(2021, 2);
	assert_int_equal(
	    journal_append_marked(f->path, &e, 1, &m, err, sizeof(err)), 0);
	assert_int_equal(m.size, file_size(f->path));
	/* Another writer left a torn line: the mark no longer holds, and
	 * the torn bytes are cut before the next record. */
	fp = fopen(f->path, "a");
	assert_non_null(fp);
	fputs("{\"period\":\"2030\",\"val", fp);
	fclose(fp);
	assert_false(fsutil_mark_holds(f->path, &m));
	e = entry_of(2022, 3);
	assert_int_equal(
	    journal_append_marked(f->path, &e, 1, &m, err, sizeof(err)), 0);
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, &torn, err, sizeof(err)), 3);
	assert_int_equal(torn, 0);
	assert_exact(l->v[2].value, 3, "2022");
	obs_list_clear(l);
	/* A file put in its place (a compaction renames one in): another
	 * inode, so it is read as any journal, its header kept. */
	snprintf(other, sizeof(other), "%s.new", f->path);
	write_text(other, "");
	assert_int_equal(rename(other, f->path), 0);
	assert_false(fsutil_mark_holds(f->path, &m));
	e = entry_of(2023, 4);
	assert_int_equal(
	    journal_append_marked(f->path, &e, 1, &m, err, sizeof(err)), 0);
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, l, &torn, err, sizeof(err)), 1);
	assert_exact(l->v[0].value, 4, "2023 in the new file");
	assert_true(fsutil_mark_holds(f->path, &m));
	obs_list_clear(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_journal_round_trip_exact, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_round_trip_periods, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_ytd_not_monthly, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_later_wins, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_appends_to_current, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_other_freq, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_malformed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_journal_torn, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_append_unformattable, setup, teardown),
	    cmocka_unit_test(test_same_value_tolerance),
	    cmocka_unit_test_setup_teardown(
		test_journal_missing, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_too_big, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_many_revisions, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_journal_marked_append, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
