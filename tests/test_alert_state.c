/*
 * test_alert_state: the alert life cycle of one pair, evaluation by
 * evaluation: first statuses, flap control (for), resolution, a problem
 * turning into another, repeats of what stays critical, silences, and a
 * configured severity mapping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "alert_state.h"

#define DAY 86400

static struct alert_policy p;
static struct pair_state s;

static int
setup(void **state)
{
	(void)state;
	alert_policy_default(&p);
	pair_state_init(&s);
	return 0;
}

static enum alert_decision
step(enum status now, time_t at)
{
	return alert_step(&s, now, at, false, &p);
}

static void
test_first_status(void **state)
{
	(void)state;
	assert_int_equal(step(STATUS_ON_TRACK, DAY), ALERT_NONE);
	assert_int_equal(s.notified, STATUS_ON_TRACK); /* recorded */
	pair_state_init(&s);
	assert_int_equal(step(STATUS_OFF_TRACK, DAY), ALERT_NEW);
	assert_int_equal(s.notified, STATUS_OFF_TRACK);
	/* The same status again is no news. */
	assert_int_equal(step(STATUS_OFF_TRACK, 2 * DAY), ALERT_NONE);
}

static void
test_for_holds_before_notifying(void **state)
{
	(void)state;
	p.for_count = 3;
	step(STATUS_ON_TRACK, 0);
	s.notified = STATUS_ON_TRACK; /* as if recorded long ago */
	assert_int_equal(step(STATUS_AT_RISK, 1), ALERT_NONE);
	assert_int_equal(step(STATUS_AT_RISK, 2), ALERT_NONE);
	assert_int_equal(s.notified, STATUS_ON_TRACK);
	assert_int_equal(step(STATUS_AT_RISK, 3), ALERT_NEW);
	assert_int_equal(s.notified, STATUS_AT_RISK);
}

static void
test_flapping_is_not_news(void **state)
{
	(void)state;
	p.for_count = 2;
	s.notified = STATUS_ON_TRACK;
	for (int i = 0; i < 10; i++) {
		assert_int_equal(step(STATUS_OFF_TRACK, 2 * i), ALERT_NONE);
		assert_int_equal(step(STATUS_ON_TRACK, 2 * i + 1), ALERT_NONE);
	}
	assert_int_equal(s.notified, STATUS_ON_TRACK);
	/* Another status in between restarts the count. */
	assert_int_equal(step(STATUS_OFF_TRACK, 30), ALERT_NONE);
	assert_int_equal(step(STATUS_AT_RISK, 31), ALERT_NONE);
	assert_int_equal(step(STATUS_AT_RISK, 32), ALERT_NEW);
}

static void
test_resolved_once(void **state)
{
	(void)state;
	assert_int_equal(step(STATUS_BREACH, 1), ALERT_NEW);
	assert_int_equal(step(STATUS_ON_TRACK, 2), ALERT_RESOLVED);
	assert_int_equal(step(STATUS_ON_TRACK, 3), ALERT_NONE);
	assert_int_equal(step(STATUS_MET, 4), ALERT_NONE); /* no problem */
}

static void
test_problem_into_another(void **state)
{
	(void)state;
	assert_int_equal(step(STATUS_AT_RISK, 1), ALERT_NEW);
	assert_int_equal(step(STATUS_OFF_TRACK, 2), ALERT_NEW);
	assert_int_equal(step(STATUS_FEED_ERROR, 3), ALERT_NEW);
}

static void
test_repeat_what_stays_critical(void **state)
{
	(void)state;
	assert_int_equal(step(STATUS_OFF_TRACK, DAY), ALERT_NEW);
	alert_sent(&s, DAY);
	assert_int_equal(step(STATUS_OFF_TRACK, 7 * DAY), ALERT_NONE);
	assert_int_equal(step(STATUS_OFF_TRACK, 8 * DAY), ALERT_REPEAT);
	/* Not sent (no digest had news): due again next time. */
	assert_int_equal(step(STATUS_OFF_TRACK, 9 * DAY), ALERT_REPEAT);
	alert_sent(&s, 9 * DAY);
	assert_int_equal(step(STATUS_OFF_TRACK, 10 * DAY), ALERT_NONE);
	/* A warning does not repeat; nor does anything with repeats off. */
	pair_state_init(&s);
	assert_int_equal(step(STATUS_AT_RISK, DAY), ALERT_NEW);
	alert_sent(&s, DAY);
	assert_int_equal(step(STATUS_AT_RISK, 30 * DAY), ALERT_NONE);
	pair_state_init(&s);
	p.repeat_interval = 0;
	step(STATUS_BREACH, DAY);
	alert_sent(&s, DAY);
	assert_int_equal(step(STATUS_BREACH, 300 * DAY), ALERT_NONE);
}

static void
test_silence_defers(void **state)
{
	(void)state;
	s.notified = STATUS_ON_TRACK;
	assert_int_equal(
	    alert_step(&s, STATUS_OFF_TRACK, 1, true, &p), ALERT_NONE);
	assert_int_equal(s.notified, STATUS_ON_TRACK);
	assert_int_equal(
	    alert_step(&s, STATUS_OFF_TRACK, 2, true, &p), ALERT_NONE);
	/* The silence ends; the problem still holds: told now. */
	assert_int_equal(step(STATUS_OFF_TRACK, 3), ALERT_NEW);
	/* Silenced repeats are not due either. */
	alert_sent(&s, 3);
	assert_int_equal(
	    alert_step(&s, STATUS_OFF_TRACK, 3 + 30 * DAY, true, &p),
	    ALERT_NONE);
	/* Recovered during a silence, then the silence ends: resolved. */
	assert_int_equal(
	    alert_step(&s, STATUS_ON_TRACK, 4 + 30 * DAY, true, &p),
	    ALERT_NONE);
	assert_int_equal(step(STATUS_ON_TRACK, 5 + 30 * DAY), ALERT_RESOLVED);
}

static void
test_severity_mapping(void **state)
{
	(void)state;
	/* An office that treats at_risk as critical gets it repeated. */
	p.severity[STATUS_AT_RISK] = SEVERITY_CRITICAL;
	assert_int_equal(step(STATUS_AT_RISK, DAY), ALERT_NEW);
	alert_sent(&s, DAY);
	assert_int_equal(step(STATUS_AT_RISK, 9 * DAY), ALERT_REPEAT);
}

/*
 * Data overdue is a notice of its own, once per overdue period; the
 * status's life cycle is untouched by it.
 */
static void
test_overdue_told_once_per_period(void **state)
{
	(void)state;
	assert_int_equal(p.overdue, SEVERITY_WARNING);
	assert_false(alert_overdue_step(&s, NULL, false));
	assert_true(alert_overdue_step(&s, "2024", false));
	assert_string_equal(s.overdue, "2024");
	assert_false(alert_overdue_step(&s, "2024", false)); /* told */
	/* A stale breach: the status is told as a breach, as ever. */
	assert_int_equal(step(STATUS_BREACH, DAY), ALERT_NEW);
	assert_false(alert_overdue_step(&s, "2024", false));
	/* Still missing a year later, the next period too: 2024 is still
	 * the one overdue (the next after the latest), nothing new. */
	assert_false(alert_overdue_step(&s, "2024", false));
	/* 2024 came: recorded, not told; then 2025 is late: told. */
	assert_false(alert_overdue_step(&s, NULL, false));
	assert_string_equal(s.overdue, "");
	assert_true(alert_overdue_step(&s, "2025", false));
	assert_int_equal(s.notified, STATUS_BREACH);
}

static void
test_overdue_silenced_then_told(void **state)
{
	(void)state;
	assert_false(alert_overdue_step(&s, "2024", true));
	assert_string_equal(s.overdue, "");
	assert_true(alert_overdue_step(&s, "2024", false));
}

/* A book of an earlier version said "stale": the overdue was told. */
static void
test_overdue_told_by_earlier_version(void **state)
{
	(void)state;
	snprintf(s.overdue, sizeof(s.overdue), "%s", ALERT_OVERDUE_UNKNOWN);
	assert_false(alert_overdue_step(&s, "2024", false));
	assert_string_equal(s.overdue, "2024");
	assert_false(alert_overdue_step(&s, "2024", false));
	assert_true(alert_overdue_step(&s, "2025", false));
}

/* The configuration's status names are the statuses, in order. */
static void
test_config_status_names(void **state)
{
	static const char *const names[] = CONFIG_STATUSES;

	(void)state;
	assert_int_equal(sizeof(names) / sizeof(names[0]), STATUS_COUNT);
	assert_true(STATUS_COUNT <= CONFIG_STATUS_MAX);
	for (int i = 0; i < STATUS_COUNT; i++)
		assert_string_equal(names[i], status_name((enum status)i));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_first_status, setup),
	    cmocka_unit_test_setup(test_for_holds_before_notifying, setup),
	    cmocka_unit_test_setup(test_flapping_is_not_news, setup),
	    cmocka_unit_test_setup(test_resolved_once, setup),
	    cmocka_unit_test_setup(test_problem_into_another, setup),
	    cmocka_unit_test_setup(test_repeat_what_stays_critical, setup),
	    cmocka_unit_test_setup(test_silence_defers, setup),
	    cmocka_unit_test_setup(test_severity_mapping, setup),
	    cmocka_unit_test_setup(test_overdue_told_once_per_period, setup),
	    cmocka_unit_test_setup(test_overdue_silenced_then_told, setup),
	    cmocka_unit_test_setup(test_overdue_told_by_earlier_version, setup),
	    cmocka_unit_test(test_config_status_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
