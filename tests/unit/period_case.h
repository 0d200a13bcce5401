/*
 * period_case: what the period tests (test_period_parse.c,
 * test_period_calendar.c, test_period_order.c) share: one copy instead
 * of one per file.  cmocka's assertions are used: include after
 * <cmocka.h>.
 */
#ifndef PLANWATCH_PERIOD_CASE_H
#define PLANWATCH_PERIOD_CASE_H

/* Fails the test when got is farther than eps from want (cmocka 1.1.5
 * has no assert_double_equal); what names the value in the message. */
void assert_near(double got, double want, double eps, const char *what);

#endif
