/*
 * test_storage_periods: archives of quarterly, monthly (with a gap, and
 * year-to-date) and daily series, every day of every period read back
 * through rrd_fetch_r; values stored as `rrdtool fetch` prints them; an
 * empty list writes no archive and leaves no "<path>.new.*" behind.
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

#include "obs.h"
#include "period.h"
#include "store.h"
#include "unit/storage_case.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
