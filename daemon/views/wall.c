/*
 * wall: the screen is read from across a room by people who may not tell
 * red from green, so every status is a colour of the Okabe-Ito palette
 * and a symbol and words, and the colour of text on a fill is computed
 * (WCAG contrast), not chosen by eye.  Sizes are in vw so that the page
 * scales with the screen; below 60em it stacks into one column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"
#include "explain.h"
#include "html_lang.h"
#include "html_text.h"
#include "html_plans.h"
#include "report_plans.h"
#include "tz.h"
#include "status_style.h"
#include "wall.h"

/*
 * A column of the matrix: a status, with met split into final verdicts
 * (完成) and met before the deadline, as the dashboard counts them.
 */
struct column {
	enum status s;
	bool final;
};

#define NCOLUMNS (STATUS_COUNT + 1)

static const struct column columns[NCOLUMNS] = {
    {STATUS_NOT_MET, true},
    {STATUS_BREACH, false},
    {STATUS_REGRESSING, false},
    {STATUS_OFF_TRACK, false},
    {STATUS_AT_RISK, false},
    {STATUS_NEARLY_MET, true},
    {STATUS_ON_TRACK, false},
    {STATUS_AHEAD, false},
    {STATUS_MET, true},
    {STATUS_MET, false},
    {STATUS_NO_DATA, false},
    {STATUS_FEED_ERROR, false},
};

/* The class of a column: its status's name, "met_final" for 完成. */
static const char *
column_key(const struct column *c)
{
	return c->s == STATUS_MET && c->final ? "met_final" : status_name(c->s);
}

/*
 * The style sheet.  At 1920x1080 (the room's screen) the page is one
 * screen: the matrix and the tiles on the left, every target in two
 * columns on the right.  Narrower than 60em it stacks and may scroll.
 */
static void
style(FILE *out)
{
	fputs(
	    "<style>"
	    "html,body{margin:0}*{box-sizing:border-box}"
	    "body{font-family:'Noto Sans CJK SC',sans-serif;color:#111;"
	    "background:#fff;font-size:max(14px,.95vw);line-height:1.2}"
	    ".wall{display:grid;grid-template-columns:minmax(0,36fr) "
	    "minmax(0,64fr);grid-template-rows:auto 1fr;gap:.5em 1.2em;"
	    "padding:.6em 1em;min-height:100vh}"
	    "header{grid-column:1/-1;display:flex;flex-wrap:wrap;"
	    "align-items:baseline;gap:.2em 1.2em}"
	    "h1{font-size:1.5em;margin:0}h2{font-size:1em;margin:.4em 0 .2em}"
	    ".x{color:#444;font-size:.85em}a{color:#0050A0}"
	    "table{border-collapse:collapse;width:100%;table-layout:fixed}"
	    "th,td{border:1px solid #999;padding:.15em .2em;"
	    "text-align:center;overflow-wrap:anywhere}"
	    "thead th{font-weight:normal;font-size:.8em;vertical-align:bottom}"
	    "thead .st{white-space:normal;display:inline-block}"
	    "th.g{text-align:left;width:24%;font-weight:normal}"
	    "td{font-size:1.2em;font-weight:bold}tfoot th,tfoot td{"
	    "border-top:2px solid #111}"
	    ".tiles{display:grid;grid-template-columns:repeat(auto-fill,"
	    "minmax(12em,1fr));gap:.35em}"
	    ".tile{border:1px solid #999;border-left-width:.5em;"
	    "padding:.15em .4em}.tile .name{display:block}"
	    ".tile span{white-space:nowrap}"
	    "ol{list-style:none;margin:0;padding:0;columns:2;column-gap:1em}"
	    "li{break-inside:avoid;padding:.12em 0;border-bottom:1px solid "
	    "#ccc;overflow-wrap:anywhere}"
	    ".st{padding:0 .3em;border-radius:.2em;white-space:nowrap}"
	    /* English names are about twice as long as the Chinese (two
	     * lines where one did): a smaller size keeps every target on
	     * the one screen. */
	    "html[lang=en] body{font-size:max(13px,.84vw)}"
	    "@media(max-width:60em){.wall{display:block}ol{columns:1}"
	    "section{margin-top:.6em}}",
	    out);
	for (size_t k = 0; k < NCOLUMNS; k++) {
		const char *bg = status_fill(columns[k].s);

		fprintf(out, ".s-%s{background:%s;color:%s}",
		    column_key(&columns[k]), bg, status_text_on(bg));
	}
	for (int s = 0; s < STATUS_COUNT; s++)
		fprintf(out, ".o-%s{border-left-color:%s}",
		    status_name((enum status)s), status_fill((enum status)s));
	fputs("</style>", out);
}

/*
 * The plan's years: from the year after its earliest baseline (or its
 * first period judged) to its latest deadline; false when its targets
 * name none.
 */
static bool
plan_years(const struct config *c, int *first, int *last)
{
	*first = 0;
	*last = 0;
	for (size_t i = 0; i < c->nindicators; i++)
		for (size_t k = 0; k < c->indicators[i].ntargets; k++) {
			const struct target_conf *t =
			    &c->indicators[i].targets[k];
			bool path = t->kind == TARGET_REACH ||
			    (t->kind == TARGET_GROWTH &&
				t->basis == BASIS_CAGR);
			int from = path && t->baseline_period.year > 0
			    ? t->baseline_period.year + 1
			    : t->has_from ? t->from.year
					  : 0;
			int to = path   ? t->target_period.year
			    : t->has_to ? t->to.year
					: 0;

			if (from > 0 && (*first == 0 || from < *first))
				*first = from;
			if (to > *last)
				*last = to;
		}
	return *first > 0 && *last >= *first;
}

/* The status's symbol and words, on its colour. */
static void
status_chip(FILE *out, const struct column *c, const char *words)
{
	fprintf(out, "<span class=\"st s-%s\">%s ", column_key(c),
	    status_symbol(c->s));
	html_escape(out, words);
	fputs("</span>", out);
}

static void
header(FILE *out, const struct report_input *in, const struct rollup *r,
    const struct html_site *site, bool zh)
{
	const char *plan = html_plans_title(in);
	const struct config *c = in->conf;
	const struct plan_conf *counted = report_plans_counted(in, NULL);
	enum status s = rollup_status(&r->plan);
	struct column badge = {s, rollup_final(&r->plan)};
	char when[64];
	int first, last;

	fputs("<header><h1>", out);
	html_escape(out, plan ? plan : zh ? "规划监测" : "planwatch");
	fputs("</h1>", out);
	/* plans: the years of the plan shown. */
	if (counted != NULL) {
		first = (int)counted->from;
		last = (int)counted->to;
	}
	if (counted != NULL || plan_years(c, &first, &last))
		fprintf(
		    out, "<span class=\"period\">%d–%d</span>", first, last);
	tz_datetime(c->tz, in->at, when, sizeof(when));
	fprintf(out, "<span class=\"asof\">%s %s</span>", zh ? "截至" : "as of",
	    when);
	status_chip(out, &badge,
	    explain_label(
		s, badge.final, c->judgement.vocabulary, report_locale(in)));
	fprintf(
	    out, "<a class=\"x\" href=\"%s", site->files ? "index.html" : "/");
	html_lang_keep(out, site, true);
	fprintf(out, "\">%s</a>", zh ? "总览" : "overview");
	html_lang_switch(
	    out, in, site, site->files ? "wall.html" : "/wall", "");
	fputs("</header>\n", out);
}

/* The pairs of row in column c. */
static int
cell_count(const struct rollup_row *row, const struct column *c)
{
	if (c->s != STATUS_MET)
		return row->counts[c->s];
	return c->final ? row->met_final
			: row->counts[STATUS_MET] - row->met_final;
}

/* The cells of one row of the matrix: shown, the columns it has. */
static void
matrix_row(FILE *out, const struct rollup_row *row, const char *name,
    const bool *shown)
{
	fputs("<th class=\"g\">", out);
	html_escape(out, name);
	fputs("</th>", out);
	for (size_t k = 0; k < NCOLUMNS; k++) {
		int n = cell_count(row, &columns[k]);

		if (!shown[k])
			continue;
		if (n == 0)
			fputs("<td></td>", out);
		else
			fprintf(out, "<td class=\"s-%s\">%d</td>",
			    column_key(&columns[k]), n);
	}
	fprintf(out, "<td>%d</td>", row->total);
}

/*
 * The chapter x status matrix: one row per chapter in the
 * configuration's order, one column per status that any target has.
 */
static void
matrix(
    FILE *out, const struct report_input *in, const struct rollup *r, bool zh)
{
	const struct config *c = in->conf;
	bool shown[NCOLUMNS];

	fprintf(out,
	    "<section><h2>%s</h2><table class=\"matrix\"><thead><tr>"
	    "<th class=\"g\">%s</th>",
	    zh ? "各篇章目标状态" : "Targets by chapter and status",
	    zh ? "篇章" : "Chapter");
	for (size_t k = 0; k < NCOLUMNS; k++) {
		shown[k] = cell_count(&r->plan, &columns[k]) > 0;
		if (!shown[k])
			continue;
		fputs("<th>", out);
		status_chip(out, &columns[k],
		    explain_label(columns[k].s, columns[k].final,
			c->judgement.vocabulary, report_locale(in)));
		fputs("</th>", out);
	}
	fprintf(
	    out, "<th>%s</th></tr></thead>\n<tbody>", zh ? "合计" : "Total");
	for (size_t g = 0; g < r->ngroups; g++) {
		if (r->groups[g].total == 0)
			continue;
		fputs("<tr>", out);
		matrix_row(out, &r->groups[g],
		    chapter_name(
			in->conf, r->groups[g].name, report_locale(in)),
		    shown);
		fputs("</tr>\n", out);
	}
	fputs("</tbody><tfoot><tr>", out);
	{
		struct rollup_row all = r->plan;

		all.name = zh ? "全部" : "All";
		matrix_row(out, &all, all.name, shown);
	}
	fputs("</tr></tfoot></table></section>\n", out);
}

/*
 * Per bureau: problems, fine, final verdicts (of them, not met), no
 * data.
 */
struct tally {
	int problems, fine, finals, not_met, none;
};

static void
tally_owner(const struct report_input *in, const char *owner, struct tally *y)
{
	memset(y, 0, sizeof(*y));
	for (size_t i = 0; i < in->conf->nindicators; i++) {
		const struct indicator_conf *ic = &in->conf->indicators[i];

		if (strcmp(ic->owner ? ic->owner : "-", owner) != 0)
			continue;
		for (size_t t = 0; t < ic->ntargets; t++) {
			const struct judgement *j = &in->j[i][t];

			if (j->other_plan)
				continue;
			if (j->final) {
				y->finals++;
				y->not_met += j->status == STATUS_NOT_MET;
			} else if (status_is_problem(j->status))
				y->problems++;
			else if (j->status == STATUS_NO_DATA)
				y->none++;
			else
				y->fine++;
		}
	}
}

/* One tile per bureau, its edge in the colour of its overall status. */
static void
tiles(FILE *out, const struct report_input *in, const struct rollup *r, bool zh)
{
	const char *not_met = explain_label(STATUS_NOT_MET, true,
	    in->conf->judgement.vocabulary, report_locale(in));

	fprintf(out, "<section><h2>%s</h2><div class=\"tiles\">",
	    zh ? "责任单位" : "Bureaus");
	for (size_t o = 0; o < r->nowners; o++) {
		const struct rollup_row *row = &r->owners[o];
		struct tally y;

		if (row->total == 0)
			continue;
		tally_owner(in, row->name, &y);
		fprintf(out, "<div class=\"tile o-%s\" data-owner=\"",
		    status_name(rollup_status(row)));
		html_escape(out, row->name);
		fputs("\"><b class=\"name\">", out);
		html_escape(
		    out, bureau_name(in->conf, row->name, report_locale(in)));
		fprintf(out,
		    "</b><span>%s <b>%d</b></span> · <span>%s %d</span> · "
		    "<span>%s %d",
		    zh ? "问题" : "problems", y.problems, zh ? "正常" : "fine",
		    y.fine, zh ? "终期" : "final", y.finals);
		if (y.not_met > 0)
			fprintf(out, zh ? "（%s %d）" : " (%s %d)", not_met,
			    y.not_met);
		fputs("</span>", out);
		if (y.none > 0)
			fprintf(
			    out, " · %s %d", zh ? "无数据" : "no data", y.none);
		fputs("</div>", out);
	}
	fputs("</div></section>\n", out);
}

/* One target: its status, indicator, target, latest value, bureau. */
static void
target_item(
    FILE *out, const struct report_input *in, size_t i, size_t t, bool zh)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct target_conf *tc = &ic->targets[t];
	const struct judgement *j = &in->j[i][t];
	struct column c = {j->status, j->final};
	char value[64], period[2 * PERIOD_TEXT_MAX];

	fputs("<li data-target=\"", out);
	html_escape(out, ic->id);
	fputs("/", out);
	html_escape(out, tc->id);
	fputs("\">", out);
	status_chip(out, &c, explain_status_of(tc, j, report_locale(in)));
	fputs(" ", out);
	html_escape(out, indicator_name(ic, report_locale(in)));
	fputs("<div class=\"x\">", out);
	html_target_words(out, tc, zh);
	if (explain_latest(ic, tc, j, report_locale(in), value, sizeof(value),
		period, sizeof(period))) {
		fputs(" · ", out);
		html_escape(out, value);
		fputs(" (", out);
		html_escape(out, period);
		fputs(")", out);
	}
	if (ic->owner != NULL) {
		fputs(" · ", out);
		html_escape(out, indicator_owner(ic, report_locale(in)));
	}
	fputs("</div></li>\n", out);
}

/* Indicator i's targets of status s, when binding says it is (or not). */
static void
targets_of(FILE *out, const struct report_input *in, size_t i, int s,
    bool binding, bool zh)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];

	if ((ic->nature == NATURE_BINDING) != binding)
		return;
	for (size_t t = 0; t < ic->ntargets; t++)
		if ((int)in->j[i][t].status == s && !in->j[i][t].other_plan)
			target_item(out, in, i, t, zh);
}

/* Every target, the worst first (the status enum is ordered so). */
static void
targets(FILE *out, const struct report_input *in, bool zh)
{
	fprintf(out, "<section class=\"list\"><h2>%s</h2><ol>\n",
	    zh ? "全部目标（问题在前）" : "Every target, the worst first");
	/* Binding targets first among equals. */
	for (int s = 0; s < STATUS_COUNT; s++)
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < in->conf->nindicators; i++)
				targets_of(out, in, i, s, pass == 0, zh);
	fputs("</ol></section>\n", out);
}

int
wall_page(
    const struct report_input *in, const struct html_site *site, FILE *out)
{
	const struct config *c = in->conf;
	bool zh = locale_of(report_locale(in)) == LOCALE_ZH_CN;
	struct rollup r = {0};

	for (size_t i = 0; i < c->nindicators; i++)
		if (rollup_add(&r, &c->indicators[i], in->j[i]) != 0) {
			rollup_clear(&r);
			return -1;
		}
	fprintf(out,
	    "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,"
	    "initial-scale=1\"><meta http-equiv=\"refresh\" content=\"%ld\">"
	    "<title>",
	    zh ? "zh-CN" : "en", c->wall_refresh > 0 ? c->wall_refresh : 60);
	html_escape(
	    out, html_plans_title(in) ? html_plans_title(in) : "planwatch");
	fputs("</title>", out);
	style(out);
	fputs("</head><body><div class=\"wall\">\n", out);
	header(out, in, &r, site, zh);
	fputs("<div class=\"left\">", out);
	matrix(out, in, &r, zh);
	tiles(out, in, &r, zh);
	fputs("</div>\n", out);
	targets(out, in, zh);
	fputs("</div></body></html>\n", out);
	rollup_clear(&r);
	return ferror(out) ? -1 : 0;
}
