/*
 * test_target_rollup: the roll-up of judgements (the share of targets
 * good, per group and per owner, and the plan's total).
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
#include "evaluate.h"
#include "obs.h"
#include "period.h"
#include "plan_report.h"
#include "target.h"
#include "unit/judge_case.h"

/* The roll-up under test, cleared by release_rollup() too. */
static struct rollup live_rollup;

static int
release_rollup(void **state)
{
	rollup_clear(&live_rollup);
	return release(state);
}

/* ------------------------------------------------------------------ */
/* roll-up                                                              */

struct share_case {
	int on_track, met, at_risk, breach, off_track, no_data;
	enum status want;
};

/*
 * good = (on_track + met) / (total - no_data); a breach makes it
 * off_track at best (more in test_verdicts.c).
 */
static const struct share_case share_cases[] = {
    {4, 0, 1, 0, 0, 0, STATUS_ON_TRACK}, /* 4/5 = 0.8 */
    {3, 1, 1, 0, 0, 0, STATUS_ON_TRACK}, /* (3+1)/5 = 0.8, met counts */
    {2, 2, 0, 1, 0, 0, STATUS_OFF_TRACK}, /* 0.8, but a breach */
    {3, 0, 0, 1, 0, 0, STATUS_OFF_TRACK}, /* 3/4 = 0.75, a breach */
    {3, 0, 1, 0, 0, 0, STATUS_AT_RISK}, /* 3/4 = 0.75 */
    {1, 1, 2, 0, 0, 0, STATUS_AT_RISK}, /* 2/4 = 0.5 */
    {1, 0, 1, 1, 0, 0, STATUS_OFF_TRACK}, /* 1/3 */
    {0, 0, 0, 3, 0, 0, STATUS_OFF_TRACK}, /* 0/3 */
    {4, 0, 1, 0, 0, 3, STATUS_ON_TRACK}, /* 4/5; 3 no_data left out */
    {1, 0, 1, 0, 0, 5, STATUS_AT_RISK}, /* 1/2 */
    {3, 0, 0, 0, 1, 0, STATUS_AT_RISK}, /* 3/4 */
    {4, 0, 0, 0, 1, 0, STATUS_ON_TRACK}, /* 4/5 */
    {0, 0, 0, 0, 0, 4, STATUS_NO_DATA}, /* nothing judged */
    {0, 0, 0, 0, 0, 0, STATUS_NO_DATA}, /* empty */
};

static void
test_rollup_share(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(share_cases); i++) {
		const struct share_case *c = &share_cases[i];
		struct rollup_row row;
		char what[64];

		memset(&row, 0, sizeof(row));
		row.name = "-";
		row.counts[STATUS_ON_TRACK] = c->on_track;
		row.counts[STATUS_MET] = c->met;
		row.counts[STATUS_AT_RISK] = c->at_risk;
		row.counts[STATUS_BREACH] = c->breach;
		row.counts[STATUS_OFF_TRACK] = c->off_track;
		row.counts[STATUS_NO_DATA] = c->no_data;
		row.total = c->on_track + c->met + c->at_risk + c->breach +
		    c->off_track + c->no_data;
		snprintf(what, sizeof(what), "share case %zu", i);
		assert_status(rollup_status(&row), c->want, what);
	}
}

static const struct rollup_row *
row_named(const struct rollup_row *rows, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	fail_msg("no row \"%s\"", name);
	return NULL;
}

/*
 * Three indicators:
 *   A (经济, 发改委): on_track, met
 *   B (经济, no owner): breach
 *   C (no group, 发改委): no_data, at_risk
 * plan: 5 pairs, on_track 1, met 1, breach 1, at_risk 1, no_data 1 ->
 *       2/4 = 0.5 at_risk, but a breach: off_track
 * groups: 经济 3 (2/3 at_risk, a breach: off_track), "-" 2 (0/1
 *         off_track)
 * owners: 发改委 4 (2/3 at_risk), "-" 1 (0/1 off_track)
 */
static void
test_rollup_groups_owners(void **state)
{
	struct target_conf t[2];
	struct indicator_conf a, b, c;
	struct judgement ja[2], jb[1], jc[2];
	struct rollup *r = &live_rollup;
	const struct rollup_row *row;

	(void)state;
	memset(t, 0, sizeof(t));
	memset(ja, 0, sizeof(ja));
	memset(jb, 0, sizeof(jb));
	memset(jc, 0, sizeof(jc));
	a = indicator(t, 2);
	a.group = "经济";
	a.owner = "发改委";
	b = indicator(t, 1);
	b.group = "经济";
	c = indicator(t, 2);
	c.owner = "发改委";
	ja[0].status = STATUS_ON_TRACK;
	ja[1].status = STATUS_MET;
	jb[0].status = STATUS_BREACH;
	jc[0].status = STATUS_NO_DATA;
	jc[1].status = STATUS_AT_RISK;
	assert_int_equal(rollup_add(r, &a, ja), 0);
	assert_int_equal(rollup_add(r, &b, jb), 0);
	assert_int_equal(rollup_add(r, &c, jc), 0);

	assert_int_equal(r->plan.total, 5);
	assert_int_equal(r->plan.counts[STATUS_ON_TRACK], 1);
	assert_int_equal(r->plan.counts[STATUS_MET], 1);
	assert_int_equal(r->plan.counts[STATUS_BREACH], 1);
	assert_int_equal(r->plan.counts[STATUS_AT_RISK], 1);
	assert_int_equal(r->plan.counts[STATUS_NO_DATA], 1);
	assert_status(rollup_status(&r->plan), STATUS_OFF_TRACK, "plan");

	assert_int_equal(r->ngroups, 2);
	row = row_named(r->groups, r->ngroups, "经济");
	assert_int_equal(row->total, 3);
	assert_int_equal(row->counts[STATUS_BREACH], 1);
	assert_status(rollup_status(row), STATUS_OFF_TRACK, "group 经济");
	row = row_named(r->groups, r->ngroups, "-");
	assert_int_equal(row->total, 2);
	assert_int_equal(row->counts[STATUS_NO_DATA], 1);
	assert_int_equal(row->counts[STATUS_AT_RISK], 1);
	assert_status(rollup_status(row), STATUS_OFF_TRACK, "group -");

	assert_int_equal(r->nowners, 2);
	row = row_named(r->owners, r->nowners, "发改委");
	assert_int_equal(row->total, 4);
	assert_status(rollup_status(row), STATUS_AT_RISK, "owner 发改委");
	row = row_named(r->owners, r->nowners, "-");
	assert_int_equal(row->total, 1);
	assert_int_equal(row->counts[STATUS_BREACH], 1);
	assert_status(rollup_status(row), STATUS_OFF_TRACK, "owner -");

	rollup_clear(r);
	assert_null(r->groups);
	assert_int_equal(r->ngroups, 0);
	assert_int_equal(r->plan.total, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_rollup_share, release_rollup),
	    cmocka_unit_test_teardown(
		test_rollup_groups_owners, release_rollup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
