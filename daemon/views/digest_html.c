/*
 * digest_html: the HTML part of an alert digest, for mail clients.  Mail
 * clients drop <style> blocks and scripts, and phones are narrow, so the
 * page is one column with inline styles only, images scaled to the width,
 * and the numbers in a two-column table that stays readable at 320 px.
 * The text is the plain part's, item for item; every text from the
 * configuration or a feed is escaped.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "explain.h"
#include "html_text.h"
#include "status_style.h"

static bool
is_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

void
digest_chart_cid(const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "chart.%s@planwatch", id);
}

/*
 * The chart of ind goes inline when it has one and there is room; true
 * when it does.
 */
static bool
chart_take(struct digest_charts *c, const struct indicator_conf *ind)
{
	const char *id = ind->id;

	if (c->available != NULL && !c->available(ind, c->arg))
		return false;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->ids[i], id) == 0)
			return true;
	if (c->n == DIGEST_CHARTS_MAX)
		return false;
	c->ids[c->n++] = id;
	return true;
}

/* The badge of e's new status (old: its old one). */
static void
badge(FILE *f, const struct alert_event *e, bool old, const char *locale)
{
	html_mail_badge(f, old ? e->old_status : e->new_status,
	    digest_status_label(e, old, locale), false);
}

/* The flag of data overdue: grey, outlined, beside the status badge. */
static void
overdue_badge(FILE *f, const char *locale)
{
	fputs(" <span style=\"border:1px solid #7f7f7f;color:#555;"
	      "padding:0 5px;border-radius:4px;white-space:nowrap\">",
	    f);
	html_escape(f, explain_overdue_label(locale));
	fputs("</span>", f);
}

/* One row of the figures table, left out when the number is not known. */
static void
figure_signed(FILE *f, const char *label, double v, const char *unit,
    const char *after, bool sign)
{
	char num[64];

	if (isnan(v) || isinf(v))
		return;
	explain_value(v, num + 1, sizeof(num) - 1);
	num[0] = '+';
	fputs("<tr><td style=\"color:#555;padding:2px 12px 2px 0;"
	      "white-space:nowrap;vertical-align:top\">",
	    f);
	html_escape(f, label);
	fputs("</td><td style=\"padding:2px 0\">", f);
	html_escape(f, sign && v > 0 ? num : num + 1);
	if (unit != NULL && *unit) {
		fputc(' ', f);
		html_escape(f, unit);
	}
	html_escape(f, after);
	fputs("</td></tr>\n", f);
}

static void
figure(
    FILE *f, const char *label, double v, const char *unit, const char *after)
{
	figure_signed(f, label, v, unit, after, false);
}

/* "（2023）" after a value: the period it belongs to. */
static void
period_note(const struct period *p, bool zh, char *buf, size_t len)
{
	char text[PERIOD_TEXT_MAX];

	period_format(p, text, sizeof(text));
	snprintf(buf, len, zh ? "（%s）" : " (%s)", text);
}

/*
 * The numbers a reach target adds to the line of latest value against
 * target: the planned path, the gap, the projection, the growth still
 * needed and the year this pace reaches it.  Bounds, growth rates and
 * rules over periods are said whole by that line.
 */
static void
figures(FILE *f, const struct alert_event *e, bool zh)
{
	const struct judgement *j = &e->j;
	const struct target_conf *t = e->target;
	const char *unit = indicator_unit(e->ind, zh ? "zh-CN" : "en");
	char gap[64] = "", deadline[64] = "", num[32];
	const struct period *last = target_last_period(t);
	/* At or past the deadline the path is the target, and nothing is
	 * left to project; nor once the target's period is over, whatever
	 * data came last. */
	bool open = j->years_left > 0 && !j->ended;

	if (!j->have_latest || t->kind != TARGET_REACH)
		return;
	if (last != NULL)
		period_note(last, zh, deadline, sizeof(deadline));
	if (!isnan(j->gap_pct)) {
		explain_number(j->gap_pct, num, sizeof(num));
		snprintf(gap, sizeof(gap), zh ? "（%s%s%%）" : " (%s%s %%)",
		    j->gap_pct > 0 ? "+" : "", num);
	}
	fputs("<table style=\"border-collapse:collapse;font-size:14px;"
	      "margin:6px 0\">\n",
	    f);
	if (open)
		figure(
		    f, zh ? "计划路径" : "Planned path", j->planned, unit, "");
	/* A gap between two percentages is in points. */
	figure_signed(f, zh ? "差距" : "Gap", j->gap,
	    strcmp(unit, "%") == 0 ? (zh ? "个百分点" : "points") : unit, gap,
	    true);
	if (open && j->status != STATUS_MET) {
		figure(f, zh ? "按当前速度预计" : "Projected", j->projected,
		    unit, deadline);
		figure(f, zh ? "还需年均增长" : "Growth needed",
		    j->required_growth * 100, "%", zh ? " / 年" : " a year");
	}
	/* Also once the deadline has passed: when it would be. */
	figure(f, zh ? "按目前速度达到" : "Reached at this pace",
	    explain_reach_year(j), "", zh ? " 年" : "");
	fputs("</table>\n", f);
}

/* A judged item's value against its target, figures and chart. */
static void
judged(FILE *f, const struct alert_event *e, const char *locale,
    struct digest_charts *charts)
{
	bool zh = is_zh(locale);
	char line[1024], cid[256];

	digest_versus(e, locale, line, sizeof(line));
	fputs("<p style=\"margin:6px 0\">", f);
	html_escape(f, line);
	fputs("</p>\n", f);
	figures(f, e, zh);
	/* The chart draws one target (evaluate_charted): beside another
	 * target's item its target line would say something else. */
	if (charts != NULL && e->charted && chart_take(charts, e->ind)) {
		digest_chart_cid(e->ind->id, cid, sizeof(cid));
		fprintf(f,
		    "<img src=\"cid:%s\" width=\"400\" style=\"display:block;"
		    "width:100%%;max-width:400px;height:auto\" alt=\"",
		    cid);
		html_escape(f, zh ? "图表：" : "Chart: ");
		html_escape(f, indicator_name(e->ind, zh ? "zh-CN" : "en"));
		fputs("\">\n", f);
	}
}

static void
item(FILE *f, const struct alert_event *e, const char *locale,
    const char *dashboard_url, struct digest_charts *charts)
{
	bool zh = is_zh(locale);
	char sentence[1024];

	fprintf(f,
	    "<div style=\"border-left:4px solid %s;padding:4px 0 4px 10px;"
	    "margin:0 0 18px 0\">\n<div style=\"font-size:16px\"><b>",
	    status_fill(e->new_status));
	html_escape(f, indicator_name(e->ind, locale));
	fputs("</b> ", f);
	if (!e->repeat && !e->overdue_notice && e->old_status < STATUS_COUNT) {
		badge(f, e, true, locale);
		fputs(" → ", f);
	}
	badge(f, e, false, locale);
	if (e->j.final && e->new_status != STATUS_FEED_ERROR)
		html_escape(f, zh ? "（终期结论）" : " (final verdict)");
	/* Beside the status, never instead of it. */
	if (e->j.stale && e->new_status != STATUS_FEED_ERROR)
		overdue_badge(f, locale);
	fputs("</div>\n", f);
	digest_who_when(e, locale, sentence, sizeof(sentence));
	if (*sentence) {
		fputs("<div style=\"color:#555;font-size:13px\">", f);
		html_escape(f, sentence);
		fputs("</div>\n", f);
	}
	/* What failed in words first; the library's message small below. */
	if (e->new_status == STATUS_FEED_ERROR) {
		digest_fault(e, zh, sentence, sizeof(sentence));
		fputs("<p style=\"margin:6px 0\">", f);
		html_escape(f, sentence);
		fputs("</p>\n", f);
		if (e->feed_err != NULL) {
			fputs("<p style=\"margin:6px 0;color:#555;"
			      "font-size:12px\">",
			    f);
			html_escape(f, zh ? "技术细节：" : "Details: ");
			html_escape(f, e->feed_err);
			fputs("</p>\n", f);
		}
	} else
		judged(f, e, locale, charts);
	if (dashboard_url != NULL && *dashboard_url) {
		fputs("<div style=\"font-size:13px\"><a href=\"", f);
		html_escape(f, dashboard_url);
		fputs("/indicator/", f);
		html_escape(f, e->ind->id);
		fputs("\">", f);
		html_escape(f, zh ? "在仪表盘查看" : "Open on the dashboard");
		fputs("</a></div>\n", f);
	}
	fputs("</div>\n", f);
}

/* A chapter's heading among the decisions. */
static void
chapter_head(FILE *f, const struct indicator_conf *ind, const char *locale)
{
	fputs(
	    "<h3 style=\"font-size:15px;margin:10px 0 6px 0;color:#333\">", f);
	html_escape(f, digest_chapter(ind, locale));
	fputs("</h3>\n", f);
}

/* The ids staff search by, small, below everything leadership reads. */
static void
staff_footer(
    FILE *f, const struct alert_event *ev, size_t n, const char *locale)
{
	char *text = NULL;
	size_t len;
	FILE *m = open_memstream(&text, &len);

	if (m == NULL)
		return;
	digest_staff_ids(ev, n, locale, m);
	if (fclose(m) != 0) {
		free(text);
		return;
	}
	fputs("<pre style=\"color:#595959;font-size:12px;border-top:1px solid "
	      "#ddd;padding-top:6px;white-space:pre-wrap\">",
	    f);
	html_escape(f, text);
	fputs("</pre>\n", f);
	free(text);
}

/* The summary line, and the dashboard when the mail can link to it. */
static void
lead(FILE *f, const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, const char *dashboard_url)
{
	bool zh = is_zh(fr->locale);
	char text[512];

	digest_lead(ev, n, fr, text, sizeof(text));
	fputs("<p style=\"font-size:15px;margin:0 0 4px 0\"><b>", f);
	html_escape(f, text);
	fputs("</b></p>\n", f);
	if (dashboard_url != NULL && *dashboard_url) {
		fputs("<p style=\"font-size:13px;margin:0\"><a href=\"", f);
		html_escape(f, dashboard_url);
		fputs("/\">", f);
		html_escape(
		    f, zh ? "打开规划监测仪表盘" : "Open the dashboard");
		fputs("</a></p>\n", f);
	}
}

int
digest_compose_html(const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, const char *dashboard_url,
    struct digest_charts *charts, char **html)
{
	const char *locale = fr->locale;
	bool zh = is_zh(locale);
	size_t len, *order = calloc(n ? n : 1, sizeof(*order));
	FILE *f;

	if (charts != NULL)
		charts->n = 0;
	*html = NULL;
	if (order == NULL || (f = open_memstream(html, &len)) == NULL) {
		free(order);
		return -1;
	}
	html_mail_head(f, zh);
	lead(f, ev, n, fr, dashboard_url);
	for (int p = 0; p < DIGEST_PARTS; p++) {
		size_t k = digest_part_items(ev, n, (enum digest_part)p, order);

		if (k == 0)
			continue;
		fputs("<h2 style=\"font-size:18px;margin:12px 0 8px 0\">", f);
		html_escape(f, digest_part_title((enum digest_part)p, zh));
		fputs("</h2>\n", f);
		for (size_t i = 0; i < k; i++) {
			const struct indicator_conf *ind = ev[order[i]].ind;

			/* Decisions by chapter, as in the text part. */
			if (digest_chapter_starts(
				ev, order, k, (enum digest_part)p, i))
				chapter_head(f, ind, locale);
			item(f, &ev[order[i]], locale, dashboard_url, charts);
		}
	}
	staff_footer(f, ev, n, locale);
	fprintf(f,
	    "<p style=\"color:#595959;font-size:12px\">%s</p>\n"
	    "</body></html>\n",
	    zh ? "planwatch 自动发送，请勿直接回复。"
	       : "Sent by planwatch; do not reply.");
	free(order);
	if (fclose(f) != 0) {
		free(*html);
		*html = NULL;
		return -1;
	}
	return 0;
}
