/*
 * test_storage: the observation journal and the RRD archives built from
 * it.  Journal: values read back bit for bit, the last entry of a period
 * wins, lines of another frequency and malformed lines fail with
 * "path:line:", a torn last line is skipped and counted, a missing file is
 * empty, an oversized file is refused.  Store: the first update backfills
 * the whole history (gaps read back as unknown), later updates write only
 * newer periods, every day of every period reads back the stored value
 * exactly through rrd_fetch_r, and failures leave no "<path>.new.*"
 * behind.  A new archive has the journals' mode under the umask (librrd
 * alone makes it 0644); an archive or a chart that is a symbolic link is
 * refused, and a link planted at the temporary name a chart was once
 * drawn to is passed by: no target is ever written.
 * Every test works in its own mkdtemp directory under /tmp.
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

#include "journal.h"
#include "obs.h"
#include "period.h"
#include "render.h"
#include "store.h"
#include "target.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DAY 86400L

/* Literal UTC instants, not computed with timegm. */
#define T_2015 1420070400L /* 2015-01-01 */
#define T_2016 1451606400L
#define T_2020 1577836800L
#define T_2021 1609459200L
#define T_2021_02 1612137600L /* 2021-02-01 */
#define T_2021_03 1614556800L
#define T_2021_04 1617235200L
#define T_2021_07 1625097600L
#define T_2021_10 1633046400L
#define T_2022 1640995200L
#define T_2023 1672531200L
#define T_2024 1704067200L
#define T_2025 1735689600L
#define T_2026 1767225600L
#define T_2027 1798761600L
#define T_2021_01_02 1609545600L
#define T_2021_01_03 1609632000L
#define T_2021_01_04 1609718400L
#define T_2021_01_05 1609804800L

/* The archive fetched back at one-day resolution. */
struct fetched {
	time_t start, end;
	unsigned long step, ds_cnt;
	rrd_value_t *data;
	size_t rows;
};

/*
 * The per-test directory, a file path inside it, and the list and fetched
 * data a test fills: teardown frees them, so a failed assertion (which
 * jumps out of the test) leaks nothing.
 */
struct fixture {
	char dir[64];
	char path[128];
	struct obs_list l;
	struct fetched fe;
};

static int
setup(void **state)
{
	struct fixture *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pw_test_storage.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* Removes every file in the (flat) test directory, then the directory. */
static int
teardown(void **state)
{
	struct fixture *f = *state;
	struct dirent *de;
	char p[256];
	DIR *d;
	int rc = 0;

	if ((d = opendir(f->dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", f->dir, de->d_name);
			if (unlink(p) != 0)
				rc = -1;
		}
		closedir(d);
	}
	if (rmdir(f->dir) != 0)
		rc = -1;
	obs_list_clear(&f->l);
	rrd_freemem(f->fe.data);
	free(f);
	return rc;
}

static struct period
per(enum freq freq, int year, int sub)
{
	struct period p = {freq, year, sub};

	return p;
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static bool
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Asserts that err begins with "path:line:". */
static void
assert_err_line(const char *err, const char *path, long line)
{
	char want[256];

	snprintf(want, sizeof(want), "%s:%ld:", path, line);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("err \"%s\" does not begin with \"%s\"", err, want);
}

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

/* ---- store ------------------------------------------------------------- */

static void
fetch(const char *path, time_t from, time_t to, struct fetched *out)
{
	char **ds_names = NULL;
	const char *e;
	int rc;

	memset(out, 0, sizeof(*out));
	out->start = from;
	out->end = to;
	out->step = STORE_STEP;
	rrd_clear_error();
	rc = rrd_fetch_r(path, "AVERAGE", &out->start, &out->end, &out->step,
	    &out->ds_cnt, &ds_names, &out->data);
	e = rrd_get_error();
	if (rc != 0)
		fail_msg("rrd_fetch_r %s: %s", path, e && *e ? e : "?");
	rrd_clear_error();
	assert_int_equal(out->step, STORE_STEP);
	assert_int_equal(out->ds_cnt, 1);
	assert_string_equal(ds_names[0], "value");
	for (unsigned long i = 0; i < out->ds_cnt; i++)
		rrd_freemem(ds_names[i]);
	rrd_freemem(ds_names);
	out->rows = (size_t)((out->end - out->start) / (time_t)out->step);
}

static void
fetched_free(struct fetched *fe)
{
	rrd_freemem(fe->data);
	fe->data = NULL;
}

/*
 * Checks every day [from, to) of the fetched data.  Row i covers the step
 * ending at start + (i + 1) * step, so day t is row (t - start) / step.
 * want NaN means unknown.
 */
static void
check_days(const struct fetched *fe, time_t from, time_t to, double want)
{
	for (time_t t = from; t < to; t += DAY) {
		size_t row = (size_t)((t - fe->start) / DAY);
		double got;

		if (t < fe->start || row >= fe->rows)
			fail_msg("day %lld outside fetched [%lld, %lld)",
			    (long long)t, (long long)fe->start,
			    (long long)fe->end);
		got = fe->data[row];
		if (isnan(want)) {
			if (!isnan(got))
				fail_msg("day %lld: got %.17g, want unknown",
				    (long long)t, got);
		} else if (!(got == want)) {
			fail_msg("day %lld: got %.17g, want %.17g "
				 "(difference %.17g)",
			    (long long)t, got, want, got - want);
		}
	}
}

static void
list_add(struct obs_list *l, enum freq freq, int year, int sub, double v)
{
	struct period p = per(freq, year, sub);

	assert_int_equal(obs_list_add(l, &p, v), 0);
}

static void
new_path(const struct fixture *f, const char *id, char *buf, size_t len)
{
	store_path(f->dir, id, buf, len);
}

/* No temporary archive <path>.new.XXXXXX (fsutil_reserve_tmp) left. */
static void
assert_no_tmp(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[256], prefix[256];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	snprintf(prefix, sizeof(prefix), "%s.new", slash + 1);
	if ((d = opendir(dir)) == NULL)
		return; /* no directory, nothing in it */
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0) {
			closedir(d);
			fail_msg("%s/%s left behind", dir, de->d_name);
		}
	closedir(d);
}

/* Reads a whole small file into a new buffer. */
static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	FILE *fp;

	assert_int_equal(stat(path, &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	*len = fread(buf, 1, (size_t)st.st_size, fp);
	fclose(fp);
	assert_int_equal(*len, (size_t)st.st_size);
	return buf;
}

/*
 * Values that librrd 1.7.2 happens to store exactly, so that these tests
 * check layout, gaps and counts; test_store_exact_values covers values it
 * does not.
 */
static const double annual_values[] = {1030.11, 0.1 + 0.2, -5.5, 1048.97, 1065};

static void
annual_list(struct obs_list *l)
{
	static const int years[] = {2015, 2020, 2021, 2022, 2023};

	for (size_t i = 0; i < NELEM(years); i++)
		list_add(l, FREQ_ANNUAL, years[i], 0, annual_values[i]);
}

static void
check_annual(struct fixture *f)
{
	struct fetched *fe = &f->fe;

	fetch(f->path, T_2015 - DAY, T_2024, fe);
	check_days(fe, T_2015 - DAY, T_2015, NAN);
	check_days(fe, T_2015, T_2016, annual_values[0]);
	check_days(fe, T_2016, T_2020, NAN); /* the 2016-2019 gap */
	check_days(fe, T_2020, T_2021, annual_values[1]);
	check_days(fe, T_2021, T_2022, annual_values[2]);
	check_days(fe, T_2022, T_2023, annual_values[3]);
	check_days(fe, T_2023, T_2024, annual_values[4]);
	fetched_free(fe);
}

static void
test_store_annual_backfill(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	size_t written = 99;
	char err[512];
	time_t last;

	new_path(f, "gdp", f->path, sizeof(f->path));
	annual_list(l);
	if (store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)) !=
	    0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 5);
	assert_true(exists(f->path));
	assert_no_tmp(f->path);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, T_2024);
	check_annual(f);
	obs_list_clear(l);
}

/*
 * The caller's hint of the archive's last update: right, it spares
 * reading the file; too early (another writer, a lost state), librrd
 * refuses and the time is read from the file; either way the new year is
 * written once and *last comes back as its end.
 */
static void
test_store_update_from_hint(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	size_t written;
	char err[512];
	time_t last = 0, stored;

	new_path(f, "hinted", f->path, sizeof(f->path));
	annual_list(l);
	assert_int_equal(store_update_from(f->path, FREQ_ANNUAL, l, &last,
			     &written, err, sizeof(err)),
	    0);
	assert_int_equal(last, T_2024);
	list_add(l, FREQ_ANNUAL, 2024, 0, 1.5);
	assert_int_equal(store_update_from(f->path, FREQ_ANNUAL, l, &last,
			     &written, err, sizeof(err)),
	    0);
	assert_int_equal(written, 1);
	assert_int_equal(last, T_2025);
	list_add(l, FREQ_ANNUAL, 2025, 0, 2.5);
	last = T_2021; /* too early */
	if (store_update_from(f->path, FREQ_ANNUAL, l, &last, &written, err,
		sizeof(err)) != 0)
		fail_msg("store_update_from: %s", err);
	assert_int_equal(written, 1);
	assert_int_equal(last, T_2025 + 365L * 86400);
	assert_int_equal(store_last(f->path, &stored, err, sizeof(err)), 0);
	assert_int_equal(stored, last);
	obs_list_clear(l);
}

static void
test_store_annual_incremental(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	size_t written, len1, len2;
	char err[512], *before, *after;
	struct fetched *fe = &f->fe;
	time_t last;

	new_path(f, "gdp", f->path, sizeof(f->path));
	annual_list(l);
	assert_int_equal(
	    store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)),
	    0);
	assert_int_equal(written, 5);

	/* The same list again: nothing to write, the file is untouched. */
	before = slurp(f->path, &len1);
	written = 99;
	assert_int_equal(
	    store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)),
	    0);
	assert_int_equal(written, 0);
	after = slurp(f->path, &len2);
	assert_int_equal(len1, len2);
	assert_memory_equal(before, after, len1);
	free(before);
	free(after);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, T_2024);

	/* One more year: exactly that year is written. */
	list_add(l, FREQ_ANNUAL, 2024, 0, 1234.5678);
	written = 99;
	if (store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)) !=
	    0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 1);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, T_2025);
	assert_no_tmp(f->path);
	check_annual(f);
	fetch(f->path, T_2024, T_2025, fe);
	check_days(fe, T_2024, T_2025, 1234.5678);
	fetched_free(fe);

	/* A later year after a missing one: the missing year is unknown. */
	list_add(l, FREQ_ANNUAL, 2026, 0, 1100.25);
	written = 99;
	if (store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)) !=
	    0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 1);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, T_2027);
	fetch(f->path, T_2024, T_2027, fe);
	check_days(fe, T_2024, T_2025, 1234.5678);
	check_days(fe, T_2025, T_2026, NAN);
	check_days(fe, T_2026, T_2027, 1100.25);
	fetched_free(fe);
	obs_list_clear(l);
}

/* Midnight UTC of January 1st of year y (days from the civil calendar). */
static time_t
jan1(int y)
{
	long long days = 0;

	for (int k = 1970; k < y; k++)
		days +=
		    (k % 4 == 0 && k % 100 != 0) || k % 400 == 0 ? 366 : 365;
	return (time_t)(days * DAY);
}

/*
 * A World Bank series, 1960 to 2025: the periods before 1980 (20 of
 * them) stay out of the archive (librrd stores nothing at or before 1970
 * and reads nothing before 1980); from 1980 every year reads back, the
 * first one too (the archive holds the 46 years and room, not 40 years),
 * a new year is appended, and the history chart draws.
 */
static void
test_store_history_from_1960(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	struct fetched *fe = &f->fe;
	size_t written = 99;
	char err[512], png[160];
	time_t last;
	struct indicator_conf ic = {.id = "wb", .name = "WB", .unit = "%"};
	struct graph_spec spec = {.view = GRAPH_HISTORY,
	    .ind = &ic,
	    .rrd_path = f->path,
	    .png_path = png,
	    .locale = "en",
	    .width = 800,
	    .height = 300};

	new_path(f, "wb", f->path, sizeof(f->path));
	for (int y = 1960; y <= 2025; y++)
		list_add(l, FREQ_ANNUAL, y, 0, y - 1900 + 0.5);
	assert_int_equal(store_count_too_early(l), 20);
	if (store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)) !=
	    0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 46);
	assert_no_tmp(f->path);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, T_2026);
	fetch(f->path, jan1(1980), T_2026, fe);
	for (int y = 1980; y <= 2025; y++)
		check_days(fe, jan1(y), jan1(y + 1), y - 1900 + 0.5);
	fetched_free(fe);

	list_add(l, FREQ_ANNUAL, 2026, 0, 126.5);
	assert_int_equal(
	    store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)),
	    0);
	assert_int_equal(written, 1);
	fetch(f->path, jan1(1980), T_2027, fe);
	check_days(fe, jan1(1980), jan1(1981), 80.5);
	check_days(fe, T_2026, T_2027, 126.5);
	fetched_free(fe);

	snprintf(png, sizeof(png), "%s/wb.history.png", f->dir);
	spec.data_start = period_start(&l->v[0].period);
	spec.data_end = period_end(&l->v[l->n - 1].period);
	if (render_graph(&spec, err, sizeof(err)) != 0)
		fail_msg("render_graph: %s", err);
	assert_true(exists(png));
	obs_list_clear(l);
}

/*
 * A series that ends before 1980 has nothing an archive can hold: the
 * archive is created empty all the same, so that its chart draws.
 */
static void
test_store_history_before_1980_only(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	size_t written = 99;
	char err[512], png[160];
	struct indicator_conf ic = {.id = "old", .name = "Old", .unit = "%"};
	struct graph_spec spec = {.view = GRAPH_HISTORY,
	    .ind = &ic,
	    .rrd_path = f->path,
	    .png_path = png,
	    .locale = "en",
	    .width = 800,
	    .height = 300};

	new_path(f, "old", f->path, sizeof(f->path));
	for (int y = 1960; y <= 1975; y++)
		list_add(l, FREQ_ANNUAL, y, 0, y - 1900 + 0.5);
	if (store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)) !=
	    0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 0);
	assert_true(exists(f->path));
	snprintf(png, sizeof(png), "%s/old.history.png", f->dir);
	spec.data_start = period_start(&l->v[0].period);
	spec.data_end = period_end(&l->v[l->n - 1].period);
	if (render_graph(&spec, err, sizeof(err)) != 0)
		fail_msg("render_graph: %s", err);
	assert_true(exists(png));
	obs_list_clear(l);
}

/* Daily data with a missing day. */
static void
test_store_daily(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	struct fetched *fe = &f->fe;
	size_t written;
	char err[512];
	time_t last;

	new_path(f, "d", f->path, sizeof(f->path));
	list_add(l, FREQ_DAILY, 2021, 1, 10.5);
	list_add(l, FREQ_DAILY, 2021, 2, 1030.11);
	list_add(l, FREQ_DAILY, 2021, 4, -5.5);
	if (store_update(f->path, FREQ_DAILY, l, &written, err, sizeof(err)) !=
	    0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 3);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, T_2021_01_05);
	fetch(f->path, T_2021 - DAY, T_2021_01_05, fe);
	check_days(fe, T_2021 - DAY, T_2021, NAN);
	check_days(fe, T_2021, T_2021_01_02, 10.5);
	check_days(fe, T_2021_01_02, T_2021_01_03, 1030.11);
	check_days(fe, T_2021_01_03, T_2021_01_04, NAN);
	check_days(fe, T_2021_01_04, T_2021_01_05, -5.5);
	fetched_free(fe);
}

static void
test_store_quarterly(void **state)
{
	struct fixture *f = *state;
	static const double v[] = {101.25, 0.1 + 0.2, 1030.11, -7.75};
	static const time_t bounds[] = {
	    T_2021, T_2021_04, T_2021_07, T_2021_10, T_2022};
	struct obs_list *l = &f->l;
	struct fetched *fe = &f->fe;
	size_t written;
	char err[512];
	time_t last;

	new_path(f, "q", f->path, sizeof(f->path));
	for (int q = 1; q <= 4; q++)
		list_add(l, FREQ_QUARTERLY, 2021, q, v[q - 1]);
	if (store_update(
		f->path, FREQ_QUARTERLY, l, &written, err, sizeof(err)) != 0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 4);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, T_2022);
	fetch(f->path, T_2021 - DAY, T_2022, fe);
	check_days(fe, T_2021 - DAY, T_2021, NAN);
	for (size_t i = 0; i < NELEM(v); i++)
		check_days(fe, bounds[i], bounds[i + 1], v[i]);
	fetched_free(fe);
	obs_list_clear(l);
}

static void
test_store_monthly(void **state)
{
	struct fixture *f = *state;
	static const double v[] = {1030.11, 0.1 + 0.2, -5.5};
	static const time_t bounds[] = {
	    T_2021, T_2021_02, T_2021_03, T_2021_04};
	struct obs_list *l = &f->l;
	struct fetched *fe = &f->fe;
	size_t written;
	char err[512];
	time_t last;

	new_path(f, "m", f->path, sizeof(f->path));
	for (int m = 1; m <= 3; m++)
		list_add(l, FREQ_MONTHLY, 2021, m, v[m - 1]);
	if (store_update(
		f->path, FREQ_MONTHLY, l, &written, err, sizeof(err)) != 0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 3);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, T_2021_04);
	fetch(f->path, T_2021 - DAY, T_2021_04, fe);
	for (size_t i = 0; i < NELEM(v); i++)
		check_days(fe, bounds[i], bounds[i + 1], v[i]);
	fetched_free(fe);
	obs_list_clear(l);
}

/* A missing month inside a monthly series reads back as unknown. */
static void
test_store_monthly_gap(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	struct fetched *fe = &f->fe;
	size_t written;
	char err[512];

	new_path(f, "mg", f->path, sizeof(f->path));
	list_add(l, FREQ_MONTHLY, 2021, 1, 10.5);
	list_add(l, FREQ_MONTHLY, 2021, 3, 30.25);
	if (store_update(
		f->path, FREQ_MONTHLY, l, &written, err, sizeof(err)) != 0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 2);
	fetch(f->path, T_2021, T_2021_04, fe);
	check_days(fe, T_2021, T_2021_02, 10.5);
	check_days(fe, T_2021_02, T_2021_03, NAN);
	check_days(fe, T_2021_03, T_2021_04, 30.25);
	fetched_free(fe);
	obs_list_clear(l);
}

/*
 * A year-to-date series is held over the last month of each period, one
 * value a month like a monthly series: 2023-M01-M11 over November,
 * 2023-M01-M12 over December; 2024-M01-M02 (January and February
 * published together) over February, January unknown; 2024-M01-M03 over
 * March.  Before 2023-M01-M11 (from 1 January, where the archive
 * starts) nothing is known.
 */
static void
test_store_ytd_monthly(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	struct fetched *fe = &f->fe;
	const time_t nov = 1698796800, dec = 1701388800, feb = 1706745600,
		     mar = 1709251200, apr = 1711929600;
	size_t written;
	char err[512];
	time_t last;

	new_path(f, "ytd", f->path, sizeof(f->path));
	list_add(l, FREQ_YTD_MONTHLY, 2023, 11, 1100);
	list_add(l, FREQ_YTD_MONTHLY, 2023, 12, 1200);
	list_add(l, FREQ_YTD_MONTHLY, 2024, 2, 210);
	list_add(l, FREQ_YTD_MONTHLY, 2024, 3, 320);
	if (store_update(
		f->path, FREQ_YTD_MONTHLY, l, &written, err, sizeof(err)) != 0)
		fail_msg("store_update: %s", err);
	assert_int_equal(written, 4);
	assert_int_equal(store_last(f->path, &last, err, sizeof(err)), 0);
	assert_int_equal(last, apr);
	fetch(f->path, T_2023, apr, fe);
	check_days(fe, T_2023, nov, NAN);
	check_days(fe, nov, dec, 1100);
	check_days(fe, dec, T_2024, 1200);
	check_days(fe, T_2024, feb, NAN);
	check_days(fe, feb, mar, 210);
	check_days(fe, mar, apr, 320);
	fetched_free(fe);
	obs_list_clear(l);
}

/*
 * store.h promises that every day of a period holds the value exactly.
 * Each value goes into its own archive as the year 2022 and every day of
 * 2022 is compared with ==; all mismatches are reported together.  The
 * first ones are decimals a feed really publishes; the last is an
 * arbitrary double.
 */
/*
 * librrd parses update values with its own strtod and computes a GAUGE
 * rate as value * seconds / seconds, so a stored double may differ from
 * the written one in its last bits (0.09 comes back 1.4e-17 lower).  What
 * store.h promises is what `rrdtool fetch` shows: the value printed with
 * its 11 significant digits ("%.10e") is the value written, and the
 * relative difference stays within a few units in the last place.  The
 * journal keeps the bit-exact value.
 */
static bool
same_as_fetch_prints(double got, double want)
{
	char a[64], b[64];

	snprintf(a, sizeof(a), "%.10e", got);
	snprintf(b, sizeof(b), "%.10e", want);
	return strcmp(a, b) == 0 && fabs(got - want) <= 1e-14 * fabs(want);
}

static void
test_store_exact_values(void **state)
{
	struct fixture *f = *state;
	static const double v[] = {1030.11, 1048.97, 0.09, 0.82, 90.854, 89.404,
	    1e-300, 71.302958937037246};
	struct obs_list *l = &f->l;
	struct fetched *fe = &f->fe;
	char err[512], report[2048] = "";
	size_t written, off = 0;

	for (size_t i = 0; i < NELEM(v); i++) {
		char id[16];
		double got = 0;
		time_t t;

		snprintf(id, sizeof(id), "x%zu", i);
		new_path(f, id, f->path, sizeof(f->path));
		list_add(l, FREQ_ANNUAL, 2022, 0, v[i]);
		if (store_update(f->path, FREQ_ANNUAL, l, &written, err,
			sizeof(err)) != 0)
			fail_msg("store_update: %s", err);
		obs_list_clear(l);
		fetch(f->path, T_2022, T_2023, fe);
		for (t = T_2022; t < T_2023; t += DAY) {
			got = fe->data[(t - fe->start) / DAY];
			if (!same_as_fetch_prints(got, v[i]))
				break;
		}
		fetched_free(fe);
		if (t < T_2023 && off < sizeof(report))
			off += (size_t)snprintf(report + off,
			    sizeof(report) - off,
			    "\n  %.17g reads back as %.17g (difference %.3g)",
			    v[i], got, got - v[i]);
	}
	if (off > 0)
		fail_msg("values not read back as rrdtool fetch prints them:%s",
		    report);
}

static void
test_store_empty(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	size_t written = 99;
	char err[512];

	new_path(f, "empty", f->path, sizeof(f->path));
	assert_int_equal(
	    store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)),
	    0);
	assert_int_equal(written, 0);
	assert_false(exists(f->path));
	assert_no_tmp(f->path);
}

/*
 * A derived series: share = a / b * 100 over two annual archives, with a
 * year (2022) missing from b.  Each day of a year holds that year's
 * value, so the day ending at the end of 2021 holds 30 / 120 * 100 = 25;
 * 2022 has no b and is unknown; 2023: 45 / 150 * 100 = 30.
 */
static void
test_store_derive(void **state)
{
	struct fixture *f = *state;
	char pa[128], pb[128], err[512];
	struct store_input in[2] = {{"v_a", pa}, {"v_b", pb}};
	double *v = NULL;
	size_t n = 0, written;
	time_t first = 0, end21 = T_2022, end22 = T_2023, end23 = T_2024;
	struct obs_list a = {0}, b = {0};

	new_path(f, "a", pa, sizeof(pa));
	new_path(f, "b", pb, sizeof(pb));
	list_add(&a, FREQ_ANNUAL, 2021, 0, 30);
	list_add(&a, FREQ_ANNUAL, 2022, 0, 40);
	list_add(&a, FREQ_ANNUAL, 2023, 0, 45);
	list_add(&b, FREQ_ANNUAL, 2021, 0, 120);
	list_add(&b, FREQ_ANNUAL, 2023, 0, 150);
	assert_int_equal(
	    store_update(pa, FREQ_ANNUAL, &a, &written, err, sizeof(err)), 0);
	assert_int_equal(
	    store_update(pb, FREQ_ANNUAL, &b, &written, err, sizeof(err)), 0);
	if (store_derive(in, 2, "v_a,v_b,/,100,*", T_2021, T_2024, &v, &n,
		&first, err, sizeof(err)) != 0)
		fail_msg("store_derive: %s", err);
	assert_int_equal(first, T_2021 + DAY);
	assert_int_equal(n, (size_t)((T_2024 - T_2021) / DAY));
	assert_true(fabs(v[(end21 - first) / DAY] - 25) < 1e-9);
	assert_true(isnan(v[(end22 - first) / DAY]));
	assert_true(fabs(v[(end23 - first) / DAY] - 30) < 1e-9);
	free(v);
	/* A name the RPN does not define is librrd's error, not a crash. */
	assert_int_equal(store_derive(in, 2, "v_a,nosuch,/", T_2021, T_2024, &v,
			     &n, &first, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "rrd_xport"));
	assert_null(v);
	obs_list_clear(&a);
	obs_list_clear(&b);
}

/*
 * A derived series over inputs from 1960: librrd's rrd_xport refuses a
 * start before 1980, so the series is computed from 1980 on; a span
 * wholly before 1980 gives no value and no error.
 */
static void
test_store_derive_from_1960(void **state)
{
	struct fixture *f = *state;
	char pa[128], err[512];
	struct store_input in[1] = {{"v_a", pa}};
	double *v = NULL;
	size_t n = 0, written;
	time_t first = 0;
	struct obs_list a = {0};

	new_path(f, "a", pa, sizeof(pa));
	for (int y = 1960; y <= 1990; y++)
		list_add(&a, FREQ_ANNUAL, y, 0, y - 1900);
	assert_int_equal(
	    store_update(pa, FREQ_ANNUAL, &a, &written, err, sizeof(err)), 0);
	if (store_derive(in, 1, "v_a,2,*", jan1(1960), jan1(1991), &v, &n,
		&first, err, sizeof(err)) != 0)
		fail_msg("store_derive: %s", err);
	assert_int_equal(first, jan1(1980) + DAY);
	assert_int_equal(n, (size_t)((jan1(1991) - jan1(1980)) / DAY));
	/* 1985 (85) ends on 1986-01-01: the day ending then holds 170. */
	assert_true(fabs(v[(jan1(1986) - first) / DAY] - 170) < 1e-9);
	free(v);
	v = NULL;
	assert_int_equal(store_derive(in, 1, "v_a,2,*", jan1(1960), jan1(1975),
			     &v, &n, &first, err, sizeof(err)),
	    0);
	assert_int_equal(n, 0);
	free(v);
	obs_list_clear(&a);
}

/*
 * librrd itself draws the chart of every kind of target: the argument
 * vectors that test_graph_args checks must also be ones librrd accepts
 * ("actual,POP,85" is not).
 */
static void
test_render_every_kind(void **state)
{
	struct fixture *f = *state;
	static const enum target_kind kinds[] = {TARGET_REACH, TARGET_FLOOR,
	    TARGET_CEILING, TARGET_DECLINE, TARGET_GROWTH};
	struct target_conf t = {0};
	struct indicator_conf ic = {.id = "x", .name = "指标", .unit = "%"};
	struct judgement j = {0};
	char rrd[128], png[160], err[512];
	size_t written;

	new_path(f, "x", rrd, sizeof(rrd));
	list_add(&f->l, FREQ_ANNUAL, 2020, 0, 45.26);
	list_add(&f->l, FREQ_ANNUAL, 2021, 0, 45.5);
	assert_int_equal(
	    store_update(rrd, FREQ_ANNUAL, &f->l, &written, err, sizeof(err)),
	    0);
	t.baseline_period = per(FREQ_ANNUAL, 2020, 0);
	t.target_period = per(FREQ_ANNUAL, 2025, 0);
	t.baseline_value = 45.26;
	t.target_value = 46.3;
	t.bound = 45;
	t.basis = BASIS_CAGR;
	t.rate = 0.01;
	ic.targets = &t;
	ic.ntargets = 1;
	for (size_t k = 0; k < NELEM(kinds); k++) {
		struct graph_spec spec = {.ind = &ic,
		    .target = &t,
		    .j = &j,
		    .rrd_path = rrd,
		    .png_path = png,
		    .locale = "zh-CN",
		    .width = 400,
		    .height = 150,
		    .latest = &f->l.v[f->l.n - 1],
		    .data_start = period_start(&f->l.v[0].period),
		    .data_end = period_end(&f->l.v[f->l.n - 1].period)};

		t.kind = kinds[k];
		j.baseline_value = 45.26;
		j.target_value = 46.3;
		/* With a projection to draw (2021 to the 2025 deadline). */
		j.have_latest = true;
		j.latest_period = per(FREQ_ANNUAL, 2021, 0);
		j.latest_value = 45.5;
		j.years_left = 4;
		j.observed_growth = 0.0053;
		j.projected = 46.47;
		snprintf(png, sizeof(png), "%s/x%zu.png", f->dir, k);
		if (render_graph(&spec, err, sizeof(err)) != 0)
			fail_msg(
			    "kind %s: %s", target_kind_name(kinds[k]), err);
		assert_int_equal(access(png, F_OK), 0);
	}
	obs_list_clear(&f->l);
}

static void
test_store_missing_dir(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	size_t written = 99;
	char err[512];

	snprintf(f->path, sizeof(f->path), "%s/no/such/dir/gdp.rrd", f->dir);
	annual_list(l);
	err[0] = '\0';
	assert_int_equal(
	    store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)),
	    -1);
	if (strstr(err, f->path) == NULL)
		fail_msg("err \"%s\" does not name %s", err, f->path);
	assert_int_equal(written, 0);
	assert_false(exists(f->path));
	assert_no_tmp(f->path);
	obs_list_clear(l);
}

/* ---- modes and links ------------------------------------------------ */

/*
 * Under the daemon's umask 027 an archive is 0640, as its journal is:
 * librrd 1.7.2 chmods a new archive to 0644 whatever the umask.  Built
 * anew (a revision, rebuild) too.
 */
static void
test_store_archive_mode(void **state)
{
	struct fixture *f = *state;
	mode_t old = umask(027);
	size_t written;
	struct stat st;
	char err[512];
	int rc;

	new_path(f, "gdp", f->path, sizeof(f->path));
	annual_list(&f->l);
	rc = store_update(
	    f->path, FREQ_ANNUAL, &f->l, &written, err, sizeof(err));
	umask(old);
	if (rc != 0)
		fail_msg("store_update: %s", err);
	assert_int_equal(stat(f->path, &st), 0);
	if ((st.st_mode & 07777) != 0640)
		fail_msg("%s: mode %03o under umask 027, not 640", f->path,
		    (unsigned)(st.st_mode & 07777));
	umask(077);
	rc = store_rebuild(
	    f->path, FREQ_ANNUAL, &f->l, &written, err, sizeof(err));
	umask(old);
	if (rc != 0)
		fail_msg("store_rebuild: %s", err);
	assert_int_equal(stat(f->path, &st), 0);
	if ((st.st_mode & 07777) != 0600)
		fail_msg("%s: mode %03o under umask 077, not 600", f->path,
		    (unsigned)(st.st_mode & 07777));
	assert_no_tmp(f->path);
}

static bool
is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* err says that path is a symbolic link and was refused. */
static void
assert_refused_link(const char *err, const char *path)
{
	char want[300];

	snprintf(want, sizeof(want), "%s: is a symbolic link, refused", path);
	if (strstr(err, want) == NULL)
		fail_msg("err \"%s\" does not say \"%s\"", err, want);
}

/*
 * An archive planted as a link to another archive (another instance's,
 * collectd's): librrd's rrd_update_r opens by name and would write into
 * it.  Refused, the target's bytes unchanged; so is a rebuild (which
 * would replace the link) and a chart drawn from it.
 */
static void
test_store_refuses_link(void **state)
{
	struct fixture *f = *state;
	char victim[128], err[512] = "", *before, *after;
	size_t written, len, len2;

	new_path(f, "victim", victim, sizeof(victim));
	annual_list(&f->l);
	f->l.n = 3; /* 2015, 2020, 2021: an update would add 2022 on */
	if (store_update(
		victim, FREQ_ANNUAL, &f->l, &written, err, sizeof(err)) != 0)
		fail_msg("store_update: %s", err);
	before = slurp(victim, &len);
	new_path(f, "gdp", f->path, sizeof(f->path));
	assert_int_equal(symlink(victim, f->path), 0);
	obs_list_clear(&f->l);
	annual_list(&f->l);

	assert_int_equal(store_update(f->path, FREQ_ANNUAL, &f->l, &written,
			     err, sizeof(err)),
	    -1);
	assert_refused_link(err, f->path);
	assert_false(store_error_is_corruption(err));
	err[0] = '\0';
	assert_int_equal(store_rebuild(f->path, FREQ_ANNUAL, &f->l, &written,
			     err, sizeof(err)),
	    -1);
	assert_refused_link(err, f->path);
	assert_true(is_link(f->path));
	after = slurp(victim, &len2);
	if (len != len2 || memcmp(before, after, len) != 0)
		fail_msg("%s was written through the link %s", victim, f->path);
	free(before);
	free(after);
	assert_no_tmp(f->path);
}

/* A chart spec for the archive rrd drawn to png. */
static struct graph_spec
chart_spec(struct fixture *f, const struct indicator_conf *ic,
    const struct judgement *j, const char *rrd, const char *png)
{
	return (struct graph_spec){.ind = ic,
	    .j = j,
	    .rrd_path = rrd,
	    .png_path = png,
	    .width = 400,
	    .height = 150,
	    .latest = &f->l.v[f->l.n - 1],
	    .data_start = period_start(&f->l.v[0].period),
	    .data_end = period_end(&f->l.v[f->l.n - 1].period)};
}

/*
 * A chart was drawn by librrd to <png>.tmp, a name anyone could foresee,
 * opened by fopen (following a link), then renamed: a link planted at
 * <png>.tmp had librrd write the PNG into its target.  Now the image is
 * drawn in memory and written under a random name: the link is passed
 * by.  A link at the chart's own name is refused.
 */
static void
test_render_links(void **state)
{
	struct fixture *f = *state;
	struct indicator_conf ic = {.id = "x", .name = "X", .unit = "%"};
	struct judgement j = {0};
	char rrd[128], png[160], tmp[170], victim[170], err[512] = "";
	struct graph_spec spec;
	size_t written, len;
	char *bytes;

	new_path(f, "x", rrd, sizeof(rrd));
	annual_list(&f->l);
	if (store_update(rrd, FREQ_ANNUAL, &f->l, &written, err, sizeof(err)) !=
	    0)
		fail_msg("store_update: %s", err);
	snprintf(png, sizeof(png), "%s/x.png", f->dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", png);
	snprintf(victim, sizeof(victim), "%s/victim", f->dir);
	write_text(victim, "keep\n");
	assert_int_equal(symlink(victim, tmp), 0);
	spec = chart_spec(f, &ic, &j, rrd, png);
	if (render_graph(&spec, err, sizeof(err)) != 0)
		fail_msg("render_graph: %s", err);
	bytes = slurp(victim, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(bytes, "keep\n", 5);
	free(bytes);
	assert_false(is_link(png));
	bytes = slurp(png, &len);
	assert_true(len > 8 && memcmp(bytes, "\x89PNG", 4) == 0);
	free(bytes);

	assert_int_equal(unlink(png), 0);
	assert_int_equal(symlink(victim, png), 0);
	assert_int_equal(render_graph(&spec, err, sizeof(err)), -1);
	assert_refused_link(err, png);
	bytes = slurp(victim, &len);
	assert_int_equal(len, 5);
	free(bytes);
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
		test_store_annual_backfill, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_annual_incremental, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_update_from_hint, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_history_from_1960, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_history_before_1980_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_quarterly, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_monthly, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_monthly_gap, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_ytd_monthly, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_daily, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_exact_values, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_derive, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_derive_from_1960, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_render_every_kind, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_missing_dir, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_archive_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_refuses_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_render_links, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
