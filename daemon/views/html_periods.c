/*
 * html_periods: the indicator page's table of periods: each period's
 * value and its mark, the value planned by the first target, the growth
 * a growth target is judged on beside its floor, and the annual targets
 * (年度目标) with each year's verdict.
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "config_text.h"
#include "evaluate.h"
#include "explain.h"
#include "html_annual.h"
#include "html_periods.h"
#include "html_notes.h"
#include "html_text.h"
#include "marks.h"

/*
 * The growth column of the table of periods: the series the indicator's
 * first year-on-year growth target is judged on (its rate indicator's
 * published rates, or the growth of the levels), and that target's floor
 * in the periods it judges.
 */
struct growth_column {
	const struct target_conf *t; /* NULL: no column */
	struct obs_list series;
};

static void
growth_column_init(
    const struct report_input *in, size_t i, struct growth_column *g)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct obs_list *rates = NULL;

	memset(g, 0, sizeof(*g));
	/* The plan shown's growth target first (plans:), then any. */
	for (int pass = 0; pass < 2 && g->t == NULL; pass++)
		for (size_t k = 0; k < ic->ntargets && g->t == NULL; k++)
			if (target_judged_on_growth(&ic->targets[k]) &&
			    (pass == 1 || !in->j[i][k].other_plan))
				g->t = &ic->targets[k];
	if (g->t == NULL)
		return;
	if (g->t->rate_indicator != NULL &&
	    in->j[i][g->t - ic->targets].from_rates)
		rates = &in->obs[g->t->rate_indicator_index];
	if (target_growth_series(&in->obs[i], rates, &g->series) != 0)
		g->t = NULL;
}

static void
growth_cells(const struct growth_column *g, const struct period *p, FILE *out)
{
	long k = g->t != NULL ? obs_list_find(&g->series, p) : -1;
	char value[32];

	if (g->t == NULL)
		return;
	fputs("<td>", out);
	if (k >= 0) {
		explain_value(g->series.v[k].value, value, sizeof(value));
		fprintf(out, "%s %%", value);
	}
	fputs("</td><td>", out);
	if ((!g->t->has_from || period_cmp(p, &g->t->from) >= 0) &&
	    (!g->t->has_to || period_cmp(p, &g->t->to) <= 0)) {
		explain_number(g->t->rate * 100, value, sizeof(value));
		fprintf(out, "%s %%", value);
	}
	fputs("</td>", out);
}

/* One cell of a value and the indicator's unit (empty when NAN). */
static void
value_cell(FILE *out, double v, const char *unit)
{
	char value[32];

	fputs("<td>", out);
	if (isfinite(v)) {
		explain_value(v, value, sizeof(value));
		fprintf(out, "%s ", value);
		html_escape(out, unit);
	}
	fputs("</td>", out);
}

/*
 * The table of periods: actual, planned by the first target, and the
 * growth a growth target is judged on beside its floor.
 */
void
html_periods(const struct report_input *in, const struct obs_revisions *revs,
    size_t i, bool zh, FILE *out)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct obs_list *o = &in->obs[i];
	/* the planned values of the target the chart draws */
	size_t c = evaluate_charted(ic, in->j != NULL ? in->j[i] : NULL);
	const struct target_conf *t = ic->ntargets > 0 ? &ic->targets[c] : NULL;
	char period[PERIOD_TEXT_MAX];
	struct growth_column g;
	struct annual_column a;
	bool planned = false;

	/* A column of planned values only when the target plans any. */
	for (size_t k = 0; t != NULL && k < o->n && !planned; k++)
		planned = isfinite(
		    target_planned_value(t, &in->j[i][c], &o->v[k].period));
	if (!planned)
		t = NULL;
	growth_column_init(in, i, &g);
	annual_column_init(in, i, &a);

	fprintf(out,
	    "<h2>%s</h2><table class=\"periods\"><tr><th>%s</th><th>%s</th>"
	    "<th>%s</th>",
	    zh ? "各期数据" : "Periods", zh ? "期间" : "Period",
	    zh ? "实际值" : "Actual", zh ? "数据性质" : "Status");
	if (t != NULL)
		fprintf(out, "<th>%s</th>", zh ? "计划值" : "Planned");
	if (g.t != NULL)
		fprintf(out, "<th>%s</th><th>%s</th>", zh ? "增速" : "Growth",
		    zh ? "增速目标下限" : "Growth floor");
	annual_column_head(&a, zh, out);
	fputs("</tr>\n", out);
	for (size_t k = o->n; k > 0; k--) {
		const struct obs *ob = &o->v[k - 1];

		/* A year with an annual target and no value yet. */
		annual_column_blank_rows(&a, o, ob->period.year,
		    k == o->n ? INT_MAX : o->v[k].period.year,
		    2 + (t != NULL) + 2 * (g.t != NULL), zh, out);
		period_format(&ob->period, period, sizeof(period));
		fprintf(out, "<tr><td>%s", period);
		html_notes_marks(
		    out, in->notes ? &in->notes[i] : NULL, &ob->period);
		fputs("</td>", out);
		value_cell(
		    out, ob->value, indicator_unit(ic, report_locale(in)));
		marks_cell(out, ic, ob, revs, in->conf->tz, zh);
		if (t != NULL)
			value_cell(out,
			    target_planned_value(t, &in->j[i][c], &ob->period),
			    indicator_unit(ic, report_locale(in)));
		growth_cells(&g, &ob->period, out);
		annual_column_cells(&a, &ob->period, zh, out);
		fputs("</tr>\n", out);
	}
	annual_column_blank_rows(&a, o, INT_MIN,
	    o->n > 0 ? o->v[0].period.year : INT_MAX,
	    2 + (t != NULL) + 2 * (g.t != NULL), zh, out);
	fputs("</table>\n", out);
	obs_list_clear(&g.series);
}
