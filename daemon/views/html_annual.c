/*
 * html_annual: the indicator page's annual targets (年度目标) beside each
 * year's value, and its binding / anticipatory line.  A year's verdict is
 * said in words and a symbol, not by colour alone: "✓ 达到（+0.2 个百分点）",
 * "✗ 未达到（-16 亿元）".
 */
#include <math.h>
#include <string.h>

#include "config_text.h"
#include "explain.h"
#include "html_annual.h"
#include "html_text.h"

void
annual_column_init(
    const struct report_input *in, size_t i, struct annual_column *a)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct obs_list *rates = NULL;
	size_t k;

	memset(a, 0, sizeof(*a));
	for (k = 0; k < ic->ntargets && ic->targets[k].nannual == 0; k++)
		;
	if (k == ic->ntargets)
		return;
	a->t = &ic->targets[k];
	if (a->t->kind == TARGET_GROWTH && a->t->rate_indicator != NULL &&
	    a->t->rate_indicator_index < in->conf->nindicators)
		rates = &in->obs[a->t->rate_indicator_index];
	a->unit = target_unit(ic, a->t, &in->j[i][k]);
	/* The level's unit in the reader's language. */
	if (a->unit == ic->unit)
		a->unit = indicator_unit(ic, report_locale(in));
	a->n = target_annual(a->t, &in->obs[i], rates, a->r, ANNUAL_MAX);
}

void
annual_column_head(const struct annual_column *a, bool zh, FILE *out)
{
	if (a->t == NULL)
		return;
	fprintf(out, "<th>%s</th><th>%s</th>",
	    zh ? "年度目标" : "Annual target",
	    zh ? "年度结论" : "Year's verdict");
}

/* "8.5 %", "1,200 亿元": a value in the unit judged. */
static void
annual_value(FILE *out, double v, const char *unit)
{
	char value[32];

	explain_value(v, value, sizeof(value));
	fputs(value, out);
	if (unit != NULL && *unit != '\0') {
		fputc(' ', out);
		html_escape(out, unit);
	}
}

void
annual_column_cells(
    const struct annual_column *a, const struct period *p, bool zh, FILE *out)
{
	const struct annual_result *r = NULL;

	if (a->t == NULL)
		return;
	for (size_t k = 0; k < a->n && r == NULL; k++)
		if (p->freq == FREQ_ANNUAL && a->r[k].year == p->year)
			r = &a->r[k];
	if (r == NULL) {
		fputs("<td></td><td></td>", out);
		return;
	}
	fputs("<td>", out);
	annual_value(out, r->target, a->unit);
	fputs("</td><td class=\"annual\">", out);
	if (r->have) {
		fputs(r->met ? (zh ? "✓ 达到（" : "✓ met (")
			     : (zh ? "✗ 未达到（" : "✗ not met ("),
		    out);
		fputs(r->gap >= 0 ? "+" : "", out);
		/* A gap in growth is in points, not per cent. */
		annual_value(out, r->gap,
		    strcmp(a->unit, "%") != 0 ? a->unit
			: zh                  ? "个百分点"
					      : "points");
		fputs(zh ? "）" : ")", out);
	}
	fputs("</td>", out);
}

void
annual_column_blank_rows(const struct annual_column *a,
    const struct obs_list *o, int after, int before, int others, bool zh,
    FILE *out)
{
	for (size_t k = a->n; a->t != NULL && k > 0; k--) {
		struct period p = {
		    .freq = FREQ_ANNUAL, .year = a->r[k - 1].year, .sub = 0};

		if (p.year <= after || p.year >= before ||
		    obs_list_find(o, &p) >= 0)
			continue;
		fprintf(out, "<tr><td>%d</td>", p.year);
		for (int c = 0; c < others; c++)
			fputs("<td></td>", out);
		annual_column_cells(a, &p, zh, out);
		fputs("</tr>\n", out);
	}
}

void
html_nature(FILE *out, enum nature nature, bool zh)
{
	if (nature == NATURE_BINDING)
		fprintf(out, "<p class=\"nature\">%s</p>\n",
		    zh ? "约束性指标" : "Binding indicator");
	else if (nature == NATURE_ANTICIPATORY)
		fprintf(out, "<p class=\"nature\">%s</p>\n",
		    zh ? "预期性指标" : "Anticipatory indicator");
}
