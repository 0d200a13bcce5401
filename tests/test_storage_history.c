/*
 * test_storage_history: annual archives built from a journal.  The first
 * update backfills the whole history (gaps read back as unknown), later
 * updates write only newer periods (from the hint too), and a history
 * from 1960 keeps its periods before 1980 out of the archive while every
 * later year reads back and the history chart draws.
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
#include "render.h"
#include "store.h"
#include "unit/storage_case.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
