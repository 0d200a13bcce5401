/*
 * html_plans: the pages' words on plans: (html_plans.h): the dashboard's
 * line naming the plan in force and linking the final evaluation of the
 * latest plan over, and the indicator page's heading of another plan's
 * targets.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config_plans.h"
#include "config_text.h"
#include "html.h"
#include "html_lang.h"
#include "html_plans.h"
#include "html_text.h"
#include "report_plans.h"

bool
html_plans_final_link(const struct config *c, time_t at, char *stem, size_t len,
    const struct plan_conf **plan)
{
	size_t p = config_plan_ended(c, at);

	*plan = NULL;
	if (c->nplans == 0) {
		int last = 0;
		struct tm tm;

		/* One plan (plan:): it ends with its targets' last deadline
		 * (evaldoc_plan_years). */
		for (size_t i = 0; i < c->nindicators; i++)
			for (size_t t = 0; t < c->indicators[i].ntargets; t++) {
				int y = config_plan_deadline(
				    &c->indicators[i].targets[t]);

				last = y > last ? y : last;
			}
		if (last == 0 || gmtime_r(&at, &tm) == NULL ||
		    tm.tm_year + 1900 <= last)
			return false;
		snprintf(stem, len, "final");
		return true;
	}
	if (p == CONFIG_PLAN_NONE)
		return false;
	*plan = &c->plans[p];
	if (c->nplans > 1)
		snprintf(stem, len, "final-%s", c->plans[p].id);
	else
		snprintf(stem, len, "final");
	return true;
}

const char *
html_plans_title(const struct report_input *in)
{
	const struct plan_conf *p = report_plans_counted(in, NULL);

	return p != NULL ? config_plan_name(p, report_locale(in))
			 : plan_title(in->conf, report_locale(in));
}

/* The words of the plan shown: in force, ended, or not begun. */
static const char *
phase_words(const struct plan_conf *p, bool in_force, time_t at, bool zh)
{
	struct tm tm;

	if (in_force)
		return zh ? "现行规划" : "Plan in force";
	if (gmtime_r(&at, &tm) != NULL && tm.tm_year + 1900L > p->to)
		return zh ? "已结束的规划（下一规划尚未开始）"
			  : "Plan ended (the next has not begun)";
	return zh ? "规划尚未开始" : "Plan not yet begun";
}

void
html_plans_dashboard(const struct report_input *in,
    const struct html_site *site, bool zh, FILE *out)
{
	const struct config *c = in->conf;
	const char *locale = report_locale(in);
	bool in_force;
	const struct plan_conf *p = report_plans_counted(in, &in_force), *done;
	char stem[96];
	bool link = html_plans_final_link(c, in->at, stem, sizeof(stem), &done);

	/* With one plan the export's line of plan documents (规划评估) links
	 * its final evaluation already, under the plan's name: once is
	 * enough. */
	if (link && site->files && c->nplans <= 1 && site->ndocuments > 0)
		link = false;
	if (p == NULL && !link)
		return;
	fputs("<p class=\"plans\">", out);
	if (p != NULL) {
		fprintf(out, "%s%s", phase_words(p, in_force, in->at, zh),
		    zh ? "：" : ": ");
		html_escape(out, config_plan_name(p, locale));
		fprintf(
		    out, zh ? "（%ld–%ld 年）" : " (%ld–%ld)", p->from, p->to);
	}
	if (link) {
		const char *name = done != NULL ? config_plan_name(done, locale)
						: plan_title(c, locale);

		fputs(p != NULL ? " · " : "", out);
		if (site->files)
			fprintf(out, "<a href=\"%s%sreport/%s.html\">",
			    site->down ? "../" : "", site->alt ? "../" : "",
			    stem);
		else {
			fprintf(out, "<a href=\"/report/%s", stem);
			html_lang_keep(out, site, true);
			fputs("\">", out);
		}
		if (name != NULL) {
			html_escape(out, name);
			fputs(zh ? " " : ": ", out);
		}
		fputs(zh ? "总结评估报告" : "final evaluation", out);
		fputs("</a>", out);
	}
	fputs("</p>", out);
}

void
html_plans_section(const struct report_input *in, const struct plan_conf *p,
    bool zh, FILE *out)
{
	struct tm tm;
	bool ended =
	    gmtime_r(&in->at, &tm) != NULL && tm.tm_year + 1900L > p->to;

	fputs("<h2 class=\"plan\">", out);
	html_escape(out, config_plan_name(p, report_locale(in)));
	fprintf(out, zh ? "（%ld–%ld 年，%s）" : " (%ld–%ld, %s)", p->from,
	    p->to,
	    ended ? (zh ? "已结束" : "concluded")
		  : (zh ? "尚未开始" : "not begun"));
	fputs("</h2><ul>", out);
}
