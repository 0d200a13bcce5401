/*
 * test_target_stale: data overdue (daemon/judge/target*.c): when the next
 * period of each frequency is due, the judgement that stays beside the
 * flag, and the stale sentence in both locales.
 * Expectations are computed by hand, never with the code under test; the
 * notation and the targets of the rows are in unit/judge_case.h.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "config.h"
#include "explain.h"
#include "obs.h"
#include "period.h"
#include "target.h"
#include "unit/judge_case.h"

/* ------------------------------------------------------------------ */
/* staleness                                                            */

struct scase {
	const char *name;
	struct tspec t;
	enum freq freq;
	double stale_days;
	const struct pv *obs;
	const char *day; /* now = day + secs */
	long secs;
	bool stale;
	const char *overdue; /* when stale */
	const char *since; /* day it became overdue */
	enum status judged;
};

#define END_OF_DAY 86399

/*
 * Row layout (struct scase): name, target, frequency, stale_after in
 * days, observations, now (day + seconds), stale, overdue period, overdue
 * since (day), the kind's own status (judged).
 */
static const struct scase stale_cases[] = {
    /*
     * Annual, 273 days: the 2024 value is due 273 days after 2025-01-01,
     * i.e. at 2025-10-01 00:00 (1 October).  A series ending 2023 is not
     * stale through 2025-09-30 23:59:59 (now - 273 d = 2024-12-31
     * 23:59:59, inside 2024, so 2023 is the last period due) and is
     * stale from 2025-10-01 00:00, 2024 overdue since 2025-10-01.  (So
     * on 2025-09-30 itself the series is not yet stale.)
     */
    {"annual 2023 at 2025-09-30 end of day", {FLOOR5}, FREQ_ANNUAL, 273,
	OBS({"2022", 6}, {"2023", 6}), "2025-09-30", END_OF_DAY, false, NULL,
	NULL, STATUS_ON_TRACK},
    {"annual 2023 at 2025-10-01", {FLOOR5}, FREQ_ANNUAL, 273,
	OBS({"2022", 6}, {"2023", 6}), "2025-10-01", 0, true, "2024",
	"2025-10-01", STATUS_ON_TRACK},
    /* At 2024-09-30 the 2023 value is present: nothing overdue. */
    {"annual 2023 at 2024-09-30", {FLOOR5}, FREQ_ANNUAL, 273, OBS({"2023", 6}),
	"2024-09-30", END_OF_DAY, false, NULL, NULL, STATUS_ON_TRACK},
    /*
     * A series ending 2022: 2023 is due 2024-01-01 + 273 d = 2024-09-30
     * (2024 is a leap year): stale from 2024-09-30 00:00, not a second
     * earlier.
     */
    {"annual 2022 at 2024-09-29 end of day", {FLOOR5}, FREQ_ANNUAL, 273,
	OBS({"2022", 6}), "2024-09-29", END_OF_DAY, false, NULL, NULL,
	STATUS_ON_TRACK},
    {"annual 2022 at 2024-09-30", {FLOOR5}, FREQ_ANNUAL, 273, OBS({"2022", 6}),
	"2024-09-30", 0, true, "2023", "2024-09-30", STATUS_ON_TRACK},
    /* Overdue is a flag: the status stays the kind's (breach). */
    {"annual breach becomes stale", {FLOOR5}, FREQ_ANNUAL, 273,
	OBS({"2021", 6}, {"2022", 4}), "2025-10-01", 0, true, "2023",
	"2024-09-30", STATUS_BREACH},
    /*
     * Capped at the target's last period: reach to 2025 with data to
     * 2025 is never stale (at 2035, 2033 would be due); with data to
     * 2024, 2025 is overdue since 2026-01-01 + 273 d = 2026-10-01.
     * Judged: 2023 = 180 met; 2024 = 150: g = 1.5^(1/4) - 1 = 0.1066819,
     * p = 150 * 1.1066819 = 166.0023, r = 0.660023 -> at_risk.
     */
    {"reach to 2025 with 2025 at 2035", {LIN_UP}, FREQ_ANNUAL, 273,
	OBS({"2024", 180}, {"2025", 200}), "2035-06-01", 0, false, NULL, NULL,
	STATUS_MET},
    {"reach to 2025 with 2024 at 2035", {LIN_UP}, FREQ_ANNUAL, 273,
	OBS({"2023", 130}, {"2024", 150}), "2035-06-01", 0, true, "2025",
	"2026-10-01", STATUS_AT_RISK},
    /* cagr: the deadline caps too. */
    {"cagr to 2025 with 2025 at 2035", {CAGR20}, FREQ_ANNUAL, 273,
	OBS({"2025", 260}), "2035-06-01", 0, false, NULL, NULL, STATUS_MET},
    /* yoy with to 2023: data to 2023 is complete; without to it is not. */
    {"yoy to 2023 at 2030", {YOY8, .to = "2023"}, FREQ_ANNUAL, 273,
	OBS({"2022", 100}, {"2023", 110}), "2030-01-01", 0, false, NULL, NULL,
	STATUS_MET},
    {"yoy open at 2030", {YOY8}, FREQ_ANNUAL, 273,
	OBS({"2022", 100}, {"2023", 110}), "2030-01-01", 0, true, "2024",
	"2025-10-01", STATUS_ON_TRACK},
    /*
     * Quarterly, 120 days: after 2024-Q3, 2024-Q4 ends 2025-01-01 and is
     * due 120 days later, 2025-05-01.
     */
    {"quarterly at 2025-04-30 end of day", {FLOOR5}, FREQ_QUARTERLY, 120,
	OBS({"2024-Q3", 6}), "2025-04-30", END_OF_DAY, false, NULL, NULL,
	STATUS_ON_TRACK},
    {"quarterly at 2025-05-01", {FLOOR5}, FREQ_QUARTERLY, 120,
	OBS({"2024-Q3", 6}), "2025-05-01", 0, true, "2024-Q4", "2025-05-01",
	STATUS_ON_TRACK},
    /* Monthly, 60 days: 2025-02 ends 2025-03-01, due 2025-04-30. */
    {"monthly at 2025-04-30", {FLOOR5}, FREQ_MONTHLY, 60, OBS({"2025-01", 6}),
	"2025-04-30", 0, true, "2025-02", "2025-04-30", STATUS_ON_TRACK},
    /*
     * Year to date, 60 days: the period before 2025-M01-M07 is
     * 2025-M01-M06 (its last month's start, less a second), not
     * 2024-M01-M12 (its start, 1 January, less a second).  After
     * 2025-M01-M05, 2025-M01-M06 ends 2025-07-01 and is due 60 days
     * later, 2025-08-30.
     */
    {"ytd monthly at 2025-08-29 end of day", {FLOOR5}, FREQ_YTD_MONTHLY, 60,
	OBS({"2025-M01-M05", 6}), "2025-08-29", END_OF_DAY, false, NULL, NULL,
	STATUS_ON_TRACK},
    {"ytd monthly at 2025-08-30", {FLOOR5}, FREQ_YTD_MONTHLY, 60,
	OBS({"2025-M01-M05", 6}), "2025-08-30", 0, true, "2025-M01-M06",
	"2025-08-30", STATUS_ON_TRACK},
    /*
     * Across the year: after 2024-M01-M12 comes 2025-M01-M01, ending
     * 2025-02-01, due 2025-04-02; a 2025-M01-M02 published with
     * January (NBS) by then is in time.
     */
    {"ytd monthly December at 2025-04-02", {FLOOR5}, FREQ_YTD_MONTHLY, 60,
	OBS({"2024-M01-M12", 6}), "2025-04-02", 0, true, "2025-M01-M01",
	"2025-04-02", STATUS_ON_TRACK},
    {"ytd monthly January and February at 2025-04-02", {FLOOR5},
	FREQ_YTD_MONTHLY, 60, OBS({"2024-M01-M12", 6}, {"2025-M01-M02", 6}),
	"2025-04-02", 0, false, NULL, NULL, STATUS_ON_TRACK},
    /* An empty series stays no_data. */
    {"empty series", {FLOOR5}, FREQ_ANNUAL, 273, NO_OBS, "2030-01-01", 0, false,
	NULL, NULL, STATUS_NO_DATA},
};

static void
test_stale_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(stale_cases); i++) {
		const struct scase *c = &stale_cases[i];
		struct target_conf t = judge_case_target(&c->t);
		struct obs_list obs;
		struct judgement j, before;
		const char *w = c->name;

		load(&obs, c->obs);
		target_judge(&t, &obs, &j);
		before = j;
		assert_status(j.status, c->judged, w);
		target_check_stale(&t, &obs, c->freq, c->stale_days * DAY,
		    at(c->day, c->secs), &j);
		if (j.stale != c->stale)
			fail_msg("%s: stale %d, want %d", w, j.stale, c->stale);
		/* A flag beside the status: the status stays the judgement. */
		assert_status(j.status, c->judged, w);
		if (c->stale) {
			assert_period(&j.overdue, c->overdue, w);
			if (j.overdue_since != at(c->since, 0))
				fail_msg("%s: overdue since %lld, want %s", w,
				    (long long)j.overdue_since, c->since);
			check_explain(&t, &j, "zh-CN", "数据已逾期", w);
			check_explain(&t, &j, "en", "data overdue since", w);
		}
		/* Staleness changes nothing else. */
		check_num(j.latest_value,
		    isnan(before.latest_value) ? NAN : before.latest_value,
		    "latest", w);
		check_num(j.ratio, isnan(before.ratio) ? NAN : before.ratio,
		    "ratio", w);
		unload(&obs);
	}
}

/* The stale sentence names the period and the day, in both locales. */
static void
test_stale_explanation(void **state)
{
	struct tspec s = {FLOOR5};
	struct target_conf t = judge_case_target(&s);
	struct obs_list obs;
	struct judgement j;

	(void)state;
	load(&obs, OBS({"2022", 6}, {"2023", 7}));
	target_judge(&t, &obs, &j);
	target_check_stale(
	    &t, &obs, FREQ_ANNUAL, 273 * DAY, at("2025-10-01", 0), &j);
	check_explain(&t, &j, "zh-CN",
	    "2024 年数据已逾期（应于 2025-10-01 前发布）；2023 年 7 "
	    "亿元，不低于 5 "
	    "的下限。",
	    "stale zh");
	check_explain(&t, &j, "en",
	    "2024 data overdue since 2025-10-01; 2023: 7 亿元, at or above the "
	    "floor of 5.",
	    "stale en");
	unload(&obs);
}

/*
 * The next figure that counts: after the latest period, due at its end
 * plus the lag, overdue or not; none once the target's last period is in
 * (a floor to 2023 with 2023 known), and words for it in both locales.
 */
static void
test_next_figure(void **state)
{
	struct tspec open = {FLOOR5}, to2023 = {FLOOR5, .to = "2023"};
	struct target_conf t = judge_case_target(&open);
	struct obs_list obs;
	struct judgement j;
	char words[256];

	(void)state;
	load(&obs, OBS({"2022", 6}, {"2023", 7}));
	target_judge(&t, &obs, &j);
	/* In time: 2024 is due 273 days after its end, 2025-10-01. */
	target_check_stale(
	    &t, &obs, FREQ_ANNUAL, 273 * DAY, at("2025-03-01", 0), &j);
	assert_false(j.stale);
	assert_true(j.has_next);
	assert_period(&j.next, "2024", "next in time");
	assert_int_equal(j.next_due, at("2025-10-01", 0));
	assert_true(explain_next(&j, "zh-CN", words, sizeof(words)));
	assert_string_equal(words, "2024 年数据预计 2025-10-01 前发布");
	assert_true(explain_next(&j, "en", words, sizeof(words)));
	assert_string_equal(words, "2024 figure due by 2025-10-01");
	/* Late: the same period, said overdue. */
	target_judge(&t, &obs, &j);
	target_check_stale(
	    &t, &obs, FREQ_ANNUAL, 273 * DAY, at("2025-10-02", 0), &j);
	assert_true(j.stale && j.has_next);
	assert_true(explain_next(&j, "zh-CN", words, sizeof(words)));
	assert_string_equal(words, "2024 年数据应于 2025-10-01 前发布，已逾期");
	/* The target's last period is in: no figure left to wait for. */
	t = judge_case_target(&to2023);
	target_judge(&t, &obs, &j);
	target_check_stale(
	    &t, &obs, FREQ_ANNUAL, 273 * DAY, at("2030-01-01", 0), &j);
	assert_false(j.has_next);
	assert_false(explain_next(&j, "zh-CN", words, sizeof(words)));
	assert_string_equal(words, "");
	unload(&obs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_stale_table, release),
	    cmocka_unit_test_teardown(test_stale_explanation, release),
	    cmocka_unit_test_teardown(test_next_figure, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
