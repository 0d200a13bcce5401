/*
 * test_asof: judging as of a date and as known at a date (daemon/base/asof.c,
 * evaluate_plan in daemon/judge/evaluate.c, journal_load_known in
 * daemon/store/journal.c, stored_load_asof in daemon/store/stored.c, the header
 * lines of daemon/views/report.c).  A date is the last second of its UTC day;
 * a period counts once it has ended by then; a journal record once it
 * has arrived ("fetched") by then.
 *
 * The journal of the known-at tests, gdp (annual):
 *   2022 = 1030.11   arrived 2023-03-01T08:00Z
 *   2023 = 1065      arrived 2024-03-01T08:00Z
 *   2023 = 1048.97   arrived 2024-09-01T08:00Z (a revision of 1065)
 *   2024 = 1100      arrived 2025-03-01T08:00Z
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "asof.h"
#include "config.h"
#include "evaluate.h"
#include "integration/harness.h"
#include "journal.h"
#include "report.h"
#include "stored.h"

#define T_2022 1677657600 /* 2023-03-01T08:00:00Z */
#define T_2023 1709280000 /* 2024-03-01T08:00:00Z */
#define T_REV 1725177600 /* 2024-09-01T08:00:00Z */
#define T_2024 1740816000 /* 2025-03-01T08:00:00Z */

static time_t
day(const char *s)
{
	time_t t = 0;

	if (asof_parse_day(s, &t) != 0)
		fail_msg("bad day %s", s);
	return t;
}

static struct period
per(const char *s)
{
	struct period p;
	char err[128];

	if (period_parse(s, &p, err, sizeof(err)) != 0)
		fail_msg("bad period %s: %s", s, err);
	return p;
}

static void
add(struct obs_list *l, const char *p, double v)
{
	struct period q = per(p);

	assert_int_equal(obs_list_add(l, &q, v), 0);
}

static void
assert_period(const struct period *p, const char *want)
{
	char text[PERIOD_TEXT_MAX];

	period_format(p, text, sizeof(text));
	assert_string_equal(text, want);
}

/* ------------------------------------------------------------------ */
/* dates                                                                */

static void
test_parse_day(void **state)
{
	static const char *const bad[] = {"2023-6-30", "2023-06-3",
	    "2023-06-30x", " 2023-06-30", "2023-06-30 ", "+023-06-30",
	    "2023/06/30", "2023-02-29", "2023-06-31", "2023-13-01",
	    "2023-00-10", "2023-01-00", "", "20230630", "2023-06-30T00:00",
	    "-2023-06-3"};
	time_t t;

	(void)state;
	/* The last second of the UTC day: 2023-06-30T23:59:59Z. */
	assert_int_equal(asof_parse_day("2023-06-30", &t), 0);
	assert_int_equal((long long)t, 1688169599LL);
	assert_int_equal(asof_parse_day("2024-02-29", &t), 0); /* leap */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (asof_parse_day(bad[i], &t) == 0)
			fail_msg("'%s' taken as a day", bad[i]);
}

static void
test_make(void **state)
{
	time_t at = day("2023-06-30"), known = day("2024-06-30");
	struct asof as;

	(void)state;
	as = asof_make(1000, NULL, NULL);
	assert_false(as.past);
	assert_false(as.known);
	assert_int_equal(as.at, 1000);
	/* --known-at alone implies --at of the same day. */
	as = asof_make(1000, NULL, &known);
	assert_true(as.past && as.known);
	assert_int_equal(as.at, known);
	assert_int_equal(as.known_at, known);
	as = asof_make(1000, &at, &known);
	assert_int_equal(as.at, at);
	assert_int_equal(as.known_at, known);
	as = asof_make(1000, &at, NULL);
	assert_true(as.past);
	assert_false(as.known);
}

/* A period counts from the last second of its last day. */
static void
test_ended(void **state)
{
	struct period p;

	(void)state;
	p = per("2023");
	assert_true(asof_ended(&p, day("2023-12-31")));
	assert_false(asof_ended(&p, day("2023-12-30")));
	assert_false(asof_ended(&p, day("2023-12-31") - 1));
	p = per("2023-S1");
	assert_true(asof_ended(&p, day("2023-06-30")));
	p = per("2023-Q3");
	assert_false(asof_ended(&p, day("2023-09-29")));
	assert_true(asof_ended(&p, day("2023-09-30")));
	p = per("2023-06-30");
	assert_true(asof_ended(&p, day("2023-06-30")));
	p = per("2023-07-01");
	assert_false(asof_ended(&p, day("2023-06-30")));
}

/* ------------------------------------------------------------------ */
/* evaluate_plan: --at leaves out the periods after its date            */

/* A configuration written to dir/planwatch.yaml and loaded. */
static struct config *
conf_load(const char *dir, const char *indicators)
{
	struct config_errors errors = {0};
	struct config *c;
	char path[512], text[4096];

	snprintf(path, sizeof(path), "%s/planwatch.yaml", dir);
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "locale: en\ngraphs: false\n"
	    "collectors:\n  - {id: f, url: \"file://%s/feed.json\", "
	    "format: json, allow_file: true}\n"
	    "indicators:\n%s",
	    dir, indicators);
	harness_write(path, text);
	c = config_load(path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		print_error("%s\n", errors.v[i]);
	config_errors_clear(&errors);
	assert_non_null(c);
	return c;
}

/*
 * level: 2020..2024 without 2022, a reach target 100 -> 200 by 2025;
 * rate: 9.5, 1.1, 2.5 for 2021..2023, a floor of 5.
 */
static const char plan_indicators[] =
    "  - id: level\n    name: level\n    unit: u\n    frequency: annual\n"
    "    collector: f\n"
    "    selector: {observations: /level, period: /p, value: /v}\n"
    "    targets:\n      - {id: reach, kind: reach, path: linear, "
    "baseline: {period: \"2020\", value: 100}, "
    "target: {period: \"2025\", value: 200}}\n"
    "  - id: rate\n    name: rate\n    unit: \"%\"\n    frequency: annual\n"
    "    collector: f\n"
    "    selector: {observations: /rate, period: /p, value: /v}\n"
    "    targets:\n      - {id: floor, kind: floor, value: 5, "
    "from: \"2021\"}\n";

struct plan {
	char dir[256];
	struct config *c;
	struct obs_list obs[2];
	struct judgement j0[2], j1[2];
	struct judgement *j[2];
};

static void
plan_open(struct plan *p)
{
	memset(p, 0, sizeof(*p));
	assert_int_equal(harness_temp_dir(p->dir, sizeof(p->dir), "asof"), 0);
	p->c = conf_load(p->dir, plan_indicators);
	assert_int_equal(p->c->nindicators, 2);
	p->j[0] = p->j0;
	p->j[1] = p->j1;
}

static void
plan_series(struct plan *p)
{
	obs_list_clear(&p->obs[0]);
	obs_list_clear(&p->obs[1]);
	add(&p->obs[0], "2020", 100);
	add(&p->obs[0], "2021", 110);
	add(&p->obs[0], "2023", 133.1);
	add(&p->obs[0], "2024", 146.41);
	add(&p->obs[1], "2021", 9.5);
	add(&p->obs[1], "2022", 1.1);
	add(&p->obs[1], "2023", 2.5);
}

static void
plan_close(struct plan *p)
{
	obs_list_clear(&p->obs[0]);
	obs_list_clear(&p->obs[1]);
	config_free(p->c);
	harness_remove_dir(p->dir);
}

/* The same judgement, number for number (NAN equal to NAN). */
static void
assert_same_judgement(const struct judgement *a, const struct judgement *b)
{
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->nobs, b->nobs);
	assert_true(period_equal(&a->latest_period, &b->latest_period));
	assert_true(a->latest_value == b->latest_value);
	assert_true(
	    a->ratio == b->ratio || (isnan(a->ratio) && isnan(b->ratio)));
	assert_true(a->projected == b->projected ||
	    (isnan(a->projected) && isnan(b->projected)));
	assert_int_equal(a->violations, b->violations);
	assert_int_equal(a->stale, b->stale);
}

static void
test_plan_at_leaves_out_later_periods(void **state)
{
	struct plan p;
	struct asof as;
	struct obs_list cut = {0};
	struct judgement want;

	(void)state;
	plan_open(&p);
	plan_series(&p);
	/*
	 * As of 2022-06-30: 2020 and 2021 of level, 2021 of rate had ended;
	 * 2023 and 2024 of level, 2022 and 2023 of rate had not (4 left
	 * out).  The rate's 2022 and 2023 (1.1, 2.5: below the floor) are
	 * not judged: its latest is 2021 (9.5), no violation.
	 */
	as = asof_make(0, (time_t[]){day("2022-06-30")}, NULL);
	evaluate_plan(p.c, p.obs, &as, p.j);
	assert_int_equal(as.left_out, 4);
	assert_int_equal(p.obs[0].n, 2);
	assert_period(&p.obs[0].v[1].period, "2021");
	assert_int_equal(p.obs[1].n, 1);
	assert_true(p.j0[0].have_latest);
	assert_period(&p.j0[0].latest_period, "2021");
	assert_true(p.j0[0].latest_value == 110);
	assert_period(&p.j1[0].latest_period, "2021");
	assert_int_equal(p.j1[0].violations, 0);
	assert_int_not_equal(p.j1[0].status, STATUS_BREACH);
	/* Exactly the judgement of the cut series at that date. */
	add(&cut, "2020", 100);
	add(&cut, "2021", 110);
	evaluate_indicator(p.c, &p.c->indicators[0], &cut, NULL, NULL,
	    day("2022-06-30"), &want);
	assert_same_judgement(&p.j0[0], &want);
	obs_list_clear(&cut);
	add(&cut, "2021", 9.5);
	evaluate_indicator(p.c, &p.c->indicators[1], &cut, NULL, NULL,
	    day("2022-06-30"), &want);
	assert_same_judgement(&p.j1[0], &want);
	obs_list_clear(&cut);

	/* Now (no date): every stored period, the latest 2024 and 2023. */
	plan_series(&p);
	as = asof_make(day("2026-11-26"), NULL, NULL);
	evaluate_plan(p.c, p.obs, &as, p.j);
	assert_int_equal(as.left_out, 0);
	assert_period(&p.j0[0].latest_period, "2024");
	assert_period(&p.j1[0].latest_period, "2023");
	assert_int_equal(p.j1[0].status, STATUS_BREACH);
	plan_close(&p);
}

/*
 * "Now" is the date: the 2022 value of level (due 273 days after the
 * end of 2022, by 2023-10-01) is not overdue as of 2023-09-30, and is as
 * of 2023-10-01.  The 2023 and 2024 values, stored today, had not ended
 * then: without the cut level's latest would be 2024 and nothing
 * overdue.
 */
static void
test_plan_at_is_now(void **state)
{
	struct plan p;
	struct asof as;

	(void)state;
	plan_open(&p);
	plan_series(&p);
	as = asof_make(0, (time_t[]){day("2023-09-30")}, NULL);
	evaluate_plan(p.c, p.obs, &as, p.j);
	assert_period(&p.j0[0].latest_period, "2021");
	assert_false(p.j0[0].stale);
	plan_series(&p);
	as = asof_make(0, (time_t[]){day("2023-10-01")}, NULL);
	evaluate_plan(p.c, p.obs, &as, p.j);
	assert_true(p.j0[0].stale);
	/* Overdue is a flag: the status stays the judgement of the data. */
	assert_true(p.j0[0].status < STATUS_NO_DATA);
	assert_period(&p.j0[0].overdue, "2022");
	plan_close(&p);
}

/* ------------------------------------------------------------------ */
/* journal_load_known: --known-at before and after a revision           */

static void
journal_write(const char *path)
{
	struct journal_entry e[4] = {
	    {.period = per("2022"),
		.value = 1030.11,
		.fetched = T_2022,
		.collector = "f"},
	    {.period = per("2023"),
		.value = 1065,
		.fetched = T_2023,
		.collector = "f"},
	    {.period = per("2023"),
		.value = 1048.97,
		.fetched = T_REV,
		.collector = "f",
		.has_replaced = true,
		.replaced = 1065},
	    {.period = per("2024"),
		.value = 1100,
		.fetched = T_2024,
		.collector = "f"},
	};
	char err[256];

	if (journal_append(path, e, 4, err, sizeof(err)) != 0)
		fail_msg("%s", err);
}

struct known_case {
	const char *day;
	size_t n; /* periods known */
	double v2023; /* NAN: 2023 absent */
	size_t revs; /* revisions applied */
	size_t later; /* revisions not applied */
};

static const struct known_case known_cases[] = {
    /* Before the first arrival: nothing, and the revision of a period
     * not known yet is no revision "not applied". */
    {"2023-02-28", 0, NAN, 0, 0},
    /* The day of the first arrival counts (fetched 08:00 that day). */
    {"2023-03-01", 1, NAN, 0, 0},
    /* 2023 first published, the revision still to come. */
    {"2024-06-30", 2, 1065, 0, 1},
    /* The day before the revision, and the day of it. */
    {"2024-08-31", 2, 1065, 0, 1},
    {"2024-09-01", 2, 1048.97, 1, 0},
    {"2025-12-31", 3, 1048.97, 1, 0},
};

static void
test_journal_known_revision(void **state)
{
	char dir[256], path[512], err[256];

	(void)state;
	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "asof"), 0);
	snprintf(path, sizeof(path), "%s/gdp.journal", dir);
	journal_write(path);
	for (size_t i = 0; i < sizeof(known_cases) / sizeof(known_cases[0]);
	     i++) {
		const struct known_case *kc = &known_cases[i];
		struct journal_known k = {.at = day(kc->day)};
		struct obs_list cur = {0};
		struct obs_revisions revs = {0};
		struct period p2023 = per("2023");
		long n, at;

		n = journal_load_known(
		    path, FREQ_ANNUAL, &k, &cur, &revs, NULL, err, sizeof(err));
		if (n != 4)
			fail_msg("%s: %ld records: %s", kc->day, n, err);
		assert_int_equal(k.first, T_2022);
		if (cur.n != kc->n || revs.n != kc->revs ||
		    k.later.n != kc->later)
			fail_msg("%s: %zu periods, %zu revisions, %zu later; "
				 "want %zu, %zu, %zu",
			    kc->day, cur.n, revs.n, k.later.n, kc->n, kc->revs,
			    kc->later);
		at = obs_list_find(&cur, &p2023);
		if (isnan(kc->v2023))
			assert_int_equal(at, -1);
		else
			assert_true(at >= 0 && cur.v[at].value == kc->v2023);
		if (k.later.n > 0) {
			assert_true(k.later.v[0].old_value == 1065);
			assert_true(k.later.v[0].new_value == 1048.97);
			assert_int_equal(k.later.v[0].fetched, T_REV);
		}
		obs_list_clear(&cur);
		obs_revisions_clear(&revs);
		obs_revisions_clear(&k.later);
	}
	harness_remove_dir(dir);
}

/* A damaged record in the middle: read past it, as known then. */
static void
test_journal_known_salvage(void **state)
{
	char dir[256], path[512], err[256], *text, *line;
	struct journal_known k = {.at = day("2024-06-30")};
	struct journal_damage d;
	struct obs_list cur = {0};
	long n;

	(void)state;
	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "asof"), 0);
	snprintf(path, sizeof(path), "%s/gdp.journal", dir);
	journal_write(path);
	text = harness_read(path, NULL);
	assert_non_null(text);
	/* Line 2 (2022) damaged: its value no longer matches its crc. */
	line = strstr(text, "1030.11");
	assert_non_null(line);
	line[0] = '2';
	harness_write(path, text);
	free(text);
	n = journal_load_known(
	    path, FREQ_ANNUAL, &k, &cur, NULL, NULL, err, sizeof(err));
	assert_int_equal(n, -1);
	obs_list_clear(&cur);
	obs_revisions_clear(&k.later);
	n = journal_load_known(
	    path, FREQ_ANNUAL, &k, &cur, NULL, &d, err, sizeof(err));
	assert_int_equal(n, 3);
	assert_int_equal(d.bad, 1);
	assert_int_equal(cur.n, 1); /* 2023 = 1065 */
	assert_true(cur.v[0].value == 1065);
	assert_int_equal(k.later.n, 1);
	assert_int_equal(k.first, T_2023);
	obs_list_clear(&cur);
	obs_revisions_clear(&k.later);
	harness_remove_dir(dir);
}

/* ------------------------------------------------------------------ */
/* stored_load_asof and the report: what eval --known-at prints         */

static const char gdp_indicator[] =
    "  - id: gdp\n    name: GDP\n    unit: bn\n    frequency: annual\n"
    "    collector: f\n    stale_after: 3650d\n"
    "    selector: {observations: /gdp, period: /p, value: /v}\n"
    "    targets:\n      - {id: reach, kind: reach, path: linear, "
    "baseline: {period: \"2021\", value: 1000}, "
    "target: {period: \"2025\", value: 1300}}\n";

/* eval's text and JSON for the data directory of c, as of as. */
static void
eval_asof(const struct config *c, struct asof *as, char **text, json_t **doc,
    struct stored *st)
{
	struct report_input in;
	size_t len;
	FILE *f;

	memset(st, 0, sizeof(*st));
	assert_int_equal(stored_load_asof(c, as, false, st), 0);
	in = (struct report_input){.conf = c,
	    .obs = st->obs,
	    .j = (const struct judgement *const *)st->j,
	    .at = as->at,
	    .asof = as,
	    .later = as->known ? st->later : NULL};
	f = open_memstream(text, &len);
	assert_non_null(f);
	assert_int_equal(report_text(&in, f), 0);
	fclose(f);
	*doc = report_json(&in);
	assert_non_null(*doc);
}

static const char *
json_str(json_t *doc, const char *key)
{
	return json_string_value(json_object_get(doc, key));
}

static json_int_t
json_int(json_t *doc, const char *key)
{
	return json_integer_value(json_object_get(doc, key));
}

/* The first indicator's latest value in the document. */
static double
latest_value(json_t *doc)
{
	json_t *ind = json_array_get(json_object_get(doc, "indicators"), 0);

	return json_number_value(
	    json_object_get(json_object_get(ind, "latest"), "value"));
}

static void
test_stored_known_before_and_after_revision(void **state)
{
	char dir[256], path[512], *text;
	struct config *c;
	struct stored st;
	struct asof as;
	json_t *doc;

	(void)state;
	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "asof"), 0);
	c = conf_load(dir, gdp_indicator);
	snprintf(path, sizeof(path), "%s/data", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/data/gdp.journal", dir);
	journal_write(path);

	/* Before the revision: 2023 as first published, 1065. */
	as = asof_make(0, NULL, (time_t[]){day("2024-06-30")});
	eval_asof(c, &as, &text, &doc, &st);
	assert_true(st.obs[0].n == 2 && st.obs[0].v[1].value == 1065);
	assert_int_equal(as.not_applied, 1);
	assert_non_null(strstr(text, "Plan: "));
	assert_non_null(strstr(text, "(as of 2024-06-30, "));
	assert_non_null(strstr(text,
	    "  as known on 2024-06-30 (values that had arrived by then; 1 "
	    "later revision not applied)\n"));
	assert_string_equal(json_str(doc, "as_of"), "2024-06-30T23:59:59Z");
	assert_string_equal(json_str(doc, "at"), "2024-06-30");
	assert_string_equal(json_str(doc, "known_at"), "2024-06-30");
	assert_int_equal(json_int(doc, "revisions_not_applied"), 1);
	assert_false(json_is_true(json_object_get(doc, "nothing_yet")));
	assert_true(latest_value(doc) == 1065);
	free(text);
	json_decref(doc);
	stored_free(&st);

	/* After it: 1048.97, nothing left unapplied. */
	as = asof_make(0, NULL, (time_t[]){day("2024-12-31")});
	eval_asof(c, &as, &text, &doc, &st);
	assert_true(st.obs[0].n == 2 && st.obs[0].v[1].value == 1048.97);
	assert_non_null(strstr(text, "0 later revisions not applied"));
	assert_int_equal(json_int(doc, "revisions_not_applied"), 0);
	assert_true(latest_value(doc) == 1048.97);
	free(text);
	json_decref(doc);
	stored_free(&st);

	/* The periods of 2023 as known before the revision, judged in
	 * 2025: --at and --known-at apart. */
	as = asof_make(
	    0, (time_t[]){day("2025-06-30")}, (time_t[]){day("2024-06-30")});
	eval_asof(c, &as, &text, &doc, &st);
	assert_string_equal(json_str(doc, "at"), "2025-06-30");
	assert_string_equal(json_str(doc, "known_at"), "2024-06-30");
	assert_true(latest_value(doc) == 1065);
	free(text);
	json_decref(doc);
	stored_free(&st);

	/* Before the first arrival: nothing yet, said, and no table. */
	as = asof_make(0, NULL, (time_t[]){day("2023-01-31")});
	eval_asof(c, &as, &text, &doc, &st);
	assert_non_null(strstr(text,
	    "  as known on 2023-01-31: nothing had arrived yet (the first "
	    "value arrived on 2023-03-01)\n"));
	assert_null(strstr(text, "By chapter"));
	assert_true(json_is_true(json_object_get(doc, "nothing_yet")));
	assert_string_equal(json_str(doc, "first_arrival"), "2023-03-01");
	free(text);
	json_decref(doc);
	stored_free(&st);
	config_free(c);
	harness_remove_dir(dir);
}

/* No journal at all: nothing yet, and nothing since either. */
static void
test_stored_known_nothing_ever(void **state)
{
	char dir[256], *text;
	struct config *c;
	struct stored st;
	struct asof as;
	json_t *doc;

	(void)state;
	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "asof"), 0);
	c = conf_load(dir, gdp_indicator);
	as = asof_make(0, NULL, (time_t[]){day("2023-01-31")});
	eval_asof(c, &as, &text, &doc, &st);
	assert_non_null(strstr(text,
	    "nothing had arrived yet (nor has "
	    "anything since)"));
	assert_true(json_is_null(json_object_get(doc, "first_arrival")));
	free(text);
	json_decref(doc);
	stored_free(&st);
	config_free(c);
	harness_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_day),
	    cmocka_unit_test(test_make),
	    cmocka_unit_test(test_ended),
	    cmocka_unit_test(test_plan_at_leaves_out_later_periods),
	    cmocka_unit_test(test_plan_at_is_now),
	    cmocka_unit_test(test_journal_known_revision),
	    cmocka_unit_test(test_journal_known_salvage),
	    cmocka_unit_test(test_stored_known_before_and_after_revision),
	    cmocka_unit_test(test_stored_known_nothing_ever),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
