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

static const char style[] =
    "body{font-family:'Noto Sans CJK SC',sans-serif;margin:1em;color:#222}"
    "table{border-collapse:collapse;width:100%}"
    "td,th{border-bottom:1px solid #ddd;padding:.3em;text-align:left;"
    "vertical-align:top}"
    ".b{color:#fff;padding:.1em .4em;border-radius:.3em;white-space:nowrap}"
    ".breach,.regressing,.off_track{background:#d62728}"
    ".at_risk{background:#ff8c00}.on_track{background:#2ca02c}"
    ".met{background:#17becf}.stale,.no_data,.feed_error{background:#7f7f7f}"
    "img{max-width:100%}.x{color:#555;font-size:.9em}"
    "@media print{a{color:#222;text-decoration:none}}";

static void
esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static void
head(FILE *out, const char *title, bool zh)
{
	fprintf(out,
	    "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width,initial-scale=1\"><title>",
	    zh ? "zh-CN" : "en");
	esc(out, title);
	fprintf(out, "</title><style>%s</style></head><body>\n", style);
}

static void
badge(FILE *out, enum status s, const char *locale)
{
	fprintf(out, "<span class=\"b %s\">", status_name(s));
	esc(out, explain_status(s, locale));
	fputs("</span>", out);
}

static bool
is_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

/* One row of the dashboard: target (i, t). */
static void
dashboard_row(const struct report_input *in, size_t i, size_t t, FILE *out)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct judgement *j = &in->j[i][t];
	const struct obs_list *o = &in->obs[i];
	char sentence[1024], value[32], period[PERIOD_TEXT_MAX];

	explain_judgement(ic, &ic->targets[t], j, in->conf->locale, sentence,
	    sizeof(sentence));
	fputs("<tr><td>", out);
	badge(out, j->status, in->conf->locale);
	fprintf(out, "</td><td><a href=\"/indicator/%s\">", ic->id);
	esc(out, ic->name);
	fputs("</a><div class=\"x\">", out);
	esc(out, ic->group);
	fputs(" · ", out);
	esc(out, ic->owner);
	fputs("</div></td><td>", out);
	if (o->n > 0) {
		explain_value(o->v[o->n - 1].value, value, sizeof(value));
		period_format(&o->v[o->n - 1].period, period, sizeof(period));
		fprintf(out, "%s ", value);
		esc(out, ic->unit);
		fprintf(out, "<div class=\"x\">%s</div>", period);
	}
	fputs("</td><td class=\"x\">", out);
	esc(out, sentence);
	fputs("</td></tr>\n", out);
}

static bool
row_shown(const struct report_input *in, size_t i, size_t t,
    const struct html_filter *f)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];

	if (f->status && *f->status &&
	    strcmp(status_name(in->j[i][t].status), f->status) != 0)
		return false;
	if (f->owner && *f->owner &&
	    (ic->owner == NULL || strcmp(ic->owner, f->owner) != 0))
		return false;
	return true;
}

/* Indicators without targets (inputs, context): listed, not judged. */
static void
dashboard_untargeted(const struct report_input *in, bool zh, FILE *out)
{
	bool any = false;

	for (size_t i = 0; i < in->conf->nindicators; i++) {
		const struct indicator_conf *ic = &in->conf->indicators[i];
		const struct obs_list *o = &in->obs[i];
		char value[32], period[PERIOD_TEXT_MAX];

		if (ic->ntargets > 0)
			continue;
		if (!any)
			fprintf(out, "<h2>%s</h2><table>\n",
			    zh ? "其他指标（无目标）"
			       : "Other indicators (no target)");
		any = true;
		fprintf(out, "<tr><td><a href=\"/indicator/%s\">", ic->id);
		esc(out, ic->name);
		fputs("</a></td><td>", out);
		if (o->n > 0) {
			explain_value(
			    o->v[o->n - 1].value, value, sizeof(value));
			period_format(
			    &o->v[o->n - 1].period, period, sizeof(period));
			fprintf(out, "%s ", value);
			esc(out, ic->unit);
			fprintf(out, " <span class=\"x\">%s</span>", period);
		}
		fputs("</td></tr>\n", out);
	}
	if (any)
		fputs("</table>\n", out);
}

int
html_dashboard(
    const struct report_input *in, const struct html_filter *f, FILE *out)
{
	bool zh = is_zh(in->conf->locale);
	struct rollup r = {0};

	for (size_t i = 0; i < in->conf->nindicators; i++)
		if (rollup_add(&r, &in->conf->indicators[i], in->j[i]) != 0) {
			rollup_clear(&r);
			return -1;
		}
	head(out, zh ? "规划监测" : "planwatch", zh);
	fprintf(out, "<h1>%s ", zh ? "规划监测" : "Plan status");
	badge(out, rollup_status(&r.plan), in->conf->locale);
	fputs("</h1><p>", out);
	for (int s = 0; s < STATUS_COUNT; s++)
		if (r.plan.counts[s] > 0)
			fprintf(out, "<a href=\"/?status=%s\">%s %d</a> ",
			    status_name((enum status)s),
			    explain_status((enum status)s, in->conf->locale),
			    r.plan.counts[s]);
	fprintf(out,
	    "</p><table><tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th></tr>\n",
	    zh ? "状态" : "Status", zh ? "指标" : "Indicator",
	    zh ? "最新值" : "Latest", zh ? "说明" : "Explanation");
	/* Worst first: the status enum is ordered worst first. */
	for (int s = 0; s < STATUS_COUNT; s++)
		for (size_t i = 0; i < in->conf->nindicators; i++)
			for (size_t t = 0; t < in->conf->indicators[i].ntargets;
			     t++)
				if ((int)in->j[i][t].status == s &&
				    row_shown(in, i, t, f))
					dashboard_row(in, i, t, out);
	fputs("</table>\n", out);
	dashboard_untargeted(in, zh, out);
	fputs("</body></html>\n", out);
	rollup_clear(&r);
	return ferror(out) ? -1 : 0;
}

int
html_indicator(const struct report_input *in, size_t i, FILE *out)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct obs_list *o = &in->obs[i];
	bool zh = is_zh(in->conf->locale);
	char sentence[1024], value[32], period[PERIOD_TEXT_MAX];

	head(out, ic->name, zh);
	fputs("<p><a href=\"/\">&larr;</a></p><h1>", out);
	esc(out, ic->name);
	fprintf(out, "</h1><img src=\"/graph/%s.png\" alt=\"", ic->id);
	esc(out, ic->name);
	fputs("\">\n<ul>", out);
	for (size_t t = 0; t < ic->ntargets; t++) {
		explain_judgement(ic, &ic->targets[t], &in->j[i][t],
		    in->conf->locale, sentence, sizeof(sentence));
		fputs("<li>", out);
		badge(out, in->j[i][t].status, in->conf->locale);
		fputs(" ", out);
		esc(out, sentence);
		fputs("</li>", out);
	}
	fprintf(out, "</ul><table><tr><th>%s</th><th>%s</th></tr>\n",
	    zh ? "期间" : "Period", zh ? "数值" : "Value");
	for (size_t k = o->n; k > 0; k--) {
		explain_value(o->v[k - 1].value, value, sizeof(value));
		period_format(&o->v[k - 1].period, period, sizeof(period));
		fprintf(out, "<tr><td>%s</td><td>%s ", period, value);
		esc(out, ic->unit);
		fputs("</td></tr>\n", out);
	}
	fputs("</table></body></html>\n", out);
	return ferror(out) ? -1 : 0;
}
