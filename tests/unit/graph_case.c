/*
 * graph_case: the GDP chart fixture of the graph argument tests and the
 * checks they make on the vector (graph_case.h).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "unit/graph_case.h"

/* The shipped GDP target, 902.27 (2020) -> 1325.73 (2025). */
static struct target_conf
gdp_target_on(enum target_path path)
{
	struct target_conf t;

	memset(&t, 0, sizeof(t));
	t.id = "growth_8pct";
	t.kind = TARGET_REACH;
	t.path = path;
	t.direction = DIRECTION_UP;
	t.baseline_period = per("2020");
	t.baseline_value = 902.27;
	t.target_period = per("2025");
	t.target_value = 1325.73;
	t.on_track_ratio = 0.95;
	t.at_risk_ratio = 0.6;
	return t;
}

static struct indicator_conf
gdp_indicator(struct target_conf *t)
{
	struct indicator_conf ind;

	memset(&ind, 0, sizeof(ind));
	ind.id = "gdp";
	ind.name = "地区生产总值";
	ind.unit = "亿元";
	ind.freq = FREQ_ANNUAL;
	ind.targets = t;
	ind.ntargets = 1;
	return ind;
}

/* Judges t on the published 2020-2023 GDP: at_risk, latest 2023. */
static void
gdp_judge(const struct target_conf *t, struct judgement *j)
{
	static const struct {
		const char *p;
		double v;
	} obs[] = {
	    {"2020", 902.27},
	    {"2021", 1030.11},
	    {"2022", 1045.07},
	    {"2023", 1048.97},
	};
	struct obs_list l = {0};

	for (size_t i = 0; i < NELEM(obs); i++) {
		struct period p = per(obs[i].p);

		assert_int_equal(obs_list_add(&l, &p, obs[i].v), 0);
	}
	target_judge(t, &l, j);
	obs_list_clear(&l);
	assert_int_equal(j->status, STATUS_AT_RISK);
}

void
fixture_init(struct fixture *f, enum target_path path, const char *locale)
{
	memset(f, 0, sizeof(*f));
	f->t = gdp_target_on(path);
	f->ind = gdp_indicator(&f->t);
	gdp_judge(&f->t, &f->j);
	f->s.ind = &f->ind;
	f->s.target = &f->t;
	f->s.j = &f->j;
	f->s.rrd_path = "/var/lib/planwatch/a:b.rrd";
	f->s.png_path = "/var/graphs/gdp-plan.png";
	f->s.locale = locale;
	f->s.width = 800;
	f->s.height = 300;
	f->latest.period = per("2023");
	f->latest.value = 1048.97;
	f->s.latest = &f->latest; /* the footer shows the series' last */
}

/* The fixture lives in cmocka's state so that teardown frees the vector
 * even when a check fails half-way through a test. */
int
setup(void **state)
{
	*state = calloc(1, sizeof(struct fixture));
	return *state == NULL ? -1 : 0;
}

int
teardown(void **state)
{
	struct fixture *f = *state;

	graph_argv_free(&f->a);
	obs_list_clear(&f->levels);
	obs_list_clear(&f->growth);
	free(f);
	return 0;
}

void
build(struct fixture *f)
{
	assert_int_equal(graph_args_build(&f->s, &f->a), 0);
	assert_true(f->a.n >= 2);
	assert_null(f->a.v[f->a.n]);
}

/* Index of the argument equal to want; fails when there is none. */
int
find_exact(const struct graph_argv *a, const char *want)
{
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->v[i], want) == 0)
			return i;
	fail_msg("no argument \"%s\"", want);
	return -1;
}

/* Index of the first argument starting with prefix, or -1. */
int
find_prefix(const struct graph_argv *a, const char *prefix)
{
	for (int i = 0; i < a->n; i++)
		if (strncmp(a->v[i], prefix, strlen(prefix)) == 0)
			return i;
	return -1;
}

const char *
arg_with(const struct graph_argv *a, const char *prefix)
{
	int i = find_prefix(a, prefix);

	if (i < 0)
		fail_msg("no argument starting with \"%s\"", prefix);
	return a->v[i];
}

/*
 * Evaluates rrdtool RPN at time `now`, with `actual` and `level` known
 * (1): numbers, TIME, UNKN, POP, EXC, UN, IF, LIMIT, + - * /, EXP.  UNKN
 * is NAN.
 */
double
rpn_eval(const char *expr, double now)
{
	double st[32];
	int sp = 0;
	char buf[512], *save = NULL;

	assert_true(strlen(expr) < sizeof(buf));
	strcpy(buf, expr);
	for (char *tok = strtok_r(buf, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		double a, b, c;
		char *end;

		assert_true(sp < (int)NELEM(st));
		if (strcmp(tok, "TIME") == 0) {
			st[sp++] = now;
		} else if (strcmp(tok, "actual") == 0 ||
		    strcmp(tok, "level") == 0) {
			st[sp++] = 1;
		} else if (strcmp(tok, "EXC") == 0) {
			assert_true(sp >= 2);
			a = st[sp - 1];
			st[sp - 1] = st[sp - 2];
			st[sp - 2] = a;
		} else if (strcmp(tok, "UNKN") == 0) {
			st[sp++] = NAN;
		} else if (strcmp(tok, "POP") == 0) {
			assert_true(sp >= 1);
			sp--;
		} else if (strcmp(tok, "UN") == 0) {
			assert_true(sp >= 1);
			st[sp - 1] = isnan(st[sp - 1]) ? 1 : 0;
		} else if (strcmp(tok, "EXP") == 0) {
			assert_true(sp >= 1);
			st[sp - 1] = exp(st[sp - 1]);
		} else if (strcmp(tok, "IF") == 0) {
			/* A,B,C,IF: A ? B : C (A unknown: unknown) */
			assert_true(sp >= 3);
			c = st[--sp];
			b = st[--sp];
			a = st[--sp];
			st[sp++] = isnan(a) ? NAN : a != 0 ? b : c;
		} else if (strcmp(tok, "LIMIT") == 0) {
			/* A,B,C,LIMIT: A when B <= A <= C, else unknown */
			assert_true(sp >= 3);
			c = st[--sp];
			b = st[--sp];
			a = st[--sp];
			st[sp++] = a >= b && a <= c ? a : NAN;
		} else if (strlen(tok) == 1 && strchr("+-*/", tok[0])) {
			assert_true(sp >= 2);
			b = st[--sp];
			a = st[--sp];
			st[sp++] = tok[0] == '+' ? a + b
			    : tok[0] == '-'      ? a - b
			    : tok[0] == '*'      ? a * b
						 : a / b;
		} else {
			st[sp++] = strtod(tok, &end);
			if (*end != '\0')
				fail_msg("unknown RPN token \"%s\"", tok);
		}
	}
	assert_int_equal(sp, 1);
	return st[0];
}
