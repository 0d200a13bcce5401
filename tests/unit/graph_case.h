/*
 * graph_case: the fixture of the graph argument tests (test_graph_args.c,
 * test_graph_growth.c): the shipped GDP target judged on the published
 * 2020-2023 values, its chart's spec and argument vector, and the checks
 * made on the vector, among them a small rrdtool RPN evaluator.  per() and
 * assert_near() are the judgement tests' (judge_case.h).  cmocka's
 * assertions are used: include after <cmocka.h>.
 */
#ifndef PLANWATCH_GRAPH_CASE_H
#define PLANWATCH_GRAPH_CASE_H

#include "graph_args.h"
#include "obs.h"
#include "period.h"
#include "target.h"
#include "unit/judge_case.h"

/* Instants (UTC) of the charts' axes, as Unix seconds. */
#define T2015 1420070400LL
#define T2020 1577836800LL
#define T2021 1609459200LL
#define T2024 1704067200LL
#define T2026 1767225600LL
#define T2028 1830297600LL

struct fixture {
	struct obs_list levels, growth; /* growth targets' series */
	struct obs latest;
	struct target_conf t;
	struct indicator_conf ind;
	struct judgement j;
	struct graph_spec s;
	struct graph_argv a;
};

/* The GDP target on path, its indicator and judgement; locale's chart. */
void fixture_init(struct fixture *f, enum target_path path, const char *locale);
/* The fixture lives in cmocka's state so that teardown frees the vector
 * even when a check fails half-way through a test. */
int setup(void **state);
int teardown(void **state);
/* Builds f's vector: at least two arguments, NULL after the last. */
void build(struct fixture *f);
/* Index of the argument equal to want; fails when there is none. */
int find_exact(const struct graph_argv *a, const char *want);
/* Index of the first argument starting with prefix, or -1. */
int find_prefix(const struct graph_argv *a, const char *prefix);
/* The first argument starting with prefix; fails when there is none. */
const char *arg_with(const struct graph_argv *a, const char *prefix);
/*
 * Evaluates rrdtool RPN at time `now`, with `actual` and `level` known
 * (1): numbers, TIME, UNKN, POP, EXC, UN, IF, LIMIT, + - * /, EXP.  UNKN
 * is NAN.
 */
double rpn_eval(const char *expr, double now);

#endif
