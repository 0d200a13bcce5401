/*
 * test_backoff: the retry schedule (daemon/base/backoff.c): the delay doubles
 * from initial up to max with +-20 % jitter, and each named item keeps
 * its own next attempt, whoever asks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "backoff.h"

static const struct backoff_policy policy = {2, 30};

static void
test_delay_doubles_up_to_max(void **state)
{
	(void)state;
	/* u = 0.5: no jitter. */
	assert_float_equal(backoff_delay(&policy, 1, 0.5), 2, 1e-9);
	assert_float_equal(backoff_delay(&policy, 2, 0.5), 4, 1e-9);
	assert_float_equal(backoff_delay(&policy, 4, 0.5), 16, 1e-9);
	assert_float_equal(backoff_delay(&policy, 5, 0.5), 30, 1e-9);
	assert_float_equal(backoff_delay(&policy, 500, 0.5), 30, 1e-9);
	/* The jitter's ends. */
	assert_float_equal(backoff_delay(&policy, 1, 0), 1.6, 1e-9);
	assert_float_equal(backoff_delay(&policy, 1, 1), 2.4, 1e-9);
}

static void
test_each_item_waits_for_its_own_time(void **state)
{
	struct backoff *b = backoff_new();

	(void)state;
	assert_non_null(b);
	assert_true(backoff_due(b, "a.json", 100));
	assert_float_equal(
	    backoff_failed(b, "a.json", 100, &policy, 0.5), 102, 1e-9);
	assert_float_equal(
	    backoff_failed(b, "b.json", 101, &policy, 0.5), 103, 1e-9);
	/* Asked again and again before its time: not due. */
	assert_false(backoff_due(b, "a.json", 101));
	assert_false(backoff_due(b, "a.json", 101.999));
	assert_true(backoff_due(b, "a.json", 102));
	assert_float_equal(backoff_earliest(b, 100), 102, 1e-9);
	assert_float_equal(backoff_earliest(b, 102), 103, 1e-9);
	/* The second failure in a row doubles. */
	assert_float_equal(
	    backoff_failed(b, "a.json", 102, &policy, 0.5), 106, 1e-9);
	backoff_forget(b, "a.json");
	assert_true(backoff_due(b, "a.json", 102));
	assert_false(backoff_known(b, "a.json"));
	assert_float_equal(backoff_earliest(b, 103), 0, 1e-9);
	backoff_free(b);
}

static void
test_schedule_from_disk_after_restart(void **state)
{
	struct backoff *b = backoff_new();

	(void)state;
	assert_int_equal(backoff_wait_until(b, "a.json", 500), 0);
	assert_false(backoff_due(b, "a.json", 499));
	assert_true(backoff_due(b, "a.json", 500));
	/* A schedule known in memory is not replaced by the file's. */
	assert_int_equal(backoff_wait_until(b, "a.json", 900), 0);
	assert_true(backoff_due(b, "a.json", 500));
	/* It had failed before: the next failure waits twice as long. */
	assert_float_equal(
	    backoff_failed(b, "a.json", 500, &policy, 0.5), 504, 1e-9);
	backoff_free(b);
	backoff_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_delay_doubles_up_to_max),
	    cmocka_unit_test(test_each_item_waits_for_its_own_time),
	    cmocka_unit_test(test_schedule_from_disk_after_restart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
