/*
 * test_period_order: the order of periods (period_cmp across
 * frequencies and spellings, the coarser first at the same end),
 * year-to-date periods across a year boundary, and the observation lists
 * built on them (sorting keeps the last duplicate, a large shuffled list,
 * the cap).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "obs.h"
#include "period.h"
#include "unit/period_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct cmp_case {
	const char *a, *b;
	int sign;
};

static const struct cmp_case cmp_cases[] = {
    {"2021", "2022", -1},
    {"2022", "2021", 1},
    {"2021", "2021", 0},
    {"2021-Q3", "2021Q3", 0},
    {"2021C", "2021-Q3", 0},
    {"2021-M07", "202107", 0},
    {"2021-Q3", "2021-Q4", -1},
    {"2020-Q4", "2021-Q1", -1},
    {"2021-12", "2022-01", -1},
    {"2021-07-15", "2021-07-16", -1},
    {"2020-12-31", "2021-01-01", -1},
    {"2021-Q3", "2021", -1},
    {"2020", "2021-Q1", -1},
    {"2021-07", "2021-Q3", -1},
    {"2021-10", "2021-Q3", 1},
    {"2021-06-30", "2021-Q2", 1},
    {"2021-06-29", "2021-Q2", -1},
    /* same end: the coarser period first */
    {"2021", "2021-Q4", -1},
    {"2021-Q4", "2021-12", -1},
    {"2021-12", "2021-12-31", -1},
    {"2021-12-31", "2021", 1},
    /* half years and weeks */
    {"2021-S1", "2021-S2", -1},
    {"2020-S2", "2021-S1", -1},
    {"2021S1", "2021-S1", 0},
    {"2021年上半年", "2021-S1", 0},
    {"2021-S1", "2021-Q2", -1},
    {"2021-S1", "2021-Q3", -1},
    {"2021-S2", "2021-Q3", 1},
    {"2021", "2021-S2", -1},
    {"2021-S2", "2021-Q4", -1},
    {"2021-06", "2021-S1", 1},
    {"2021-W05", "2021-W06", -1},
    {"2020-W53", "2021-W01", -1},
    {"2020-W52", "2020-W53", -1},
    {"2021-W05", "2021W05", 0},
    {"2020-W53", "2020-12-31", 1},
    {"2020-W53", "2021", -1},
    {"2021-W01", "2021-01-10", -1},
    {"2021-W01", "2021-01-11", -1},
    {"2021-W01", "2021-01-09", 1},
    /* 2021-02 ends on Monday 1 March, with 2021-W08 */
    {"2021-02", "2021-W08", -1},
    {"2021-W08", "2021-02-28", -1},
    {"2021-W08", "2021-03", -1},
    {"2021-Q1", "2021-W13", -1},
    /* the other spellings */
    {"2021年第三季度", "2021-Q3", 0},
    {"2021年三季度", "2021C", 0},
    {"2021年07月", "2021-07", 0},
    {"2021年", "2021", 0},
    {"1626307200", "2021-07-15", 0},
    {"2021-07-15T08:00:00+08:00", "2021-07-15", 0},
    {"2021-07-15T23:59:59-05:00", "2021-07-16", -1},
    /* SDMX reporting periods, ranges and offsets */
    {"2021-A1", "2021", 0},
    {"2021-D196", "2021-07-15", 0},
    {"2021M07", "2021-07", 0},
    {"2021-Q3+08:00", "2021-Q3", 0},
    {"2021-01-01/P3M", "2021-Q1", 0},
    {"2021-T1", "2021-T2", -1},
    {"2021-T1", "2021-Q2", -1},
    {"2021-T2", "2021-S2", -1},
    {"2021-T3", "2021", 1},
    {"2021-T3", "2021-Q4", -1},
    /* year to date: ordered by end, after the other periods ending
     * with it */
    {"2021-M01-M09", "2021-M01-M10", -1},
    {"2021-M01-M12", "2022-M01-M01", -1},
    {"2021-M01-M09", "2021-09", 1},
    {"2021-M01-M09", "2021-Q3", 1},
    {"2021-M01-M09", "2021-10", -1},
    {"2021-M01-M12", "2021", 1},
    {"2021-Q1-Q3", "2021-M01-M09", -1},
    {"2021-Q1-Q3", "2021-Q1-Q4", -1},
    {"2023年1-9月", "2023-M01-M09", 0},
    {"2023年前三季度", "2023-Q1-Q3", 0},
    {"2023年1-2月", "2022-M01-M12", 1},
};

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

static void
test_ordering(void **state)
{
	struct period a, b;
	char err[256];

	(void)state;
	for (size_t i = 0; i < NELEM(cmp_cases); i++) {
		const struct cmp_case *c = &cmp_cases[i];

		assert_int_equal(period_parse(c->a, &a, err, sizeof(err)), 0);
		assert_int_equal(period_parse(c->b, &b, err, sizeof(err)), 0);
		if (sign(period_cmp(&a, &b)) != c->sign)
			fail_msg("cmp(%s, %s) = %d, want %d", c->a, c->b,
			    period_cmp(&a, &b), c->sign);
		assert_int_equal(sign(period_cmp(&b, &a)), -c->sign);
		assert_int_equal(period_equal(&a, &b), c->sign == 0);
	}
}

/* Parses a period the test knows to be good. */
static struct period
P(const char *text) {
	struct period p;
	char err[256];

	if (period_parse(text, &p, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	return p;
}

/* True when p is the period text names. */
static bool
is(const struct period *p, const char *text)
{
	struct period q = P(text);

	return period_equal(p, &q);
}

/*
 * Year-to-date periods across a year boundary: 2023-M01-M03 ..
 * 2023-M01-M12, then 2024-M01-M02 (the NBS publishes January and
 * February together).  They order by their ends; each starts on 1
 * January, and it is their last steps that follow each other: 2024's
 * first one takes up at 1 February, January left without a value; the
 * period a year before 2024-M01-M02 (same sub, year - 1, as yoy growth
 * pairs them) is 2023-M01-M02, not the 2023-M01-M12 that precedes it.
 */
static void
test_ytd_year_boundary(void **state)
{
	static const char *const texts[] = {"2024年1-2月", "2023年1-12月",
	    "2023年1-3月", "2023-M01-M11", "2023年1-2月", "2023-01-01/P9M"};
	struct obs_list l = {0};
	struct period p, prev, q;
	char text[PERIOD_TEXT_MAX];

	(void)state;
	for (size_t i = 0; i < NELEM(texts); i++)
		assert_int_equal(obs_list_add(&l, &(struct period){0}, 0), 0);
	for (size_t i = 0; i < NELEM(texts); i++)
		l.v[i].period = P(texts[i]);
	obs_list_sort(&l);
	assert_int_equal(l.n, 6);
	for (size_t i = 0; i < l.n; i++) {
		static const char *const want[] = {"2023-M01-M02",
		    "2023-M01-M03", "2023-M01-M09", "2023-M01-M11",
		    "2023-M01-M12", "2024-M01-M02"};

		period_format(&l.v[i].period, text, sizeof(text));
		assert_string_equal(text, want[i]);
		assert_int_equal(l.v[i].period.freq, FREQ_YTD_MONTHLY);
	}
	p = P("2024-M01-M02");
	prev = P("2023-M01-M12");
	assert_true(period_cmp(&prev, &p) < 0);
	assert_int_equal(period_start(&p), 1704067200); /* 2024-01-01 */
	assert_int_equal(period_step_start(&p), 1706745600); /* 02-01 */
	assert_int_equal(period_end(&p), 1709251200); /* 03-01 */
	assert_int_equal(period_start(&prev), 1672531200); /* 2023-01-01 */
	assert_int_equal(period_end(&prev), 1704067200);
	assert_near(period_years(&p), 2023 + 2.0 / 12, 1e-12, "2024-M01-M02");
	assert_near(period_years(&prev), 2023.0, 1e-12, "2023-M01-M12");
	/* what ends at 2024-01-01 is December's, what ends at 02-01 the
	 * missing January's */
	assert_int_equal(
	    period_from_end(period_end(&prev), FREQ_YTD_MONTHLY, &q), 0);
	assert_true(period_equal(&q, &prev));
	assert_int_equal(
	    period_from_end(period_step_start(&p), FREQ_YTD_MONTHLY, &q), 0);
	assert_true(is(&q, "2024-M01-M01"));
	/* the same period a year earlier */
	q = p;
	q.year--;
	assert_true(is(&q, "2023年1-2月"));
	assert_false(period_equal(&q, &prev));
	assert_near(
	    period_years(&p) - period_years(&q), 1.0, 1e-12, "a year apart");
	/* never a month, nor the year, though they end together */
	q = P("2024-02");
	assert_false(period_equal(&p, &q));
	assert_true(period_cmp(&q, &p) < 0);
	assert_false(is(&prev, "2023"));
	obs_list_clear(&l);
}

/* Formats a list as "2021=1 2022=2" for comparison. */
static void
obs_text(const struct obs_list *l, char *buf, size_t len)
{
	char ptext[PERIOD_TEXT_MAX];
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->n && off < len; i++) {
		period_format(&l->v[i].period, ptext, sizeof(ptext));
		off += (size_t)snprintf(buf + off, len - off, "%s%s=%g",
		    i ? " " : "", ptext, l->v[i].value);
	}
}

static void
add(struct obs_list *l, const char *text, double value)
{
	struct period p;
	char err[256];

	assert_int_equal(period_parse(text, &p, err, sizeof(err)), 0);
	assert_int_equal(obs_list_add(l, &p, value), 0);
}

static void
test_obs_sort_keeps_last(void **state)
{
	struct obs_list l = {0};
	struct period p;
	char buf[256], err[256];

	(void)state;
	obs_list_sort(&l);
	assert_int_equal(l.n, 0);
	add(&l, "2023", 1065);
	add(&l, "2021", 1);
	add(&l, "2022", 2);
	add(&l, "2021", 11);
	add(&l, "2023", 1048.97);
	add(&l, "2021", 111);
	assert_int_equal(period_parse("2021", &p, err, sizeof(err)), 0);
	assert_int_equal(obs_list_find(&l, &p), 5);
	obs_list_sort(&l);
	obs_text(&l, buf, sizeof(buf));
	assert_string_equal(buf, "2021=111 2022=2 2023=1048.97");
	assert_int_equal(obs_list_find(&l, &p), 0);
	assert_int_equal(period_parse("2020", &p, err, sizeof(err)), 0);
	assert_int_equal(obs_list_find(&l, &p), -1);
	obs_list_clear(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
	obs_list_clear(&l);
}

/*
 * A large shuffled list with many duplicates: after sorting, periods are
 * strictly increasing and each holds the value added last for it.
 */
static void
test_obs_sort_large(void **state)
{
	enum { NPERIODS = 3000, NOBS = 30000 };
	struct obs_list l = {0};
	int *last = calloc(NPERIODS, sizeof(*last));
	unsigned seed = 12345;
	size_t distinct = 0;
	struct period p;

	(void)state;
	assert_non_null(last);
	for (int i = 0; i < NOBS; i++) {
		seed = seed * 1103515245u + 12345u;
		p.freq = FREQ_MONTHLY;
		p.year = 2000 + (int)((seed >> 8) % NPERIODS) / 12;
		p.sub = 1 + (int)((seed >> 8) % NPERIODS) % 12;
		last[(p.year - 2000) * 12 + p.sub - 1] = i + 1;
		assert_int_equal(obs_list_add(&l, &p, i + 1), 0);
	}
	obs_list_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		int k =
		    (l.v[i].period.year - 2000) * 12 + l.v[i].period.sub - 1;

		if (i > 0)
			assert_true(
			    period_cmp(&l.v[i - 1].period, &l.v[i].period) < 0);
		assert_int_equal((int)l.v[i].value, last[k]);
	}
	for (int k = 0; k < NPERIODS; k++)
		distinct += last[k] != 0;
	assert_int_equal(l.n, distinct);
	obs_list_clear(&l);
	free(last);
}

static void
test_obs_cap(void **state)
{
	struct obs_list l = {0};
	struct period p = {FREQ_DAILY, 2000, 1};

	(void)state;
	for (int i = 0; i < OBS_LIST_MAX; i++)
		assert_int_equal(obs_list_add(&l, &p, i), 0);
	assert_int_equal(obs_list_add(&l, &p, 0), -1);
	assert_int_equal(l.n, OBS_LIST_MAX);
	obs_list_sort(&l);
	assert_int_equal(l.n, 1);
	assert_near(l.v[0].value, OBS_LIST_MAX - 1, 0, "value");
	obs_list_clear(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ytd_year_boundary),
	    cmocka_unit_test(test_ordering),
	    cmocka_unit_test(test_obs_sort_keeps_last),
	    cmocka_unit_test(test_obs_sort_large),
	    cmocka_unit_test(test_obs_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
