/*
 * test_marks_views: what a reader is told of each value's mark.  The
 * indicator page's status column (the feed's mark, else the indicator's
 * figures; 修订 and the period's history in a <details> when its value
 * changed; a change of mark alone in the history, not in the revision
 * table), the API's series (mark, revised, revisions) and the CSV
 * download (mark, revised), times in the configured zone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "evaluate.h"
#include "html.h"
#include "html_meta.h"
#include "marks.h"
#include "obs.h"
#include "report.h"
#include "tz.h"
#include "unit/judge_case.h"

/* 2024-09-06 02:00 UTC: 10:00 in Shanghai. */
#define REVISED_AT 1725588000L

struct views {
	struct config conf;
	struct indicator_conf ic;
	struct obs_list obs;
	struct obs_revisions revs;
	struct judgement j[1];
	const struct judgement *jp[1];
	struct report_input in;
	struct html_site site;
};

/*
 * 2021 published; 2022 unstated (the figures: say illustrative); 2023
 * estimated 1065, revised to 1048.97 published; 2024 illustrative,
 * re-marked provisional at the same value.
 */
static void
views_init(struct views *v)
{
	struct period p[4] = {
	    per("2021"), per("2022"), per("2023"), per("2024")};
	char err[256];

	memset(v, 0, sizeof(*v));
	v->ic = indicator(NULL, 0);
	v->ic.figures = FIGURES_ILLUSTRATIVE;
	v->conf.indicators = &v->ic;
	v->conf.nindicators = 1;
	v->conf.locale = "zh-CN";
	v->conf.tz = tz_load("Asia/Shanghai", err, sizeof(err));
	assert_non_null(v->conf.tz);
	assert_int_equal(
	    obs_list_add_mark(&v->obs, &p[0], 1030.11, OBS_MARK_PUBLISHED), 0);
	assert_int_equal(obs_list_add(&v->obs, &p[1], 1045.07), 0);
	assert_int_equal(
	    obs_list_add_mark(&v->obs, &p[2], 1048.97, OBS_MARK_PUBLISHED), 0);
	assert_int_equal(
	    obs_list_add_mark(&v->obs, &p[3], 1070, OBS_MARK_PROVISIONAL), 0);
	assert_int_equal(obs_revisions_add(&v->revs, &p[2], 1065, 1048.97,
			     REVISED_AT, "gdp_feed"),
	    0);
	obs_revisions_mark(&v->revs, OBS_MARK_ESTIMATED, OBS_MARK_PUBLISHED);
	assert_int_equal(obs_revisions_add(&v->revs, &p[3], 1070, 1070,
			     REVISED_AT + 86400, "gdp_feed"),
	    0);
	obs_revisions_mark(
	    &v->revs, OBS_MARK_ILLUSTRATIVE, OBS_MARK_PROVISIONAL);
	v->jp[0] = v->j;
	v->in = (struct report_input){.conf = &v->conf,
	    .obs = &v->obs,
	    .j = v->jp,
	    .at = at("2025-06-01", 0),
	    .revs = &v->revs};
	v->site.revs = &v->revs;
}

static void
views_free(struct views *v)
{
	obs_list_clear(&v->obs);
	obs_revisions_clear(&v->revs);
	tz_free(v->conf.tz);
}

static void
test_page(void **state)
{
	struct views v;
	char *text = NULL;
	size_t len;
	FILE *f;

	(void)state;
	views_init(&v);
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_indicator(&v.in, &v.site, 0, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "<th>实际值</th><th>数据性质</th>", "header");
	assert_has(text,
	    "<tr><td>2021</td><td>1030.11 亿元</td>"
	    "<td class=\"mark\">公布</td>",
	    "published");
	/* The feed said nothing: the indicator's figures speak. */
	assert_has(text,
	    "<tr><td>2022</td><td>1045.07 亿元</td>"
	    "<td class=\"mark\">示例</td>",
	    "figures");
	/* Revised: the word and the history, in local time. */
	assert_has(text,
	    "<tr><td>2023</td><td>1048.97 亿元</td><td class=\"mark\">"
	    "<details><summary>公布 · 修订</summary><ul>"
	    "<li>1065（估计） → 1048.97（公布），2024-09-06 10:00",
	    "revised");
	/* A change of mark alone: history, but not 修订. */
	assert_has(text,
	    "<td class=\"mark\"><details><summary>初步</summary><ul>"
	    "<li>1070（示例） → 1070（初步），2024-09-07 10:00",
	    "re-marked");
	/* The revision table lists the new value, not the new mark. */
	assert_has(text, "<td>2023</td><td>1065</td><td>1048.97</td>",
	    "revision table");
	assert_lacks(
	    text, "<td>2024</td><td>1070</td><td>1070</td>", "revision table");
	assert_lacks(text, "<script", "no script");
	free(text);

	/* In English. */
	v.conf.locale = "en";
	text = NULL;
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_indicator(&v.in, &v.site, 0, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "<th>Status</th>", "en header");
	assert_has(text, "<summary>published · revised</summary>", "en");
	assert_has(text, "1065 (estimated) → 1048.97 (published), ", "en");
	free(text);
	views_free(&v);
}

static void
test_api(void **state)
{
	struct views v;
	json_t *doc, *series, *o, *r;

	(void)state;
	views_init(&v);
	assert_non_null(doc = report_indicator_json(&v.in, 0, true));
	series = json_object_get(doc, "series");
	assert_int_equal(json_array_size(series), 4);
	o = json_array_get(series, 0);
	assert_string_equal(
	    json_string_value(json_object_get(o, "mark")), "published");
	assert_null(json_object_get(o, "revisions"));
	o = json_array_get(series, 1);
	assert_string_equal(
	    json_string_value(json_object_get(o, "mark")), "illustrative");
	o = json_array_get(series, 2);
	assert_true(json_is_true(json_object_get(o, "revised")));
	r = json_array_get(json_object_get(o, "revisions"), 0);
	assert_non_null(r);
	assert_true(json_number_value(json_object_get(r, "old_value")) == 1065);
	assert_string_equal(
	    json_string_value(json_object_get(r, "old_mark")), "estimated");
	assert_string_equal(json_string_value(json_object_get(r, "fetched")),
	    "2024-09-06T02:00:00Z");
	o = json_array_get(series, 3);
	assert_string_equal(
	    json_string_value(json_object_get(o, "mark")), "provisional");
	assert_true(json_is_false(json_object_get(o, "revised")));
	assert_int_equal(json_array_size(json_object_get(o, "revisions")), 1);
	json_decref(doc);
	/* Without revision logs (the plan's document), marks only. */
	v.in.revs = NULL;
	assert_non_null(doc = report_indicator_json(&v.in, 0, true));
	o = json_array_get(json_object_get(doc, "series"), 2);
	assert_string_equal(
	    json_string_value(json_object_get(o, "mark")), "published");
	assert_null(json_object_get(o, "revised"));
	json_decref(doc);
	views_free(&v);
}

static void
test_csv(void **state)
{
	struct views v;
	char *text = NULL;
	size_t len;
	FILE *f;

	(void)state;
	views_init(&v);
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_series_csv(&v.ic, &v.obs, &v.revs, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(text,
	    "period,value,mark,revised,entered_by,entered_at,source,note\n"
	    "2021,1030.11,published,no,,,,\n"
	    "2022,1045.07,illustrative,no,,,,\n"
	    "2023,1048.97,published,yes,,,,\n"
	    "2024,1070,provisional,no,,,,\n");
	free(text);
	/* Figures unstated, no log: unstated, never revised. */
	v.ic.figures = FIGURES_UNSTATED;
	text = NULL;
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_series_csv(&v.ic, &v.obs, NULL, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "2022,1045.07,unstated,no,,,,\n", "unstated");
	assert_has(text, "2023,1048.97,published,no,,,,\n", "no log");
	free(text);
	views_free(&v);
}

/*
 * A value a person entered (2021, a new one; 2023, over its revision):
 * "录入：name（day，source）" and the note in the status cell, escaped;
 * {by, at, source, note} in the API; the CSV's last columns, quoted.
 */
static void
test_entered(void **state)
{
	struct views v;
	struct period p2021 = per("2021"), p2023 = per("2023");
	char *text = NULL;
	size_t len;
	json_t *doc, *o, *e;
	FILE *f;

	(void)state;
	views_init(&v);
	v.obs.v[0].mark = OBS_MARK_ENTERED;
	assert_int_equal(obs_entered_set(&v.revs, &p2021, REVISED_AT, "张三",
			     "区统计局 \"快报\"", "<b>口径</b>调整"),
	    0);
	assert_int_equal(obs_entered_set(&v.revs, &p2023, REVISED_AT + 60,
			     "李四", "年鉴", NULL),
	    0);
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_indicator(&v.in, &v.site, 0, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text,
	    "<tr><td>2021</td><td>1030.11 亿元</td><td class=\"mark\">"
	    "<span class=\"entered\">录入：张三（2024-09-06，区统计局 "
	    "&quot;快报&quot;）</span><br><small class=\"note\">"
	    "&lt;b&gt;口径&lt;/b&gt;调整</small></td>",
	    "entered");
	assert_has(text,
	    "</ul></details><span class=\"entered\">录入：李四（2024-09-06，"
	    "年鉴）</span></td>",
	    "entered over a revision");
	assert_lacks(text, "<b>口径", "escaped");
	free(text);
	assert_non_null(doc = report_indicator_json(&v.in, 0, true));
	o = json_array_get(json_object_get(doc, "series"), 0);
	assert_string_equal(
	    json_string_value(json_object_get(o, "mark")), "entered");
	assert_non_null(e = json_object_get(o, "entered"));
	assert_string_equal(
	    json_string_value(json_object_get(e, "by")), "张三");
	assert_string_equal(json_string_value(json_object_get(e, "at")),
	    "2024-09-06T02:00:00Z");
	assert_string_equal(
	    json_string_value(json_object_get(e, "note")), "<b>口径</b>调整");
	o = json_array_get(json_object_get(doc, "series"), 1);
	assert_null(json_object_get(o, "entered"));
	json_decref(doc);
	text = NULL;
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_series_csv(&v.ic, &v.obs, &v.revs, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text,
	    "2021,1030.11,entered,no,\"张三\",2024-09-06T02:00:00Z,"
	    "\"区统计局 \"\"快报\"\"\",\"<b>口径</b>调整\"\n",
	    "csv");
	assert_has(text,
	    "2023,1048.97,published,yes,\"李四\",2024-09-06T02:01:00Z,"
	    "\"年鉴\",\n",
	    "csv without a note");
	free(text);
	/* A feed's value later: no one's any more. */
	obs_entered_unset(&v.revs, &p2021);
	assert_null(obs_entered_find(&v.revs, &p2021));
	assert_non_null(obs_entered_find(&v.revs, &p2023));
	views_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page),
	    cmocka_unit_test(test_api),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_entered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
