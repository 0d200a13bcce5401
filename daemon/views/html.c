/*
 * html: every text that comes from the configuration or a feed is
 * escaped (&, <, >, ", ') before it reaches the page.  Status colours are
 * the charts' colours.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"
#include "explain.h"
#include "html.h"
#include "html_annual.h"
#include "html_filter.h"
#include "html_lang.h"
#include "html_rollup.h"
#include "html_meta.h"
#include "html_periods.h"
#include "html_text.h"
#include "html_notes.h"
#include "marks.h"
#include "html_plans.h"
#include "status_style.h"

/*
 * A sparkline keeps its 160 x 40: under img's max-width:100% a table cell
 * would squeeze it to the column's minimum (68 px, its marks ~2 px).
 */
static const char style[] =
    "body{font-family:'Noto Sans CJK SC',sans-serif;margin:1em;color:#222}"
    "table{border-collapse:collapse;width:100%}"
    "td,th{border-bottom:1px solid #ddd;padding:.3em;text-align:left;"
    "vertical-align:top}"
    ".b{padding:.1em .4em;border-radius:.3em;white-space:nowrap}"
    ".od{border:1px solid #7f7f7f;color:#555;padding:0 .3em;"
    "border-radius:.3em;white-space:nowrap;font-size:.85em}"
    "img{max-width:100%;height:auto}.x{color:#555;font-size:.9em}"
    ".notes ol{list-style:none;padding-left:0}"
    ".x a{white-space:nowrap}"
    ".meta{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.2em 1em}.meta dd{margin:0}"
    ".spark{width:160px;height:40px;max-width:none}.err{color:#B3261E}"
    ".rollups{display:flex;flex-wrap:wrap;gap:0 2em;align-items:flex-start}"
    ".rollup{width:auto;margin-bottom:1em}"
    ".rollup td:first-child{white-space:nowrap}.scope{font-size:1.1em}"
    /* A period and a value's status stay whole on a phone. */
    ".periods td:first-child,.mark summary{white-space:nowrap}"
    ".mark ul{margin:.2em 0;padding-left:1em}"
    "@media(max-width:40em){.wide{display:none}}"
    /* A phone: each target a card, its cells stacked at the full width,
     * so a name is not squeezed into a column two characters wide. */
    "@media(max-width:600px){body{margin:.5em}"
    "table.targets,.targets tbody,.targets tr,.targets td{display:block}"
    ".targets tr:first-child{display:none}"
    ".targets tr{border:1px solid #ddd;border-radius:.4em;"
    "margin:.5em 0;padding:.3em}"
    ".targets td{border:0;padding:.1em .3em}"
    ".targets td.wide{display:none}"
    "td{overflow-wrap:anywhere}.rollups{display:block}"
    /* English names run long ("District Bureau of Industry and
     * Information Technology", "well behind schedule"): the roll-up
     * tables take the screen's width and wrap them between words. */
    ".x a,.rollup .b{white-space:normal}"
    ".rollup{table-layout:fixed;width:100%}"
    ".rollup td,.rollup th,.rollup td:first-child{overflow-wrap:break-word;"
    "white-space:normal}.rollup tr>:nth-child(3){width:4.2em}"
    ".rollup tr>:first-child{width:36%}}"
    "@media print{a{color:#222;text-decoration:none}}";

/*
 * The page's head; refresh > 0: it reloads itself after that many seconds
 * (the dashboard left open in an office shows what is judged now), with
 * no script.
 */
static void
head(FILE *out, const char *title, bool zh, long refresh)
{
	fprintf(out,
	    "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width,initial-scale=1\">",
	    zh ? "zh-CN" : "en");
	if (refresh > 0)
		fprintf(out, "<meta http-equiv=\"refresh\" content=\"%ld\">",
		    refresh);
	fputs("<title>", out);
	html_escape(out, title);
	fprintf(out, "</title><style>%s", style);
	status_style_css(out, ".b.");
	fputs("</style></head><body>\n", out);
}

/*
 * The flag of data overdue beside a status badge: what is overdue and
 * since when, never instead of the status.
 */
static void
overdue_mark(FILE *out, const struct judgement *j, const char *locale)
{
	char what[128];

	if (!j->stale)
		return;
	explain_overdue(j, locale, what, sizeof(what));
	fputs(" <span class=\"od\" title=\"", out);
	html_escape(out, what);
	fputs("\">", out);
	html_escape(out, explain_overdue_label(locale));
	fputs("</span>", out);
}

static bool
is_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

/* The link to indicator id, from the dashboard or another page. */
static void
link_indicator(
    FILE *out, const struct html_site *site, const char *id, bool from_index)
{
	if (!site->files) {
		fprintf(out, "/indicator/%s", id);
		html_lang_keep(out, site, true);
	} else
		fprintf(out, "%sindicator/%s.html",
		    from_index && !site->down ? "" : "../", id);
}

/*
 * The source of view v of id's chart: the SVG of the plan chart and the
 * sparkline (sharp at any size, titled for screen readers), the PNG of
 * the history, which librrd draws.
 */
static void
link_graph(FILE *out, const struct html_site *site, const char *id,
    const char *view, bool from_index)
{
	const char *ext =
	    view != NULL && strcmp(view, "history") == 0 ? "png" : "svg";

	const char *lang = site->charts;

	if (!site->files)
		fprintf(out, "/graph/%s.%s%s%s%s%s", id, ext,
		    view ? "?view=" : "", view ? view : "",
		    lang == NULL ? ""
			: view   ? "&amp;lang="
				 : "?lang=",
		    lang ? lang : "");
	else
		fprintf(out, "%s%sgraph/%s%s%s%s%s.%s", html_lang_shared(site),
		    from_index && !site->down ? "" : "../", id, view ? "." : "",
		    view ? view : "", lang ? "." : "", lang ? lang : "", ext);
}

/* A sparkline's <img>, named for screen readers. */
static void
spark_img(FILE *out, const struct html_site *site,
    const struct indicator_conf *ic, bool zh)
{
	fputs("<img class=\"spark\" width=\"160\" height=\"40\" src=\"", out);
	link_graph(out, site, ic->id, "spark", true);
	fputs("\" alt=\"", out);
	html_escape(out, indicator_name(ic, zh ? "zh-CN" : "en"));
	fputs(zh ? "：走势\">" : ": trend\">", out);
}

/*
 * The archive's health: behind its journal (the data is safe in the
 * journal; the charts lag), or damaged and rebuilt.
 */
static void
storage_note(FILE *out, const struct html_feed *f, const struct tz *tz, bool zh)
{
	char when[64];

	if (f->storage_err != NULL) {
		fputs("<div class=\"err\">", out);
		html_escape(out,
		    zh ? "存档落后于日志（数据已保存，图表暂未更新）："
		       : "archive behind the journal (the data is "
			 "safe; charts lag): ");
		html_escape(out, f->storage_err);
		fputs("</div>", out);
	}
	if (f->aside != NULL) {
		tz_datetime(tz, f->aside_at, when, sizeof(when));
		fputs("<div class=\"err\">", out);
		fprintf(out,
		    zh ? "存档于 %s 损坏，已移至 "
		       : "archive damaged at %s, "
			 "moved to ",
		    when);
		html_escape(out, f->aside);
		fputs(zh ? " 并按日志重建" : " and rebuilt from the journal",
		    out);
		fputs("</div>", out);
	}
}

/*
 * A damaged journal: the indicator takes no new value until it is
 * repaired, and the note says how.
 */
static void
journal_note(FILE *out, const struct html_feed *f, const char *id, bool zh)
{
	if (f->journal_err == NULL)
		return;
	fputs("<div class=\"err\">", out);
	html_escape(out,
	    zh ? "日志损坏，修复前不再记录新数据（planwatch journal repair "
	       : "journal damaged: no new value is taken until it is repaired "
		 "(planwatch journal repair ");
	html_escape(out, id);
	html_escape(out, zh ? "）：" : "): ");
	html_escape(out, f->journal_err);
	fputs("</div>", out);
}

/* Last fetch and health of indicator i's feed. */
static void
feed_cell(FILE *out, const struct report_input *in,
    const struct html_site *site, size_t i, bool zh)
{
	const struct html_feed *f = site->feeds ? &site->feeds[i] : NULL;
	char when[64];

	if (f == NULL)
		return;
	if (in->conf->indicators[i].derived != NULL) {
		fputs(zh ? "由其他指标计算" : "derived", out);
		journal_note(out, f, in->conf->indicators[i].id, zh);
		return;
	}
	if (f->last_fetch > 0) {
		tz_datetime(in->conf->tz, f->last_fetch, when, sizeof(when));
		fputs(when, out);
	} else {
		fputs(zh ? "尚未获取" : "not fetched yet", out);
	}
	if (f->error) {
		fputs("<div class=\"err\">", out);
		html_escape(
		    out, f->why ? f->why : (zh ? "获取失败" : "feed error"));
		fputs("</div>", out);
	}
	journal_note(out, f, in->conf->indicators[i].id, zh);
	storage_note(out, f, in->conf->tz, zh);
}

/* "silenced until …" under a badge, when the pair is. */
static void
silenced_mark(
    FILE *out, const struct html_site *site, size_t i, size_t t, bool zh)
{
	time_t until =
	    site->silenced_until ? site->silenced_until(site->arg, i, t) : 0;
	char day[16];
	struct tm tm;

	if (until <= 0)
		return;
	until--; /* the last second silenced: its day */
	gmtime_r(&until, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	fprintf(out, "<div class=\"x silenced\">%s %s</div>",
	    zh ? "已静默至" : "silenced until", day);
}

/*
 * The latest value of the series target (i, t) is judged on: the growth
 * of a growth target (2.5 %), not the indicator's level.  A target
 * judged on the levels that has no judged value yet (only its baseline)
 * shows the indicator's latest observation.
 */
static void
latest_cell(const struct report_input *in, size_t i, size_t t, FILE *out)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct target_conf *tc = &ic->targets[t];
	const struct judgement *j = &in->j[i][t];
	const struct obs_list *o = &in->obs[i];
	char value[64], period[2 * PERIOD_TEXT_MAX];

	if (explain_latest(ic, tc, j, report_locale(in), value, sizeof(value),
		period, sizeof(period))) {
		html_escape(out, value);
	} else if (o->n > 0 && target_judged_series(tc, j) == JUDGED_LEVEL) {
		explain_value(o->v[o->n - 1].value, value, sizeof(value));
		period_format(&o->v[o->n - 1].period, period, sizeof(period));
		fprintf(out, "%s ", value);
		html_escape(out, indicator_unit(ic, report_locale(in)));
	} else {
		return;
	}
	fputs("<div class=\"x\">", out);
	html_escape(out, period);
	fputs("</div>", out);
}

/* One row of the dashboard: target (i, t). */
static void
dashboard_row(const struct report_input *in, const struct html_site *site,
    size_t i, size_t t, FILE *out)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct judgement *j = &in->j[i][t];
	const struct obs_list *o = &in->obs[i];
	bool zh = is_zh(report_locale(in));
	char sentence[1024];

	explain_judgement(ic, &ic->targets[t], j, report_locale(in), sentence,
	    sizeof(sentence));
	fputs("<tr><td>", out);
	html_badge(out, j->status,
	    explain_status_of(&ic->targets[t], j, report_locale(in)));
	overdue_mark(out, j, report_locale(in));
	silenced_mark(out, site, i, t, zh);
	fputs("</td><td><a href=\"", out);
	link_indicator(out, site, ic->id, true);
	fputs("\">", out);
	html_escape(out, indicator_name(ic, report_locale(in)));
	fputs("</a><div class=\"x\">", out);
	html_filter_link(out, in, site, false, ic->group);
	fputs(" · ", out);
	html_filter_link(out, in, site, true, ic->owner);
	fputs("</div></td><td class=\"wide\">", out);
	/* The sparkline is the indicator's chart: beside a target judged on
	 * another series (growth beside levels) it would mislead. */
	if (o->n > 0 && target_same_series(ic, t))
		spark_img(out, site, ic, zh);
	fputs("</td><td>", out);
	latest_cell(in, i, t, out);
	fputs("</td><td>", out);
	html_target_words(out, &ic->targets[t], zh);
	fputs("</td><td class=\"x wide\">", out);
	feed_cell(out, in, site, i, zh);
	fputs("</td><td class=\"x\">", out);
	html_escape(out, sentence);
	fputs("</td></tr>\n", out);
}

/* The rows of status s shown by f, of binding indicators or the others. */
static void
dashboard_rows(const struct report_input *in, const struct html_site *site,
    const struct html_filter *f, int s, bool binding, FILE *out)
{
	for (size_t i = 0; i < in->conf->nindicators; i++) {
		const struct indicator_conf *ic = &in->conf->indicators[i];

		if ((ic->nature == NATURE_BINDING) != binding)
			continue;
		for (size_t t = 0; t < ic->ntargets; t++)
			if ((int)in->j[i][t].status == s &&
			    html_filter_shows(f, ic, &in->j[i][t]))
				dashboard_row(in, site, i, t, out);
	}
}

/* Indicators without targets (inputs, context): listed, not judged. */
static void
dashboard_untargeted(const struct report_input *in,
    const struct html_site *site, const struct html_filter *f, bool zh,
    FILE *out)
{
	bool any = false;

	for (size_t i = 0; i < in->conf->nindicators; i++) {
		const struct indicator_conf *ic = &in->conf->indicators[i];
		const struct obs_list *o = &in->obs[i];
		char value[32], period[PERIOD_TEXT_MAX];

		if (ic->ntargets > 0 || !html_filter_shows(f, ic, NULL))
			continue;
		if (!any)
			fprintf(out, "<h2>%s</h2><table>\n",
			    zh ? "其他指标（无目标）"
			       : "Other indicators (no target)");
		any = true;
		fputs("<tr><td><a href=\"", out);
		link_indicator(out, site, ic->id, true);
		fputs("\">", out);
		html_escape(out, indicator_name(ic, report_locale(in)));
		fputs("</a></td><td class=\"wide\">", out);
		if (o->n > 0)
			spark_img(out, site, ic, zh);
		fputs("</td><td>", out);
		if (o->n > 0) {
			explain_value(
			    o->v[o->n - 1].value, value, sizeof(value));
			period_format(
			    &o->v[o->n - 1].period, period, sizeof(period));
			fprintf(out, "%s ", value);
			html_escape(out, indicator_unit(ic, report_locale(in)));
			fprintf(out, " <span class=\"x\">%s</span>", period);
		}
		fputs("</td><td class=\"x wide\">", out);
		feed_cell(out, in, site, i, zh);
		fputs("</td></tr>\n", out);
	}
	if (any)
		fputs("</table>\n", out);
}

/* One count of the dashboard: its words, a link to its filter. */
static void
count_link(FILE *out, const struct html_site *site, const struct html_filter *f,
    enum status s, const char *words, int n)
{
	if (n == 0)
		return;
	if (site->files) {
		fprintf(out, "%s %d ", words, n);
		return;
	}
	fputs("<a href=\"", out);
	html_filter_status_href(out, f, "status", status_name(s));
	fprintf(out, "\">%s %d</a> ", words, n);
}

/*
 * Counts per status; on the server each is a link to its filter.  Met
 * targets are counted apart as final verdicts (完成) and before their
 * deadline (已达目标, 提前实现), as their badges say.
 */
static void
dashboard_counts(const struct report_input *in, const struct html_site *site,
    const struct html_filter *f, const struct rollup *r, FILE *out)
{
	enum vocabulary v = in->conf->judgement.vocabulary;
	const char *locale = report_locale(in);

	fputs("<p class=\"counts\">", out);
	for (int s = 0; s < STATUS_COUNT; s++) {
		int n = r->plan.counts[s];

		if (s == STATUS_MET) {
			count_link(out, site, f, STATUS_MET,
			    explain_label(STATUS_MET, true, v, locale),
			    r->plan.met_final);
			n -= r->plan.met_final;
		}
		count_link(out, site, f, (enum status)s,
		    explain_label((enum status)s, false, v, locale), n);
	}
	/* Counted apart: each of them is counted above by its status. */
	if (r->plan.overdue > 0) {
		bool zh = is_zh(report_locale(in));

		fputs(zh ? "（其中" : "(of which ", out);
		if (!site->files) {
			fputs("<a href=\"", out);
			html_filter_status_href(out, f, "overdue", "1");
			fputs("\">", out);
		}
		fprintf(out, "%s %d", explain_overdue_label(report_locale(in)),
		    r->plan.overdue);
		if (!site->files)
			fputs("</a>", out);
		fputs(zh ? "）" : ")", out);
	}
	/* Counted apart too: 约束性目标 5 项，未达要求 1 项. */
	if (r->plan.binding > 0)
		fprintf(out,
		    is_zh(report_locale(in))
			? "<span class=\"binding\">约束性目标 %d "
			  "项，未达要求 %d 项</span>"
			: "<span class=\"binding\">binding targets %d,"
			  " %d falling short</span>",
		    r->plan.binding, r->plan.binding_missed);
	if (!site->files && html_filter_any(f)) {
		fputs(" <a href=\"/", out);
		html_lang_keep(out, site, true);
		fprintf(out, "\">%s</a>",
		    is_zh(report_locale(in)) ? "全部" : "all");
	}
	fputs("</p>", out);
}

/* The page's title and heading: the plan, or what it is narrowed to. */
static void
dashboard_head(const struct report_input *in, const struct html_site *site,
    const struct html_filter *f, const struct rollup *r, bool zh, FILE *out)
{
	const char *plan = zh ? "规划监测" : "Plan status";
	const char *locale = report_locale(in);
	const char *group = chapter_name(in->conf, f->group, locale);
	const char *owner = bureau_name(in->conf, f->owner, locale);
	const char *scope = group != NULL ? group : owner;
	const char *plan_name = html_plans_title(in);
	char title[512];

	snprintf(title, sizeof(title), "%s%s%s", scope ? scope : "",
	    scope ? " · " : "", zh ? "规划监测" : "planwatch");
	head(out, title, zh, in->conf->dashboard_refresh);
	html_lang_switch_dashboard(out, in, site, f);
	fprintf(out, "<h1>%s ", plan);
	if (scope != NULL) {
		fputs("· ", out);
		html_escape(out, group);
		fputs(group && owner ? " · " : "", out);
		html_escape(out, owner);
		fputs(" ", out);
	}
	html_badge(out, rollup_status(&r->plan),
	    explain_label(rollup_status(&r->plan), rollup_final(&r->plan),
		in->conf->judgement.vocabulary, report_locale(in)));
	fputs("</h1>", out);
	/* Which plan, and as of when, in the reader's time zone. */
	if (plan_name != NULL || in->at > 0) {
		char when[64] = "";

		if (in->at > 0)
			tz_datetime(in->conf->tz, in->at, when, sizeof(when));
		fputs("<p class=\"x\">", out);
		html_escape(out, plan_name);
		if (*when != '\0')
			fprintf(out, "%s%s %s", plan_name != NULL ? " · " : "",
			    zh ? "截至" : "as of", when);
		fputs("</p>", out);
	}
}

/* The export's plan documents (planwatch report's pages), newest first;
 * with several plans one line per plan, named once. */
static void
dashboard_documents(const struct html_site *site, bool zh, FILE *out)
{
	if (!site->files || site->ndocuments == 0)
		return;
	for (size_t d = 0; d < site->ndocuments; d++) {
		const struct html_document *doc = &site->documents[d];
		bool first = d == 0 || strcmp(doc->plan, doc[-1].plan) != 0;

		if (first && d > 0)
			fputs("</p>", out);
		if (first) {
			fputs(zh ? "<p>规划评估" : "<p>Plan evaluations", out);
			if (*doc->plan != '\0') {
				fputs(zh ? "（" : " (", out);
				html_escape(out, doc->plan);
				fputs(zh ? "）" : ")", out);
			}
			fputs(zh ? "：" : ": ", out);
		}
		/* Up from a chapter's page, and from the other language's
		 * tree: the documents are in the root's report/. */
		fprintf(out, "%s<a href=\"%s%sreport/%s.html\">",
		    first ? "" : " · ", site->down ? "../" : "",
		    site->alt ? "../" : "", doc->stem);
		html_escape(out, doc->title);
		fputs("</a>", out);
	}
	fputs("</p>", out);
}

int
html_dashboard(const struct report_input *in, const struct html_site *site,
    const struct html_filter *f, FILE *out)
{
	static const struct html_filter none;
	bool zh = is_zh(report_locale(in));
	struct html_site here = *site;
	struct rollup r = {0};
	char rule[512];

	f = f != NULL ? f : &none;
	/* The export's chapter and bureau pages are one folder down. */
	here.down = site->files && html_filter_scoped(f);
	site = &here;
	/* The badge and the counts are of the pairs shown, no others. */
	if (html_rollup_shown(in, f, &r) != 0) {
		rollup_clear(&r);
		return -1;
	}
	here.lang = f->lang != NULL ? f->lang : site->lang;
	here.charts = html_lang_charts(in);
	dashboard_head(in, site, f, &r, zh, out);
	html_filter_scope(out, in, f, site, zh);
	fprintf(out, "<p><a href=\"%s",
	    !site->files    ? "/wall"
		: here.down ? "../wall.html"
			    : "wall.html");
	html_lang_keep(out, site, true);
	fprintf(out, "\">%s</a></p>", zh ? "监控大屏" : "wall screen");
	html_plans_dashboard(in, site, zh, out);
	dashboard_documents(site, zh, out);
	dashboard_counts(in, site, f, &r, out);
	/* The badge's rule, next to the counts it is made of. */
	explain_rollup_rule(rollup_final(&r.plan),
	    in->conf->judgement.vocabulary, report_locale(in), rule,
	    sizeof(rule));
	fputs("<p class=\"x rule\">", out);
	html_escape(out, rule);
	fputs("</p>", out);
	html_rollup_tables(in, site, f, &r, out);
	fprintf(out,
	    "<table class=\"targets\"><tr><th>%s</th><th>%s</th>"
	    "<th class=\"wide\">%s</th><th>%s</th><th>%s</th>"
	    "<th class=\"wide\">%s</th><th>%s</th></tr>\n",
	    zh ? "状态" : "Status", zh ? "指标" : "Indicator",
	    zh ? "走势" : "Trend", zh ? "最新值" : "Latest",
	    zh ? "目标" : "Target", zh ? "数据源" : "Feed",
	    zh ? "说明" : "Explanation");
	/* Worst first (the status enum is ordered worst first), binding
	 * targets first among equals. */
	for (int s = 0; s < STATUS_COUNT; s++)
		for (int pass = 0; pass < 2; pass++)
			dashboard_rows(in, site, f, s, pass == 0, out);
	fputs("</table>\n", out);
	dashboard_untargeted(in, site, f, zh, out);
	fputs("</body></html>\n", out);
	rollup_clear(&r);
	return ferror(out) ? -1 : 0;
}

/* The revision log: every period whose value was replaced. */
static void
indicator_revisions(const struct html_site *site, size_t i, const struct tz *tz,
    bool zh, FILE *out)
{
	const struct obs_revisions *r = site->revs ? &site->revs[i] : NULL;
	char old[32], new[32], period[PERIOD_TEXT_MAX], when[64];
	size_t values = 0;

	for (size_t k = 0; r != NULL && k < r->n; k++)
		values += !obs_revision_mark_only(&r->v[k]);
	if (values == 0)
		return;
	fprintf(out,
	    "<h2>%s</h2><table><tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th></tr>\n",
	    zh ? "数据修订" : "Revisions", zh ? "期间" : "Period",
	    zh ? "原值" : "Old", zh ? "新值" : "New",
	    zh ? "数据源" : "Collector", zh ? "获取时间" : "Fetched");
	for (size_t k = r->n; k > 0; k--) {
		const struct obs_revision *v = &r->v[k - 1];

		if (obs_revision_mark_only(v))
			continue; /* no new value: its status cell tells it */
		explain_value(v->old_value, old, sizeof(old));
		explain_value(v->new_value, new, sizeof(new));
		period_format(&v->period, period, sizeof(period));
		tz_datetime(tz, v->fetched, when, sizeof(when));
		fprintf(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>",
		    period, old, new);
		html_escape(out, v->collector);
		fprintf(out, "</td><td>%s</td></tr>\n", when);
	}
	fputs("</table>\n", out);
}

/* Target t of indicator i on its page: badge, words, explanation. */
static void
indicator_target(const struct report_input *in, const struct html_site *site,
    size_t i, size_t t, bool zh, FILE *out)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	char sentence[1024];

	explain_judgement(ic, &ic->targets[t], &in->j[i][t], report_locale(in),
	    sentence, sizeof(sentence));
	fputs("<li>", out);
	html_badge(out, in->j[i][t].status,
	    explain_status_of(
		&ic->targets[t], &in->j[i][t], report_locale(in)));
	overdue_mark(out, &in->j[i][t], report_locale(in));
	fputs(" ", out);
	html_target_words(out, &ic->targets[t], zh);
	silenced_mark(out, site, i, t, zh);
	fputs(": ", out);
	html_escape(out, sentence);
	fputs("</li>", out);
}

int
html_indicator(const struct report_input *in, const struct html_site *site,
    size_t i, FILE *out)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	bool zh = is_zh(report_locale(in));
	const char *name = indicator_name(ic, report_locale(in));
	struct html_site here = *site;
	char path[512];

	here.charts = html_lang_charts(in);
	site = &here;
	/* A page read at length (its definition, its values) stays put. */
	head(out, name, zh, 0);
	if (site->files)
		snprintf(path, sizeof(path), "indicator/%s.html", ic->id);
	else
		snprintf(path, sizeof(path), "/indicator/%s", ic->id);
	html_lang_switch(out, in, site, path, "");
	fprintf(out, "<p><a href=\"%s", site->files ? "../index.html" : "/");
	html_lang_keep(out, site, true);
	fprintf(out, "\">&larr; %s</a></p><h1>", zh ? "总览" : "overview");
	html_escape(out, name);
	fputs("</h1>", out);
	html_nature(out, ic->nature, zh);
	fputs("<ul>", out);
	for (size_t t = 0; t < ic->ntargets; t++)
		if (!in->j[i][t].other_plan)
			indicator_target(in, site, i, t, zh, out);
	fputs("</ul>\n", out);
	/* On a phone the narrow drawing, whose words stay legible. */
	fputs("<picture><source media=\"(max-width:600px)\" srcset=\"", out);
	link_graph(out, site, ic->id, "narrow", false);
	fprintf(out, "\"><img width=\"%ld\" height=\"%ld\" src=\"",
	    in->conf->graph_width, in->conf->graph_height);
	link_graph(out, site, ic->id, NULL, false);
	fputs("\" alt=\"", out);
	html_escape(out, name);
	fputs("\"></picture>\n<img src=\"", out);
	link_graph(out, site, ic->id, "history", false);
	fputs("\" alt=\"", out);
	html_escape(out, name);
	fputs(zh ? "：历史数据\">\n" : ": history\">\n", out);
	/* Other plans' targets (concluded, or not begun): after the
	 * charts, which draw the plan shown's target; apart, under
	 * their plan's name, counted in no roll-up. */
	for (size_t p = 0; p < in->conf->nplans; p++) {
		bool any = false;

		for (size_t t = 0; t < ic->ntargets; t++) {
			if (!in->j[i][t].other_plan || ic->targets[t].plan != p)
				continue;
			if (!any)
				html_plans_section(
				    in, &in->conf->plans[p], zh, out);
			any = true;
			indicator_target(in, site, i, t, zh, out);
		}
		if (any)
			fputs("</ul>\n", out);
	}
	{
		char csv[512];

		/* The second tree's pages share the first's download. */
		snprintf(csv, sizeof(csv), "%s%s.csv",
		    !site->files    ? "/indicator/"
			: site->alt ? "../../indicator/"
				    : "",
		    ic->id);
		html_meta(out, ic, csv, zh);
	}
	html_notes_list(out, in->notes ? &in->notes[i] : NULL, zh);
	html_periods(in, site->revs ? &site->revs[i] : NULL, i, zh, out);
	indicator_revisions(site, i, in->conf->tz, zh, out);
	fputs("</body></html>\n", out);
	return ferror(out) ? -1 : 0;
}
