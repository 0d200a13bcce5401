/*
 * html_rollup: what the dashboard says of many targets at once is said
 * of the targets it shows: a chapter's page counts the chapter, a
 * bureau's page the bureau.  The tables name each chapter and bureau with
 * a link to its page, so that no page is found only by typing its URL.
 */
#include <string.h>

#include "explain.h"
#include "html_filter.h"
#include "html_rollup.h"
#include "html_text.h"

int
html_rollup_shown(const struct report_input *in, const struct html_filter *f,
    struct rollup *r)
{
	for (size_t i = 0; i < in->conf->nindicators; i++) {
		const struct indicator_conf *ic = &in->conf->indicators[i];
		/* rollup_add reads of ic only its chapter, bureau and the
		 * number of judgements given: one pair at a time. */
		struct indicator_conf one = {
		    .group = ic->group, .owner = ic->owner, .ntargets = 1};

		for (size_t t = 0; t < ic->ntargets; t++)
			if (html_filter_shows(f, ic, &in->j[i][t]) &&
			    rollup_add(r, &one, &in->j[i][t]) != 0)
				return -1;
	}
	return 0;
}

/* "正常 5 · 预警 2": the row's counts in the vocabulary's words. */
static void
row_counts(
    const struct report_input *in, const struct rollup_row *row, FILE *out)
{
	enum vocabulary v = in->conf->judgement.vocabulary;
	const char *sep = "";

	for (int s = 0; s < STATUS_COUNT; s++) {
		int n = row->counts[s];

		if (s == STATUS_MET && row->met_final > 0) {
			fputs(sep, out);
			html_escape(out,
			    explain_label(
				STATUS_MET, true, v, report_locale(in)));
			fprintf(out, " %d", row->met_final);
			n -= row->met_final;
			sep = " · ";
		}
		if (n == 0)
			continue;
		fputs(sep, out);
		html_escape(out,
		    explain_label((enum status)s, false, v, report_locale(in)));
		fprintf(out, " %d", n);
		sep = " · ";
	}
}

static void
table(const struct report_input *in, const struct html_site *site,
    const struct rollup_row *rows, size_t n, bool owner, FILE *out)
{
	bool zh = locale_of(report_locale(in)) == LOCALE_ZH_CN;
	bool any = false;

	for (size_t k = 0; k < n; k++) {
		const struct rollup_row *row = &rows[k];
		enum status s = rollup_status(row);

		if (row->total == 0)
			continue;
		if (!any)
			fprintf(out,
			    "<table class=\"rollup\"><tr><th>%s</th>"
			    "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
			    owner ? (zh ? "责任部门" : "Bureau")
				  : (zh ? "篇章" : "Chapter"),
			    zh ? "状态" : "Status", zh ? "目标" : "Targets",
			    zh ? "各状态" : "By status");
		any = true;
		fputs("<tr><td>", out);
		/* "-": the pairs of indicators that name none; no page. */
		if (html_filter_index(in->conf, owner, row->name) > 0)
			html_filter_link(out, in, site, owner, row->name);
		else
			fputs(zh ? "（未指定）" : "(none)", out);
		fputs("</td><td>", out);
		html_badge(out, s,
		    explain_label(s, rollup_final(row),
			in->conf->judgement.vocabulary, report_locale(in)));
		fprintf(out, "</td><td>%d</td><td class=\"x\">", row->total);
		row_counts(in, row, out);
		fputs("</td></tr>\n", out);
	}
	if (any)
		fputs("</table>\n", out);
}

void
html_rollup_tables(const struct report_input *in, const struct html_site *site,
    const struct html_filter *f, const struct rollup *r, FILE *out)
{
	fputs("<div class=\"rollups\">", out);
	if (f == NULL || f->group == NULL)
		table(in, site, r->groups, r->ngroups, false, out);
	if (f == NULL || f->owner == NULL)
		table(in, site, r->owners, r->nowners, true, out);
	fputs("</div>\n", out);
}
