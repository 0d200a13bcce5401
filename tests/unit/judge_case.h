/*
 * judge_case: periods, observation lists and targets written as text for
 * the judgement tests (test_target_kinds.c, test_verdicts.c), with the
 * assertions both make: one copy instead of one per test file.  Lists
 * that load() fills are recorded, so that a failing test (which leaves
 * by longjmp) does not leak them: judge_case_release() in every test's
 * teardown frees whatever is left.  cmocka's assertions are used:
 * include after <cmocka.h>.
 */
#ifndef PLANWATCH_JUDGE_CASE_H
#define PLANWATCH_JUDGE_CASE_H

#include "obs.h"
#include "period.h"
#include "config.h"
#include "target.h"

struct pv {
	const char *period; /* NULL ends a list */
	double value;
};

/* A NULL-terminated observation list, in static storage. */
#define OBS(...) ((const struct pv[]){__VA_ARGS__, {NULL, 0}})
#define NO_OBS ((const struct pv[]){{NULL, 0}})

/*
 * A target as text: periods as strings, everything else as the fields of
 * struct target_conf.  Zero is the default of every enum (reach, linear,
 * up, yoy, unsd, growth projection).  Cases set the fields they need by
 * name (designated initializers only).
 */
struct tspec {
	enum target_kind kind;
	enum target_path path;
	enum target_direction dir;
	const char *bp; /* baseline period */
	double bv;
	bool bobs; /* baseline_observed */
	const char *tp; /* target period */
	double tv;
	enum growth_basis basis;
	double rate;
	double bound;
	const char *from, *to;
	double about;
	enum target_method method;
	enum target_projection proj;
	int k; /* trend_periods */
	double nearly; /* nearly_met */
	enum target_holds holds;
};

/* The target of s, with the default ratios (on track 0.95, at risk 0.6). */
struct target_conf judge_case_target(const struct tspec *s);
/* The period of text; fails the test when it is none. */
struct period per(const char *text);
/* Fills l (emptied first) with pv, sorted; the list is recorded. */
void load(struct obs_list *l, const struct pv *pv);
/* Frees a list load() filled, before the test ends. */
void unload(struct obs_list *l);
/* Frees every list still recorded. */
void judge_case_release(void);
void assert_status(enum status got, enum status want, const char *what);
void assert_near(double got, double want, double eps, const char *what);

#endif
