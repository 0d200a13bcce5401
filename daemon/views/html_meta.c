/*
 * html_meta: a definition list of what the configuration says of an
 * indicator (only what it says: a fact not given is not shown), and its
 * series as CSV (html_meta.h).
 */
#include "explain.h"
#include "html_meta.h"
#include "html_text.h"
#include "marks.h"

/* One <dt>/<dd> pair; nothing when value is NULL. */
static void
item(FILE *out, const char *term, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	fputs("<dt>", out);
	html_escape(out, term);
	fputs("</dt><dd>", out);
	html_escape(out, value);
	fputs("</dd>", out);
}

static void
source(FILE *out, const struct indicator_conf *ic, bool zh)
{
	if (ic->source == NULL && ic->source_url == NULL)
		return;
	fprintf(out, "<dt>%s</dt><dd>", zh ? "来源" : "Source");
	html_escape(out, ic->source);
	if (ic->source_url != NULL) {
		fputs(ic->source != NULL ? " (<a href=\"" : "<a href=\"", out);
		html_escape(out, ic->source_url);
		fprintf(out, "\">%s</a>%s", zh ? "原表" : "table",
		    ic->source != NULL ? ")" : "");
	}
	fputs("</dd>", out);
}

static void
plan_words(FILE *out, const struct indicator_conf *ic, bool zh)
{
	if (ic->plan_quote == NULL)
		return;
	fprintf(out, "<dt>%s</dt><dd><q>", zh ? "规划原文" : "The plan says");
	html_escape(out, ic->plan_quote);
	fputs("</q>", out);
	if (ic->plan_line > 0)
		fprintf(
		    out, zh ? "（第 %ld 行）" : " (line %ld)", ic->plan_line);
	fputs("</dd>", out);
}

void
html_meta(
    FILE *out, const struct indicator_conf *ic, const char *csv_href, bool zh)
{
	fprintf(out, "<h2>%s</h2><dl class=\"meta\">",
	    zh ? "指标说明" : "About this indicator");
	const char *locale = zh ? "zh-CN" : "en";

	item(out, zh ? "定义" : "Definition", indicator_definition(ic, locale));
	item(out, zh ? "单位" : "Unit", indicator_unit(ic, locale));
	item(out, zh ? "篇章" : "Chapter", indicator_group(ic, locale));
	item(out, zh ? "责任单位" : "Responsible bureau",
	    indicator_owner(ic, locale));
	source(out, ic, zh);
	item(out, zh ? "数据性质" : "Figures",
	    explain_figures(ic->figures, zh ? "zh-CN" : "en"));
	item(out, zh ? "计算方法" : "Method", indicator_method(ic, locale));
	plan_words(out, ic, zh);
	fprintf(out, "</dl><p><a href=\"%s\" download>%s</a></p>\n", csv_href,
	    zh ? "下载数据（CSV）" : "Download the data (CSV)");
}

/* A person's text as a CSV cell, quoted when it holds any (RFC 4180). */
static void
csv_cell(FILE *out, const char *text, const char *end)
{
	if (text != NULL) {
		fputc('"', out);
		for (const char *c = text; *c != '\0'; c++)
			fprintf(out, *c == '"' ? "\"\"" : "%c", *c);
		fputc('"', out);
	}
	fputs(end, out);
}

int
html_series_csv(const struct indicator_conf *ic, const struct obs_list *obs,
    const struct obs_revisions *revs, FILE *out)
{
	fputs("period,value,mark,revised,entered_by,entered_at,source,note\n",
	    out);
	for (size_t i = 0; i < obs->n; i++) {
		const struct obs_entered *who =
		    obs_entered_find(revs, &obs->v[i].period);
		char p[PERIOD_TEXT_MAX], at[32] = "";
		struct tm tm;

		period_format(&obs->v[i].period, p, sizeof(p));
		fprintf(out, "%s,%.*g,%s,%s,", p,
		    obs_shortest_precision(obs->v[i].value), obs->v[i].value,
		    obs_mark_name(marks_shown(ic, &obs->v[i])),
		    marks_revised(revs, &obs->v[i].period) ? "yes" : "no");
		if (who != NULL)
			strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ",
			    gmtime_r(&who->at, &tm));
		csv_cell(out, who ? who->by : NULL, ",");
		fprintf(out, "%s,", at);
		csv_cell(out, who ? who->source : NULL, ",");
		csv_cell(out, who ? who->note : NULL, "\n");
	}
	return ferror(out) ? -1 : 0;
}
