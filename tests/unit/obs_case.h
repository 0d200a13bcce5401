/*
 * obs_case: periods and observation lists written as text for the
 * judgement tests (test_target_kinds.c, test_verdicts.c), with the
 * assertions both make: one copy instead of one per test file.  Lists
 * that load() fills are recorded, so that a failing test (which leaves
 * by longjmp) does not leak them: obs_case_release() in every test's
 * teardown frees whatever is left.  cmocka's assertions are used:
 * include after <cmocka.h>.
 */
#ifndef PLANWATCH_OBS_CASE_H
#define PLANWATCH_OBS_CASE_H

#include "obs.h"
#include "period.h"
#include "target.h"

struct pv {
	const char *period; /* NULL ends a list */
	double value;
};

/* A NULL-terminated observation list, in static storage. */
#define OBS(...) ((const struct pv[]){__VA_ARGS__, {NULL, 0}})
#define NO_OBS ((const struct pv[]){{NULL, 0}})

/* The period of text; fails the test when it is none. */
struct period per(const char *text);
/* Fills l (emptied first) with pv, sorted; the list is recorded. */
void load(struct obs_list *l, const struct pv *pv);
/* Frees a list load() filled, before the test ends. */
void unload(struct obs_list *l);
/* Frees every list still recorded. */
void obs_case_release(void);
void assert_status(enum status got, enum status want, const char *what);
void assert_near(double got, double want, double eps, const char *what);

#endif
