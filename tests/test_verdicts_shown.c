/*
 * test_verdicts_shown: data overdue as a flag beside the status, where it
 * is shown (a stale breach sorted first among the problems, in eval's text
 * and JSON, on the dashboard and in a digest), and the plan's badge: one
 * rule, said where it is shown (daemon/views).  The final verdicts
 * themselves are in test_verdicts.c.
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
#include "digest.h"
#include "evaluate.h"
#include "explain.h"
#include "html.h"
#include "html_filter.h"
#include "obs.h"
#include "period.h"
#include "report.h"
#include "target.h"
/* The verdict tests' targets (REACH, YOY8, ...): see judge_case.h. */
#define JUDGE_CASE_VERDICTS
#include "unit/judge_case.h"

/* ------------------------------------------------------------------ */
/* a stale breach, everywhere it is shown                               */

/*
 * Three indicators judged at 2025-11-01 (before the plan's end):
 *   0 "好" floor 85 kept: on_track;
 *   1 "险" reach 100 -> 200, 2024 = 150: g = 1.5^(1/4) - 1 = 10.67 %,
 *     p = 150 * 1.1067 = 166.0, ratio 0.66 -> at_risk;
 *   2 "增" yoy 8 % on rates 2021-2023 (9.5, 1.1, 2.5): breach, and 2024
 *     overdue since 2025-10-01.
 * The breach comes first among the problems, with its flag.
 */
struct plan {
	struct target_conf t[3];
	struct indicator_conf ic[3];
	struct config conf;
	struct obs_list obs[4];
	struct judgement j[3];
	const struct judgement *jp[3];
	struct report_input in;
};

static const struct obs_list *
plan_series(void *arg, size_t index)
{
	struct plan *p = arg;

	return &p->obs[index];
}

static void
plan_build(struct plan *p, const char *locale)
{
	struct tspec f = {.kind = TARGET_FLOOR, .bound = 85, .from = "2021"};
	struct tspec r = {REACH};
	struct tspec y = {YOY8};
	static const char *const names[] = {"好", "险", "增"};
	static const char *const ids[] = {"good", "risk", "gdp"};

	memset(p, 0, sizeof(*p));
	p->t[0] = mk(&f);
	p->t[1] = mk(&r);
	p->t[2] = mk(&y);
	p->t[2].rate_indicator = "rates";
	p->t[2].rate_indicator_index = 3;
	for (int i = 0; i < 3; i++) {
		p->ic[i] = indicator_in(&p->t[i], "%");
		p->ic[i].id = (char *)ids[i];
		p->ic[i].name = (char *)names[i];
		p->ic[i].group = "经济";
		p->ic[i].owner = "统计局";
	}
	p->conf.indicators = p->ic;
	p->conf.nindicators = 3;
	p->conf.locale = (char *)locale;
	load(&p->obs[0], OBS({"2023", 90}, {"2024", 91}));
	load(&p->obs[1], OBS({"2020", 100}, {"2023", 140}, {"2024", 150}));
	load(&p->obs[2], OBS({"2023", 1048.97}));
	load(&p->obs[3], OBS({"2021", 9.5}, {"2022", 1.1}, {"2023", 2.5}));
	for (int i = 0; i < 3; i++) {
		evaluate_indicator(&p->conf, &p->ic[i], &p->obs[i], plan_series,
		    p, at("2025-11-01", 0), &p->j[i]);
		p->jp[i] = &p->j[i];
	}
	p->in = (struct report_input){.conf = &p->conf,
	    .obs = p->obs,
	    .j = p->jp,
	    .at = at("2025-11-01", 0)};
}

/*
 * What fn writes, as a string (caller frees).  Not inlined: GCC 12 at -O2
 * then takes pointers into the text for pointers to the local that
 * open_memstream fills (-Wdangling-pointer, a false alarm).
 */
static __attribute__((noinline)) char *
capture(int (*fn)(const struct report_input *, FILE *),
    const struct report_input *in)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(fn(in, f), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void
test_stale_breach_first(void **state)
{
	struct plan p;
	char *text, *first;
	json_t *doc, *gdp;

	(void)state;
	plan_build(&p, "zh-CN");
	assert_status(p.j[0].status, STATUS_ON_TRACK, "good");
	assert_status(p.j[1].status, STATUS_AT_RISK, "risk at 2024");
	assert_status(p.j[2].status, STATUS_BREACH, "gdp");
	assert_true(p.j[2].stale);
	assert_false(p.j[2].final);
	/* The text: the breach first, its sentence opening with the flag;
	 * the overdue counted apart. */
	text = capture(report_text, &p.in);
	first = strstr(text, "\n[");
	assert_non_null(first);
	if (strncmp(first, "\n[突破约束] 增  gdp/growth  2.5 %（2023）\n",
		strlen("\n[突破约束] 增  gdp/growth  2.5 %（2023）\n")) != 0)
		fail_msg("first pair: %.80s", first);
	assert_non_null(
	    strstr(first, "2024 年数据已逾期（应于 2025-10-01 前发布）"));
	assert_non_null(strstr(text, "突破约束 1；其中 1 项数据逾期"));
	free(text);
	/* The JSON: the judged status, the flag beside it. */
	doc = report_json(&p.in);
	gdp = json_array_get(
	    json_object_get(
		json_array_get(json_object_get(doc, "indicators"), 2),
		"targets"),
	    0);
	assert_string_equal(
	    json_string_value(json_object_get(gdp, "status")), "breach");
	assert_string_equal(json_string_value(json_object_get(
				json_object_get(gdp, "overdue"), "period")),
	    "2024");
	assert_int_equal(json_integer_value(json_object_get(
			     json_object_get(doc, "plan"), "overdue")),
	    1);
	assert_null(json_object_get(
	    json_object_get(json_object_get(doc, "plan"), "counts"), "stale"));
	json_decref(doc);
}

static int
dashboard(const struct report_input *in, FILE *out)
{
	struct html_site site = {0};
	struct html_filter f = {0};

	return html_dashboard(in, &site, &f, out);
}

static void
test_stale_breach_dashboard_and_digest(void **state)
{
	struct plan p;
	struct alert_event ev[3];
	size_t order[3];
	char *html, *row, *subject, *body;

	(void)state;
	plan_build(&p, "zh-CN");
	html = capture(dashboard, &p.in);
	row = strstr(html, "<tr><td><span class=\"b ");
	assert_non_null(row);
	if (strncmp(row,
		"<tr><td><span class=\"b breach\">⊘ 突破约束</span> "
		"<span class=\"od\"",
		strlen("<tr><td><span class=\"b breach\">⊘ 突破约束</span> "
		       "<span class=\"od\"")) != 0)
		fail_msg("first row: %.120s", row);
	assert_non_null(
	    strstr(html, "其中<a href=\"/?overdue=1\">数据逾期 1</a>"));
	free(html);
	/* A digest of three events: the breach first among the news. */
	for (int i = 0; i < 3; i++)
		ev[i] = (struct alert_event){.ind = &p.ic[i],
		    .target = &p.t[i],
		    .old_status = STATUS_COUNT,
		    .new_status = p.j[i].status,
		    .severity = status_severity(p.j[i].status),
		    .j = p.j[i]};
	ev[0].new_status = STATUS_AT_RISK; /* a warning, for the order */
	ev[0].severity = SEVERITY_WARNING;
	ev[0].j.status = STATUS_AT_RISK;
	ev[1].overdue_notice = true; /* an overdue notice of its own */
	ev[1].j.stale = true;
	ev[1].j.overdue = per("2025");
	ev[1].j.overdue_since = at("2026-10-01", 0);
	ev[1].severity = SEVERITY_WARNING;
	assert_int_equal(digest_part_items(ev, 3, DIGEST_NEW, order), 2);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 0);
	assert_int_equal(digest_part_items(ev, 3, DIGEST_OVERDUE, order), 1);
	assert_int_equal(order[0], 1);
	assert_int_equal(
	    digest_compose(ev, 3, &(struct digest_frame){.locale = "zh-CN"},
		&subject, &body),
	    0);
	/* The subject and the first line count the same targets. */
	assert_string_equal(subject,
	    "[planwatch] 2 项目标需关注（严重 1 项、警告 1 项）；1 项数据逾期");
	assert_non_null(strstr(body,
	    "本次评估：2 项目标需关注（严重 1 项、警告 1 项）；1 "
	    "项数据逾期。"));
	/* The breach first, its late figure said beside its bureau. */
	assert_non_null(strstr(body, "* 增：突破约束\n  最新："));
	assert_non_null(strstr(body, "下一期：2024 年数据应于 "));
	assert_non_null(strstr(
	    body, "数据逾期（状态未变）：\n\n* 险：存在风险（状态未变）\n"));
	free(subject);
	free(body);
}

/* ------------------------------------------------------------------ */
/* the plan's badge: one rule, said where it is shown                   */

struct badge_case {
	int met, met_final, nearly, not_met, ahead, on_track, at_risk, breach;
	int no_data;
	enum status want;
	bool final;
};

/*
 * Judged pairs are all but no_data.  Mid-plan: good = met + ahead +
 * on_track + nearly_met; >= 0.8 on_track, >= 0.5 at_risk, else
 * off_track, and off_track whenever a breach is there.  Every judged pair
 * final: all met -> met; met + nearly_met >= 0.8 -> nearly_met; else
 * not_met.
 */
static const struct badge_case badge_cases[] = {
    /* The plan: a breach among many on track is not "at risk". */
    {2, 0, 0, 0, 0, 14, 3, 1, 0, STATUS_OFF_TRACK, false},
    {2, 0, 0, 0, 0, 14, 4, 0, 0, STATUS_ON_TRACK, false}, /* 16/20 */
    {2, 0, 0, 0, 2, 8, 8, 0, 0, STATUS_AT_RISK, false}, /* 12/20 */
    {0, 0, 0, 0, 0, 1, 2, 0, 0, STATUS_OFF_TRACK, false}, /* 1/3 */
    {0, 0, 0, 0, 0, 2, 0, 1, 0, STATUS_OFF_TRACK, false}, /* 2/3 */
    /* Mixed: some targets ended (their verdicts count in the share). */
    {0, 3, 1, 0, 0, 4, 0, 0, 2, STATUS_ON_TRACK, false},
    {0, 2, 0, 2, 0, 4, 0, 0, 0, STATUS_AT_RISK, false}, /* 6/8 */
    /* Every pair final. */
    {0, 5, 0, 0, 0, 0, 0, 0, 1, STATUS_MET, true},
    {0, 7, 1, 2, 0, 0, 0, 0, 0, STATUS_NEARLY_MET, true}, /* 8/10 */
    {0, 20, 2, 15, 0, 0, 0, 0, 0, STATUS_NOT_MET, true}, /* 22/37 */
    {0, 0, 0, 0, 0, 0, 0, 0, 3, STATUS_NO_DATA, false},
};

static void
test_badge_rule(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(badge_cases); i++) {
		const struct badge_case *c = &badge_cases[i];
		struct rollup_row row;
		char what[32];

		memset(&row, 0, sizeof(row));
		row.counts[STATUS_MET] = c->met + c->met_final;
		row.met_final = c->met_final;
		row.counts[STATUS_NEARLY_MET] = c->nearly;
		row.counts[STATUS_NOT_MET] = c->not_met;
		row.counts[STATUS_AHEAD] = c->ahead;
		row.counts[STATUS_ON_TRACK] = c->on_track;
		row.counts[STATUS_AT_RISK] = c->at_risk;
		row.counts[STATUS_BREACH] = c->breach;
		row.counts[STATUS_NO_DATA] = c->no_data;
		row.finals = c->met_final + c->nearly + c->not_met;
		for (int s = 0; s < STATUS_COUNT; s++)
			row.total += row.counts[s];
		snprintf(what, sizeof(what), "badge case %zu", i);
		assert_status(rollup_status(&row), c->want, what);
		if (rollup_final(&row) != c->final)
			fail_msg("%s: final %d", what, rollup_final(&row));
	}
}

/* The rule is said beside the badge, in the words the badge uses. */
static void
test_badge_rule_said(void **state)
{
	struct plan p;
	char *text, *html, rule[512];
	json_t *doc;

	(void)state;
	explain_rollup_rule(
	    false, VOCABULARY_PLAN, "zh-CN", rule, sizeof(rule));
	assert_string_equal(rule,
	    "总体判断：提前实现、快于预期、基本符合预期或基本完成的目标占已判断"
	    "目标 80% 及以上为基本符合预期，50% 及以上为滞后于预期，否则为严重"
	    "滞后于预期；有目标突破约束时为严重滞后于预期。");
	explain_rollup_rule(true, VOCABULARY_UNSD, "en", rule, sizeof(rule));
	assert_string_equal(rule,
	    "Overall (every target has its final verdict): met when all are "
	    "met; nearly met when 80 % or more are met or nearly met; not "
	    "met otherwise.");
	/* The plan of test_stale_breach_first: 1 on track, 1 at risk, 1
	 * breach: 1/3, off track (the breach would make it so anyway). */
	plan_build(&p, "zh-CN");
	text = capture(report_text, &p.in);
	explain_rollup_rule(
	    false, VOCABULARY_UNSD, "zh-CN", rule, sizeof(rule));
	assert_non_null(strstr(text, "规划总体：偏离目标（截至 2025-11-01 "));
	assert_non_null(strstr(text, "，3 项目标）\n"));
	assert_non_null(strstr(text, rule));
	free(text);
	html = capture(dashboard, &p.in);
	assert_non_null(
	    strstr(html, "<span class=\"b off_track\">▼ 偏离目标</span></h1>"));
	assert_non_null(strstr(html, "<p class=\"x rule\">总体判断："));
	free(html);
	doc = report_json(&p.in);
	assert_string_equal(json_string_value(json_object_get(
				json_object_get(doc, "plan"), "rule")),
	    rule);
	json_decref(doc);
}

/* The dashboard with filter f, as a string (caller frees). */
static __attribute__((noinline)) char *
filtered(const struct report_input *in, const struct html_filter *f, bool files)
{
	struct html_site site = {.files = files};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	assert_int_equal(html_dashboard(in, &site, f, out), 0);
	assert_int_equal(fclose(out), 0);
	return text;
}

/*
 * A bureau's and a chapter's page: the badge and the counts are of the
 * pairs shown ("好" alone, on track), not of the plan (a breach: off
 * track); every chapter and bureau named is a link to its page.
 */
static void
test_filtered_counts_and_badge(void **state)
{
	struct plan p;
	struct html_filter all = {0}, owner = {.owner = "发改局"},
			   group = {.group = "民生"};
	char *html;

	(void)state;
	plan_build(&p, "zh-CN");
	p.ic[0].owner = "发改局";
	p.ic[0].group = "民生";
	html = filtered(&p.in, &all, false);
	assert_non_null(
	    strstr(html, "<h1>规划监测 <span class=\"b off_track\">"));
	assert_non_null(strstr(html, "突破约束 1"));
	assert_non_null(strstr(html,
	    "<a href=\"/?owner=%E5%8F%91%E6%94%B9%E5%B1%80\">发改局</a>"));
	assert_non_null(
	    strstr(html, "<a href=\"/?group=%E6%B0%91%E7%94%9F\">民生</a>"));
	assert_null(strstr(html, "class=\"scope\""));
	free(html);

	html = filtered(&p.in, &owner, false);
	assert_non_null(strstr(html, "<title>发改局 · 规划监测</title>"));
	assert_non_null(
	    strstr(html, "<h1>规划监测 · 发改局 <span class=\"b on_track\">"));
	assert_non_null(strstr(html, "责任部门 <strong>发改局</strong>"));
	assert_non_null(strstr(html, "<a href=\"/\">返回全部规划指标</a>"));
	/* Counts of its one pair, linked within the bureau. */
	assert_non_null(strstr(html,
	    "/?owner=%E5%8F%91%E6%94%B9%E5%B1%80&amp;"
	    "status=on_track\">"));
	assert_null(strstr(html, "突破约束 1"));
	assert_null(strstr(html, "/indicator/gdp"));
	assert_non_null(strstr(html, "/indicator/good"));
	free(html);

	/* The export's chapter page: one folder down, relative links. */
	html = filtered(&p.in, &group, true);
	assert_non_null(
	    strstr(html, "<h1>规划监测 · 民生 <span class=\"b on_track\">"));
	assert_non_null(strstr(html, "href=\"../indicator/good.html\""));
	assert_non_null(strstr(html, "href=\"../owner/1.html\">发改局</a>"));
	assert_non_null(strstr(html, "href=\"../index.html\""));
	assert_null(strstr(html, "href=\"/"));
	free(html);
	html = filtered(&p.in, &all, true);
	assert_non_null(strstr(html, "href=\"group/1.html\">民生</a>"));
	assert_non_null(strstr(html, "href=\"group/2.html\">经济</a>"));
	assert_non_null(strstr(html, "href=\"owner/2.html\">统计局</a>"));
	free(html);
}

/*
 * The dashboard and its filtered pages reload themselves every
 * dashboard_refresh seconds (no script); 0 turns it off; an indicator
 * page, read at length, never does.
 */
static void
test_dashboard_refresh(void **state)
{
	struct plan p;
	struct html_filter all = {0}, owner = {.owner = "统计局"};
	struct html_site site = {0};
	char *html;
	size_t len;
	FILE *out;

	(void)state;
	plan_build(&p, "zh-CN");
	p.conf.dashboard_refresh = 300;
	html = filtered(&p.in, &all, false);
	assert_non_null(
	    strstr(html, "<meta http-equiv=\"refresh\" content=\"300\">"));
	free(html);
	html = filtered(&p.in, &owner, true);
	assert_non_null(
	    strstr(html, "<meta http-equiv=\"refresh\" content=\"300\">"));
	free(html);
	assert_non_null(out = open_memstream(&html, &len));
	assert_int_equal(html_indicator(&p.in, &site, 0, out), 0);
	assert_int_equal(fclose(out), 0);
	assert_null(strstr(html, "http-equiv=\"refresh\""));
	free(html);
	p.conf.dashboard_refresh = 0;
	html = filtered(&p.in, &all, false);
	assert_null(strstr(html, "http-equiv=\"refresh\""));
	free(html);
}

/* Unknown keys and names are refused, naming the parameter. */
static void
test_filter_refused(void **state)
{
	struct plan p;
	struct html_filter f = {0};
	char err[512];

	(void)state;
	plan_build(&p, "zh-CN");
	assert_int_equal(
	    html_filter_set(&f, &p.conf, "owner", "统计局", err, sizeof(err)),
	    0);
	assert_string_equal(f.owner, "统计局");
	assert_int_equal(
	    html_filter_set(&f, &p.conf, "owner", "统计局", err, sizeof(err)),
	    -1);
	assert_string_equal(err, "owner: given twice");
	assert_int_equal(
	    html_filter_set(&f, &p.conf, "foo", "1", err, sizeof(err)), -1);
	assert_string_equal(err,
	    "foo: not a filter of the dashboard; the "
	    "filters are group, owner, status, overdue, lang");
	assert_int_equal(
	    html_filter_set(&f, &p.conf, "group", "<script>", err, sizeof(err)),
	    -1);
	assert_string_equal(err,
	    "group: no chapter named \"<script>\" in "
	    "the plan; the chapters are: 经济");
	assert_int_equal(
	    html_filter_set(&f, &p.conf, "status", "fine", err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err,
	    "status: no status named \"fine\"; the "
	    "statuses are: not_met, breach,"));
	assert_int_equal(
	    html_filter_set(&f, &p.conf, "overdue", "yes", err, sizeof(err)),
	    -1);
	assert_int_equal(
	    html_filter_set(&f, &p.conf, "status", "breach", err, sizeof(err)),
	    0);
	assert_false(html_filter_shows(&f, &p.ic[0], &p.j[0]));
	assert_true(html_filter_shows(&f, &p.ic[2], &p.j[2]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_stale_breach_first, release),
	    cmocka_unit_test_teardown(
		test_stale_breach_dashboard_and_digest, release),
	    cmocka_unit_test(test_badge_rule),
	    cmocka_unit_test_teardown(test_badge_rule_said, release),
	    cmocka_unit_test_teardown(test_filtered_counts_and_badge, release),
	    cmocka_unit_test_teardown(test_dashboard_refresh, release),
	    cmocka_unit_test_teardown(test_filter_refused, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
