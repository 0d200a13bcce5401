/*
 * judge_case: periods, observation lists and targets written as text for
 * the judgement tests (test_target_*.c, test_verdicts*.c), with the
 * assertions they make: one copy instead of one per test file.  Lists
 * that load() fills are recorded, so that a failing test (which leaves
 * by longjmp) does not leak them: judge_case_release() in every test's
 * teardown frees whatever is left.  cmocka's assertions are used:
 * include after <cmocka.h>.
 */
#ifndef PLANWATCH_JUDGE_CASE_H
#define PLANWATCH_JUDGE_CASE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

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
/* A test's teardown: judge_case_release(). */
int release(void **state);

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DAY 86400.0

/* ---- the judgement tables (test_target_*.c) ---- */

/*
 * Notation of their comments: b, t, T the baseline, latest and deadline
 * on the period_years() scale (the end of year Y is Y); v_b, v_t, v_T
 * their values; g the observed growth per year, p the projection to T, r
 * the progress ratio, "req" the growth per year still required from t,
 * "plan" the planned path at t, "gap%" = (v_t - plan) / |plan| * 100.
 */

/* An expected number that is not checked. */
#define X INFINITY

/* Flags a row expects of the judgement. */
enum {
	F_LINEAR = 1, /* linear_fallback */
	F_BASEMISS = 2, /* baseline_missing */
	F_RATES = 4, /* from_rates */
};

/*
 * Targets of the rows.  The verdict tests name theirs alike (YOY8,
 * DECLINE, RISE) with deadlines and tolerances: a file that defines
 * JUDGE_CASE_VERDICTS before including this one gets those instead.
 */
#ifndef JUDGE_CASE_VERDICTS
/* 100 (2020) -> 200 (2025), linear, up. */
#define LIN_UP                                                                 \
	.kind = TARGET_REACH, .path = PATH_LINEAR, .bp = "2020", .bv = 100,    \
	.tp = "2025", .tv = 200
/* 200 (2020) -> 100 (2030), compound, down. */
#define CMP_DOWN                                                               \
	.kind = TARGET_REACH, .path = PATH_COMPOUND, .dir = DIRECTION_DOWN,    \
	.bp = "2020", .bv = 200, .tp = "2030", .tv = 100
/* 100 (2020) -> 200 (2025), compound, up, method opensdg:
 * g_req = 2^(1/5) - 1 = 0.1486984. */
#define OSDG_UP                                                                \
	.kind = TARGET_REACH, .path = PATH_COMPOUND, .bp = "2020", .bv = 100,  \
	.tp = "2025", .tv = 200, .method = METHOD_OPENSDG
/* growth, basis cagr, 20 %/yr from 2020 (100) to 2025:
 * v_T = 100 * 1.2^5 = 248.832; plan at 2022 = 100 * 1.2^2 = 144. */
#define CAGR_BASE                                                              \
	.kind = TARGET_GROWTH, .basis = BASIS_CAGR, .bp = "2020", .bv = 100,   \
	.tp = "2025"
#define CAGR20 CAGR_BASE, .rate = 0.2
#define YOY8 .kind = TARGET_GROWTH, .basis = BASIS_YOY, .rate = 0.08
#define FLOOR5 .kind = TARGET_FLOOR, .bound = 5
#define CEIL55 .kind = TARGET_CEILING, .bound = 5.5
#define DECLINE .kind = TARGET_DECLINE
#define RISE .kind = TARGET_RISE
#endif

/* want: X not checked, NAN must be NAN, else within 1e-6 relative. */
void check_num(double got, double want, const char *name, const char *what);
void assert_period(
    const struct period *got, const char *want, const char *what);
/* An annual indicator "ind" (unit 亿元, stale after 273 days) of n targets. */
struct indicator_conf indicator(struct target_conf *t, size_t n);
/* Explains j in locale; checks phrase (if any) and no nan/inf. */
void check_explain(const struct target_conf *t, const struct judgement *j,
    const char *locale, const char *phrase, const char *what);
/* Explains a judgement of each target of specs with a latest period and
 * every number NAN: no "nan" or "inf" in either locale. */
void explain_all_nan(const struct tspec *specs, size_t n);
/* Every status in want[] must appear among the cases of the table. */
void assert_statuses_covered(const enum status *got, size_t n,
    const enum status *want, size_t nwant, const char *table);
/* A UTC instant: the start of day "yyyy-mm-dd" plus seconds. */
time_t at(const char *day, long seconds);
/* Whether haystack holds needle (or not); fails saying so. */
void assert_has(const char *haystack, const char *needle, const char *what);
void assert_lacks(const char *haystack, const char *needle, const char *what);
/* Whether s holds w, ASCII letters in any case. */
bool has_word(const char *s, const char *w);
/* ---- the verdict tests (test_verdicts*.c) ---- */

#ifdef JUDGE_CASE_VERDICTS
/* Targets of the rows. */
#define REACH                                                                  \
	.kind = TARGET_REACH, .bp = "2020", .bv = 100, .tp = "2025",           \
	.tv = 200, .nearly = 0.05
#define MORTALITY                                                              \
	.kind = TARGET_REACH, .bp = "2020", .bv = 20, .tp = "2025", .tv = 14,  \
	.nearly = 0.05
#define ABOUT                                                                  \
	.kind = TARGET_REACH, .bp = "2020", .bv = 10, .tp = "2025", .tv = 20,  \
	.about = 0.1, .nearly = 0.05
#define CAGR10                                                                 \
	.kind = TARGET_GROWTH, .basis = BASIS_CAGR, .rate = 0.10,              \
	.bp = "2020", .bv = 100, .tp = "2025", .nearly = 0.5
#define YOY8                                                                   \
	.kind = TARGET_GROWTH, .basis = BASIS_YOY, .rate = 0.08,               \
	.from = "2021", .to = "2025", .nearly = 0.5
#define FLOOR85                                                                \
	.kind = TARGET_FLOOR, .bound = 85, .from = "2021", .to = "2025",       \
	.nearly = 0.5
#define CEIL14                                                                 \
	.kind = TARGET_CEILING, .bound = 14, .from = "2021", .to = "2025",     \
	.nearly = 0.5
#define DECLINE                                                                \
	.kind = TARGET_DECLINE, .from = "2021", .to = "2025", .nearly = 0.002
#define RISE .kind = TARGET_RISE, .from = "2021", .to = "2025", .nearly = 0.5
#endif

/* The target of s; a CAGR's path is compound and its direction the
 * rate's sign, as the configuration makes them. */
struct target_conf mk(const struct tspec *s);
/* indicator() of one target, in unit. */
struct indicator_conf indicator_in(struct target_conf *t, const char *unit);
/* Judges t as evaluate_indicator does, at now; rates may be NULL. */
void judge_at(struct target_conf *t, const char *unit,
    const struct obs_list *obs, const struct obs_list *rates, time_t now,
    struct judgement *j);
/*
 * The sentence of j in locale: phrase in it (if any); no nan or inf; and
 * once the target's period is over, no projection and no growth asked.
 */
void check_sentence(const struct target_conf *t, const char *unit,
    const struct judgement *j, const char *locale, const char *phrase,
    const char *what);

/* ---- the reach arithmetic (test_target*.c) ---- */

void assert_nan(double got, const char *what);
/*
 * A reach target as the configuration loader builds it: the direction is
 * implied by the values, thresholds default to 0.95 and 0.6, no tolerance.
 */
struct target_conf reach(const char *bp, double bv, const char *tp, double tv,
    enum target_path path);
/* Judges t on the observations pv (in order, NULL-terminated). */
void judge(
    const struct target_conf *t, const struct pv *pv, struct judgement *j);
/* 902.27 亿元 in 2020 to 1325.73 in 2025, compound. */
struct target_conf gdp_target(void);

#endif
