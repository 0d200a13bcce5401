/*
 * report: the roll-up first (plan, chapters, owners), then each target,
 * the worst status first, each with its one-sentence explanation.  Numbers
 * that cannot be computed are JSON null, never NaN.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"
#include "explain.h"
#include "marks.h"
#include "notes_view.h"
#include "report_plans.h"
#include "report.h"

struct pair {
	size_t ind, target;
};

static bool
locale_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

/* "（约束性）" after a binding indicator's name, "" when unstated. */
static const char *
nature_words(enum nature nature, const char *locale)
{
	bool zh = locale_zh(locale);

	if (nature == NATURE_BINDING)
		return zh ? "（约束性）" : " (binding)";
	if (nature == NATURE_ANTICIPATORY)
		return zh ? "（预期性）" : " (anticipatory)";
	return "";
}

static json_t *
number(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *
period_json(const struct period *p, double value)
{
	char text[PERIOD_TEXT_MAX];

	period_format(p, text, sizeof(text));
	return json_pack("{s:s, s:o}", "period", text, "value", number(value));
}

static json_t *
counts_json(const struct rollup_row *row)
{
	json_t *o = json_object();

	for (int s = 0; s < STATUS_COUNT; s++)
		if (row->counts[s] > 0)
			json_object_set_new(o, status_name((enum status)s),
			    json_integer(row->counts[s]));
	return json_pack("{s:s?, s:s, s:b, s:i, s:o, s:i, s:{s:i, s:i}}",
	    "name", row->name, "status", status_name(rollup_status(row)),
	    "final", rollup_final(row), "targets", row->total, "counts", o,
	    "overdue", row->overdue, "binding", "targets", row->binding,
	    "missed", row->binding_missed);
}

static void
set_number(json_t *o, const char *key, double v)
{
	json_object_set_new(o, key, number(v));
}

json_t *
report_overdue_json(const struct judgement *j)
{
	char p[PERIOD_TEXT_MAX], due[32];
	struct tm tm;

	if (!j->stale)
		return json_null();
	period_format(&j->overdue, p, sizeof(p));
	gmtime_r(&j->overdue_since, &tm);
	strftime(due, sizeof(due), "%Y-%m-%d", &tm);
	return json_pack("{s:s, s:s}", "period", p, "since", due);
}

/*
 * A final verdict's measure: what was achieved, how far short, and the
 * tolerance of nearly met in its unit; a rule's periods and how many kept
 * it.  null when the judgement is no final verdict.
 */
static json_t *
verdict_json(const struct target_conf *t, const struct judgement *j)
{
	bool cagr = t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR;
	json_t *o;

	if (!j->final)
		return json_null();
	o = json_pack("{s:o, s:o, s:s}", "shortfall", number(j->shortfall),
	    "tolerance", number(j->tolerance), "unit",
	    t->kind == TARGET_REACH        ? "share of the planned change"
		: t->kind == TARGET_GROWTH ? "percentage points"
					   : "the indicator's unit");
	if (t->kind == TARGET_REACH)
		set_number(o, "achieved_share", j->achieved);
	else if (cagr)
		set_number(o, "achieved_growth_pct", j->achieved * 100);
	if (t->kind != TARGET_REACH && !cagr) {
		json_object_set_new(o, "holds",
		    json_string(t->holds == HOLDS_FINAL ? "final" : "every"));
		json_object_set_new(
		    o, "periods", json_integer(j->judged_periods));
		json_object_set_new(o, "complied",
		    json_integer(j->judged_periods - j->violations));
	}
	return o;
}

/* The rate series t is judged on, or NULL. */
static const struct obs_list *
rates_of(const struct report_input *in, const struct target_conf *t)
{
	if (t->kind == TARGET_GROWTH && t->rate_indicator != NULL &&
	    t->rate_indicator_index < in->conf->nindicators)
		return &in->obs[t->rate_indicator_index];
	return NULL;
}

/* The status at the end of each year of the target, the verdict last. */
static json_t *
history_json(const struct report_input *in, size_t i, size_t k)
{
	const struct target_conf *t = &in->conf->indicators[i].targets[k];
	struct target_year y[64];
	json_t *a = json_array();
	size_t n;

	n = target_history(t, &in->obs[i], rates_of(in, t), y, 64);
	for (size_t m = 0; m < n; m++)
		json_array_append_new(a,
		    json_pack("{s:i, s:s, s:b}", "year", y[m].year, "status",
			status_name(y[m].status), "final", y[m].final));
	return a;
}

/*
 * Each year against its annual target: [{year, target, actual, met,
 * gap}], actual, met and gap null while the year's value is not in.
 */
static json_t *
annual_json(const struct report_input *in, size_t i, size_t k)
{
	const struct target_conf *t = &in->conf->indicators[i].targets[k];
	struct annual_result r[ANNUAL_MAX];
	json_t *a = json_array();
	size_t n =
	    target_annual(t, &in->obs[i], rates_of(in, t), r, ANNUAL_MAX);

	for (size_t m = 0; m < n; m++)
		json_array_append_new(a,
		    json_pack("{s:i, s:o, s:o, s:o, s:o}", "year", r[m].year,
			"target", number(r[m].target), "actual",
			number(r[m].actual), "met",
			r[m].have ? json_boolean(r[m].met) : json_null(), "gap",
			number(r[m].gap)));
	return a;
}

static json_t *
target_json(const struct report_input *in, size_t i, size_t k)
{
	const struct config *c = in->conf;
	const struct indicator_conf *ic = &c->indicators[i];
	const struct target_conf *t = &ic->targets[k];
	const struct judgement *j = &in->j[i][k];
	char sentence[1024];
	json_t *o;

	explain_judgement(ic, t, j, c->locale, sentence, sizeof(sentence));
	o = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "id", t->id, "kind",
	    target_kind_name(t->kind), "status", status_name(j->status),
	    "label", explain_status_of(t, j, c->locale), "final", j->final,
	    "explanation", sentence);
	if (t->kind == TARGET_GROWTH)
		json_object_set_new(o, "basis",
		    json_string(t->basis == BASIS_CAGR ? "cagr" : "yoy"));
	/* The series the target is judged on (the growth of a level
	 * indicator, in %), and so the unit of "latest", "planned" and
	 * "gap". */
	json_object_set_new(o, "series",
	    json_string(judged_series_name(target_judged_series(t, j))));
	if (t->rate_indicator != NULL)
		json_object_set_new(
		    o, "rate_indicator", json_string(t->rate_indicator));
	json_object_set_new(o, "unit", json_string(target_unit(ic, t, j)));
	json_object_set_new(o, "latest",
	    j->have_latest ? period_json(&j->latest_period, j->latest_value)
			   : json_null());
	set_number(o, "planned", j->planned);
	set_number(o, "gap", j->gap);
	set_number(o, "gap_pct", j->gap_pct);
	set_number(o, "target_value", j->target_value);
	set_number(o, "projected", j->projected);
	set_number(o, "ratio", j->ratio);
	set_number(o, "observed_growth_pct", j->observed_growth * 100);
	set_number(o, "required_growth_pct", j->required_growth * 100);
	set_number(o, "reach_year", j->reach_year);
	json_object_set_new(o, "observations", json_integer(j->nobs));
	if (j->judged_periods > 0)
		json_object_set_new(
		    o, "violations", json_integer(j->violations));
	json_object_set_new(o, "overdue", report_overdue_json(j));
	json_object_set_new(o, "verdict", verdict_json(t, j));
	json_object_set_new(o, "history", history_json(in, i, k));
	json_object_set_new(o, "annual", annual_json(in, i, k));
	report_plans_target_json(in, i, k, o);
	return o;
}

static json_t *
indicator_json(const struct report_input *in, size_t i)
{
	const struct indicator_conf *ic = &in->conf->indicators[i];
	const struct obs_list *obs = &in->obs[i];
	json_t *targets = json_array(), *o;

	for (size_t t = 0; t < ic->ntargets; t++)
		json_array_append_new(targets, target_json(in, i, t));
	o = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:i, s:o, s:o}",
	    "id", ic->id, "name", ic->name, "unit", ic->unit, "frequency",
	    freq_name(ic->freq), "group", ic->group, "owner", ic->owner,
	    "derived", ic->derived, "observations", (int)obs->n, "latest",
	    obs->n ? period_json(
			 &obs->v[obs->n - 1].period, obs->v[obs->n - 1].value)
		   : json_null(),
	    "targets", targets);
	json_object_set_new(o, "nature",
	    ic->nature == NATURE_UNSTATED
		? json_null()
		: json_string(nature_name(ic->nature)));
	if (in->later != NULL)
		json_object_set_new(o, "revisions_not_applied",
		    json_integer((json_int_t)in->later[i].n));
	/* The API's (eval's document keeps its shape). */
	if (in->notes != NULL)
		json_object_set_new(o, "notes", notes_view_json(&in->notes[i]));
	return o;
}

/* A day of asof as "YYYY-MM-DD", or JSON null when not asked. */
static json_t *
day_json(bool given, time_t t)
{
	char day[32];

	if (!given)
		return json_null();
	asof_day_text(t, day, sizeof(day));
	return json_string(day);
}

/*
 * The date judged as of and what it left out: "at" and "known_at" (null
 * when not asked), the periods left out and the revisions not applied;
 * as known at a date, whether nothing had arrived yet and when the first
 * value did.
 */
static void
asof_json(json_t *o, const struct asof *as)
{
	struct asof now = {0};

	if (as == NULL)
		as = &now;
	json_object_set_new(o, "at", day_json(as->past, as->at));
	json_object_set_new(o, "known_at", day_json(as->known, as->known_at));
	json_object_set_new(
	    o, "periods_left_out", json_integer((json_int_t)as->left_out));
	json_object_set_new(o, "revisions_not_applied",
	    json_integer((json_int_t)as->not_applied));
	if (!as->known)
		return;
	json_object_set_new(o, "nothing_yet", json_boolean(!as->arrived));
	json_object_set_new(
	    o, "first_arrival", day_json(as->ever, as->first_arrival));
}

json_t *
report_indicator_json(const struct report_input *in, size_t i, bool series)
{
	json_t *o = indicator_json(in, i), *list;
	const struct obs_list *obs = &in->obs[i];

	if (o == NULL || !series)
		return o;
	if (in->asof != NULL && in->asof->past) {
		json_object_set_new(
		    o, "at", day_json(in->asof->past, in->asof->at));
		json_object_set_new(o, "known_at",
		    day_json(in->asof->known, in->asof->known_at));
	}
	list = json_array();
	for (size_t k = 0; k < obs->n; k++) {
		json_t *p = period_json(&obs->v[k].period, obs->v[k].value);

		if (p != NULL)
			marks_json(p, &in->conf->indicators[i], &obs->v[k],
			    in->revs != NULL ? &in->revs[i] : NULL);
		json_array_append_new(list, p);
	}
	json_object_set_new(o, "series", list);
	return o;
}

static int
rollup_build(const struct report_input *in, struct rollup *r)
{
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < in->conf->nindicators; i++)
		if (rollup_add(r, &in->conf->indicators[i], in->j[i]) != 0)
			return -1;
	return 0;
}

const char *
report_locale(const struct report_input *in)
{
	return in->locale != NULL ? in->locale : in->conf->locale;
}

json_t *
report_json(const struct report_input *in)
{
	json_t *doc, *groups = json_array(), *owners = json_array();
	json_t *inds = json_array(), *plan;
	struct rollup r;
	char at[32], rule[512];
	struct tm tm;

	if (rollup_build(in, &r) != 0)
		return NULL;
	for (size_t i = 0; i < r.ngroups; i++)
		json_array_append_new(groups, counts_json(&r.groups[i]));
	for (size_t i = 0; i < r.nowners; i++)
		json_array_append_new(owners, counts_json(&r.owners[i]));
	for (size_t i = 0; i < in->conf->nindicators; i++)
		json_array_append_new(inds, indicator_json(in, i));
	gmtime_r(&in->at, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	r.plan.name = NULL;
	plan = counts_json(&r.plan);
	report_plans_json(in, plan);
	explain_rollup_rule(rollup_final(&r.plan),
	    in->conf->judgement.vocabulary, in->conf->locale, rule,
	    sizeof(rule));
	json_object_set_new(plan, "rule", json_string(rule));
	if ((doc = json_pack("{s:s}", "as_of", at)) != NULL) {
		asof_json(doc, in->asof);
		json_object_set_new(doc, "plan", plan);
		json_object_set_new(doc, "groups", groups);
		json_object_set_new(doc, "owners", owners);
		json_object_set_new(doc, "indicators", inds);
	} else {
		json_decref(plan);
		json_decref(groups);
		json_decref(owners);
		json_decref(inds);
	}
	rollup_clear(&r);
	return doc;
}

/* One count of a row, "进度正常 12", after the ones before it. */
static void
count_text(FILE *out, bool zh, bool *first, const char *words, int n)
{
	if (n == 0)
		return;
	fprintf(out, "%s%s %d", *first ? "" : (zh ? "，" : ", "), words, n);
	*first = false;
}

/*
 * "完成 12，基本完成 3，未完成 5" / "on track 12, at risk 5": met counted
 * apart as final verdicts and before the deadline, as the badges say.
 */
static void
counts_text(const struct rollup_row *row, const struct config *c, FILE *out)
{
	const char *locale = c->locale;
	enum vocabulary v = c->judgement.vocabulary;
	bool zh = locale == NULL || strncmp(locale, "zh", 2) == 0;
	bool first = true;

	/* Best first in a summary: good news leads, problems follow. */
	static const enum status order[] = {STATUS_MET, STATUS_AHEAD,
	    STATUS_ON_TRACK, STATUS_NEARLY_MET, STATUS_AT_RISK,
	    STATUS_OFF_TRACK, STATUS_REGRESSING, STATUS_BREACH, STATUS_NOT_MET,
	    STATUS_NO_DATA, STATUS_FEED_ERROR};

	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		int n = row->counts[order[k]];

		if (order[k] == STATUS_MET) {
			count_text(out, zh, &first,
			    explain_label(STATUS_MET, true, v, locale),
			    row->met_final);
			n -= row->met_final;
		}
		count_text(out, zh, &first,
		    explain_label(order[k], false, v, locale), n);
	}
	/* Apart from the statuses: an overdue pair is counted above by
	 * what its data show. */
	if (row->overdue > 0)
		fprintf(out,
		    zh ? "；其中 %d 项数据逾期" : "; data overdue for %d",
		    row->overdue);
	if (row->binding > 0)
		fprintf(out,
		    zh ? "；约束性目标 %d 项，未达要求 %d 项"
		       : "; binding targets %d, %d falling short",
		    row->binding, row->binding_missed);
}

static void
rows_text(const char *title, const struct rollup_row *rows, size_t n,
    const struct config *c, FILE *out)
{
	fprintf(out, "%s\n", title);
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "  %-12s %-10s %3d  ", rows[i].name,
		    explain_label(rollup_status(&rows[i]),
			rollup_final(&rows[i]), c->judgement.vocabulary,
			c->locale),
		    rows[i].total);
		counts_text(&rows[i], c, out);
		fputc('\n', out);
	}
}

static int
pair_cmp(const void *a, const void *b, void *arg)
{
	const struct pair *x = a, *y = b;
	const struct report_input *in = arg;
	enum status sx = in->j[x->ind][x->target].status;
	enum status sy = in->j[y->ind][y->target].status;

	bool bx = in->conf->indicators[x->ind].nature == NATURE_BINDING;
	bool by = in->conf->indicators[y->ind].nature == NATURE_BINDING;

	if (sx != sy)
		return (int)sx - (int)sy;
	/* Binding targets first among equals. */
	if (bx != by)
		return bx ? -1 : 1;
	if (x->ind != y->ind)
		return x->ind < y->ind ? -1 : 1;
	return x->target < y->target ? -1 : x->target > y->target;
}

/* Every (indicator, target) pair, worst status first (stable). */
static struct pair *
pairs_sorted(const struct report_input *in, size_t *n)
{
	struct pair *v;
	size_t k = 0;

	*n = 0;
	for (size_t i = 0; i < in->conf->nindicators; i++)
		*n += in->conf->indicators[i].ntargets;
	if ((v = calloc(*n + 1, sizeof(*v))) == NULL)
		return NULL;
	/* Another plan's targets are not the plan's (report_plans.h). */
	for (size_t i = 0; i < in->conf->nindicators; i++)
		for (size_t t = 0; t < in->conf->indicators[i].ntargets; t++)
			if (!in->j[i][t].other_plan)
				v[k++] = (struct pair){i, t};
	*n = k;
	/* Insertion sort: stable, and a plan has tens of targets. */
	for (size_t i = 1; i < *n; i++) {
		struct pair p = v[i];
		size_t j = i;

		while (j > 0 && pair_cmp(&v[j - 1], &p, (void *)in) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = p;
	}
	return v;
}

/*
 * "    年度目标：2021 8.5，实际 8.7 ✓（+0.2）；2022 8，尚无数据" under a
 * target with annual targets.
 */
static void
annual_text(const struct report_input *in, size_t i, size_t k, FILE *out)
{
	const struct target_conf *t = &in->conf->indicators[i].targets[k];
	bool zh = locale_zh(in->conf->locale);
	struct annual_result r[ANNUAL_MAX];
	size_t n =
	    target_annual(t, &in->obs[i], rates_of(in, t), r, ANNUAL_MAX);

	if (n == 0)
		return;
	fputs(zh ? "    年度目标：" : "    annual targets: ", out);
	for (size_t m = 0; m < n; m++) {
		fprintf(out, "%s%d %.10g", m == 0 ? "" : (zh ? "；" : "; "),
		    r[m].year, r[m].target);
		if (!r[m].have)
			fputs(zh ? "，尚无数据" : ", no value yet", out);
		else
			fprintf(out,
			    zh ? "，实际 %.10g %s（%+.4g）"
			       : ", actual %.10g %s (%+.4g)",
			    r[m].actual, r[m].met ? "✓" : "✗", r[m].gap);
	}
	fputc('\n', out);
}

static void
pairs_text(
    const struct report_input *in, const struct pair *v, size_t n, FILE *out)
{
	const char *locale = in->conf->locale;

	for (size_t k = 0; k < n; k++) {
		const struct indicator_conf *ic =
		    &in->conf->indicators[v[k].ind];
		const struct target_conf *t = &ic->targets[v[k].target];
		const struct judgement *j = &in->j[v[k].ind][v[k].target];
		char sentence[1024], value[64], period[2 * PERIOD_TEXT_MAX];

		explain_judgement(ic, t, j, locale, sentence, sizeof(sentence));
		fprintf(out, "[%s] %s%s  %s/%s",
		    explain_status_of(t, j, locale), ic->name,
		    nature_words(ic->nature, locale), ic->id, t->id);
		/* The judged series' latest value: a growth target's 2.5 %,
		 * not its indicator's level. */
		if (explain_latest(ic, t, j, locale, value, sizeof(value),
			period, sizeof(period)))
			fprintf(out, "  %s%s%s%s", value,
			    locale_zh(locale) ? "（" : " (", period,
			    locale_zh(locale) ? "）" : ")");
		fprintf(out, "\n    %s\n", sentence);
		annual_text(in, v[k].ind, v[k].target, out);
	}
}

/*
 * What a date left out, under the plan's line: the periods that had not
 * ended, the revisions that had not arrived; or that nothing had arrived
 * yet (true: the report ends there, every target would be "no data").
 */
static bool
asof_text(const struct asof *as, bool zh, FILE *out)
{
	char at[32], known[32], first[32];

	if (as == NULL || !as->past)
		return false;
	asof_day_text(as->at, at, sizeof(at));
	asof_day_text(as->known_at, known, sizeof(known));
	asof_day_text(as->first_arrival, first, sizeof(first));
	if (as->known && !as->arrived && as->ever) {
		fprintf(out,
		    zh ? "  据 %s 所知：当时尚无任何数据"
			 "（最早的数据于 %s 到达）\n"
		       : "  as known on %s: nothing had arrived yet"
			 " (the first value arrived on %s)\n",
		    known, first);
		return true;
	}
	if (as->known && !as->arrived) {
		fprintf(out,
		    zh ? "  据 %s 所知：当时尚无任何数据（至今仍无）\n"
		       : "  as known on %s: nothing had arrived yet"
			 " (nor has anything since)\n",
		    known);
		return true;
	}
	fprintf(out,
	    zh ? "  仅计截至 %s 已结束的时期（其后 %zu 个时期未计入）\n"
	       : "  periods that had ended by %s only"
		 " (%zu later period%s left out)\n",
	    at, as->left_out, zh || as->left_out == 1 ? "" : "s");
	if (as->known)
		fprintf(out,
		    zh ? "  据 %s 所知（当时已到达的数据；"
			 "其后 %zu 次修订未采用）\n"
		       : "  as known on %s (values that had arrived by then;"
			 " %zu later revision%s not applied)\n",
		    known, as->not_applied,
		    zh || as->not_applied == 1 ? "" : "s");
	return false;
}

int
report_text(const struct report_input *in, FILE *out)
{
	const char *locale = in->conf->locale;
	bool zh = locale == NULL || strncmp(locale, "zh", 2) == 0;
	struct rollup r;
	struct pair *v;
	size_t n;
	char at[64], rule[512];

	if (rollup_build(in, &r) != 0 || (v = pairs_sorted(in, &n)) == NULL) {
		rollup_clear(&r);
		return -1;
	}
	/* The time judged, in the zone people read times in; a date asked
	 * for (--at: the end of that UTC day) is said as that date. */
	if (in->asof != NULL && in->asof->past)
		asof_day_text(in->asof->at, at, sizeof(at));
	else
		tz_datetime(in->conf->tz, in->at, at, sizeof(at));
	report_plans_text(in, zh, out);
	fprintf(out,
	    zh ? "规划总体：%s（截至 %s，%d 项目标）\n"
	       : "Plan: %s (as of %s, %d targets)\n",
	    explain_label(rollup_status(&r.plan), rollup_final(&r.plan),
		in->conf->judgement.vocabulary, locale),
	    at, r.plan.total);
	if (asof_text(in->asof, zh, out)) {
		free(v);
		rollup_clear(&r);
		return 0;
	}
	fputs("  ", out);
	counts_text(&r.plan, in->conf, out);
	explain_rollup_rule(rollup_final(&r.plan),
	    in->conf->judgement.vocabulary, locale, rule, sizeof(rule));
	fprintf(out, "\n  %s\n\n", rule);
	rows_text(zh ? "按篇章：" : "By chapter:", r.groups, r.ngroups,
	    in->conf, out);
	rows_text(zh ? "\n按责任单位：" : "\nBy owner:", r.owners, r.nowners,
	    in->conf, out);
	fputs(zh ? "\n各项目标（最差在前）：\n" : "\nTargets, worst first:\n",
	    out);
	pairs_text(in, v, n, out);
	free(v);
	rollup_clear(&r);
	return 0;
}
