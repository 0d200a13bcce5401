/*
 * test_storage_derive: derived series computed over archives (a gap in
 * one input is unknown, periods before 1980 are left out) and a chart of
 * every kind drawn from them.
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
#include "target.h"
#include "unit/storage_case.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_store_derive, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_derive_from_1960, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_render_every_kind, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
