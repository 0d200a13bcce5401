/*
 * plan_report: the pairs a route covers (all, or its owners'), sorted by
 * plan chapter in the configuration's order, then worst status first,
 * then the configuration's order.  The counts and the changes come first
 * because that is what a reader who opens the mail for a minute needs;
 * the chapters follow for the one who reads on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "html_text.h"
#include "plan_report.h"

struct item {
	size_t i, t; /* indicator, target */
	size_t group; /* index into the chapters, in config order */
	enum status st;
	bool final; /* st is a final verdict */
};

struct build {
	const struct plan_report_in *in;
	bool zh;
	const char *locale;
	struct item *items;
	size_t n;
	const char **groups; /* chapter names, NULL for "other" */
	size_t ngroups;
	int counts[STATUS_COUNT];
	int overdue; /* pairs whose data is overdue, counted apart */
	int met_final; /* of counts[STATUS_MET], the final verdicts */
};

/* The words of status s (final: a final verdict) in the report. */
static const char *
label(const struct build *b, enum status s, bool final)
{
	return explain_label(
	    s, final, b->in->conf->judgement.vocabulary, b->locale);
}

void
plan_report_spark_cid(const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "spark.%s@planwatch", id);
}

static bool
covered(const struct route_conf *rt, const struct indicator_conf *ic)
{
	if (rt == NULL || rt->nowners == 0)
		return true;
	for (size_t i = 0; i < rt->nowners; i++)
		if (ic->owner != NULL && strcmp(rt->owners[i], ic->owner) == 0)
			return true;
	return false;
}

static size_t
group_index(struct build *b, const char *name)
{
	for (size_t g = 0; g < b->ngroups; g++)
		if ((name == NULL && b->groups[g] == NULL) ||
		    (name != NULL && b->groups[g] != NULL &&
			strcmp(name, b->groups[g]) == 0))
			return g;
	b->groups[b->ngroups] = name;
	return b->ngroups++;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->st != y->st)
		return x->st < y->st ? -1 : 1;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

static int
collect(struct build *b)
{
	const struct config *c = b->in->conf;
	size_t max = 0;

	for (size_t i = 0; i < c->nindicators; i++)
		max += c->indicators[i].ntargets;
	b->items = calloc(max ? max : 1, sizeof(*b->items));
	b->groups = calloc(c->nindicators + 1, sizeof(*b->groups));
	if (b->items == NULL || b->groups == NULL)
		return -1;
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];

		if (!covered(b->in->route, ic))
			continue;
		for (size_t t = 0; t < ic->ntargets; t++) {
			struct item *it = &b->items[b->n++];

			it->i = i;
			it->t = t;
			it->st = b->in->j[i][t].status;
			it->final = b->in->j[i][t].final;
			it->group = group_index(b, ic->group);
			b->counts[it->st]++;
			if (it->st == STATUS_MET && it->final)
				b->met_final++;
			if (b->in->j[i][t].stale)
				b->overdue++;
		}
	}
	qsort(b->items, b->n, sizeof(*b->items), item_cmp);
	return 0;
}

/* A date in the zone people read times in (the configuration's). */
static void
local_date(const struct build *b, time_t t, char *buf, size_t len)
{
	tz_date(b->in->conf->tz, t, buf, len);
}

static const char *
every_word(enum report_every e, bool zh)
{
	switch (e) {
	case REPORT_DAILY:
		return zh ? "日报" : "daily";
	case REPORT_WEEKLY:
		return zh ? "周报" : "weekly";
	default:
		return zh ? "月报" : "monthly";
	}
}

static size_t
problems(const struct build *b)
{
	size_t n = 0;

	for (int s = 0; s < STATUS_COUNT; s++)
		if (status_is_problem((enum status)s))
			n += (size_t)b->counts[s];
	return n;
}

static void
subject(const struct build *b, FILE *f)
{
	char date[32];

	local_date(b, b->in->slot, date, sizeof(date));
	if (b->zh)
		fprintf(f,
		    "[planwatch] 规划实施情况%s（%s）：%zu 项目标中 %zu "
		    "项需关注",
		    every_word(b->in->route->report.every, true), date, b->n,
		    problems(b));
	else
		fprintf(f,
		    "[planwatch] State of the plan, %s (%s): %zu of %zu "
		    "targets need attention",
		    every_word(b->in->route->report.every, false), date,
		    problems(b), b->n);
}

/* "偏离目标 3，存在风险 6" (worst first, non-zero only). */
static void
counts_text(const struct build *b, FILE *f)
{
	bool first = true;

	for (int s = 0; s < STATUS_COUNT; s++) {
		int n = b->counts[s];

		if (s == STATUS_MET && b->met_final > 0) {
			fprintf(f, "%s%s %d",
			    first ? "" : (b->zh ? "，" : ", "),
			    label(b, STATUS_MET, true), b->met_final);
			first = false;
			n -= b->met_final;
		}
		if (n == 0)
			continue;
		fprintf(f, "%s%s %d", first ? "" : (b->zh ? "，" : ", "),
		    label(b, (enum status)s, false), n);
		first = false;
	}
	/* Beside the statuses, which count these pairs too. */
	if (b->overdue > 0)
		fprintf(f,
		    b->zh ? "；其中 %d 项数据逾期" : "; data overdue for %d",
		    b->overdue);
}

static const char *
pair_key(const struct build *b, const struct item *it, char *buf, size_t len)
{
	const struct indicator_conf *ic = &b->in->conf->indicators[it->i];

	snprintf(buf, len, "%s/%s", ic->id, ic->targets[it->t].id);
	return buf;
}

/* The status at the previous report, if it differs from now. */
static bool
changed(const struct build *b, const struct item *it, enum status *was)
{
	char key[256];

	if (b->in->since == 0 || b->in->before == NULL)
		return false;
	*was = b->in->before(pair_key(b, it, key, sizeof(key)), b->in->arg);
	return *was < STATUS_COUNT && *was != it->st;
}

static const char *
group_name(const struct build *b, size_t g)
{
	return b->groups[g] != NULL
	    ? chapter_name(b->in->conf, b->groups[g], b->locale)
	    : (b->zh ? "其他" : "Other");
}

static int
text(const struct build *b, char **out)
{
	size_t len, nchanged = 0;
	char date[32], sentence[1024];
	FILE *f = open_memstream(out, &len);
	enum status was;

	if (f == NULL)
		return -1;
	local_date(b, b->in->slot, date, sizeof(date));
	fprintf(f, b->zh ? "%zu 项目标：" : "%zu targets: ", b->n);
	counts_text(b, f);
	fputs(b->zh ? "。\n\n" : ".\n\n", f);
	if (b->in->since > 0) {
		local_date(b, b->in->since, date, sizeof(date));
		fprintf(f,
		    b->zh ? "自上次报告（%s）以来的变化：\n"
			  : "Changes since the last report (%s):\n",
		    date);
		for (size_t k = 0; k < b->n; k++) {
			const struct item *it = &b->items[k];
			char key[256];

			if (!changed(b, it, &was))
				continue;
			nchanged++;
			fprintf(f,
			    b->zh ? "  * %s (%s)：%s → %s\n"
				  : "  * %s (%s): %s → %s\n",
			    b->in->conf->indicators[it->i].name,
			    pair_key(b, it, key, sizeof(key)),
			    label(b, was, false), label(b, it->st, it->final));
		}
		if (nchanged == 0)
			fputs(b->zh ? "  无变化。\n" : "  none.\n", f);
		fputc('\n', f);
	}
	for (size_t k = 0; k < b->n; k++) {
		const struct item *it = &b->items[k];
		const struct indicator_conf *ic =
		    &b->in->conf->indicators[it->i];
		char key[256];

		if (k == 0 || it->group != b->items[k - 1].group)
			fprintf(f, "%s\n", group_name(b, it->group));
		explain_judgement(ic, &ic->targets[it->t],
		    &b->in->j[it->i][it->t], b->locale, sentence,
		    sizeof(sentence));
		fprintf(f, "  [%s] %s (%s)%s%s\n    %s\n",
		    label(b, it->st, it->final), indicator_name(ic, b->locale),
		    pair_key(b, it, key, sizeof(key)), ic->owner ? " · " : "",
		    ic->owner ? indicator_owner(ic, b->locale) : "", sentence);
		if (k + 1 == b->n || b->items[k + 1].group != it->group)
			fputc('\n', f);
	}
	fprintf(f, "-- \n%s\n",
	    b->zh ? "planwatch 定期报告，请勿直接回复。"
		  : "A scheduled report of planwatch; do not reply.");
	return fclose(f) == 0 ? 0 : -1;
}

static void
badge(const struct build *b, FILE *f, enum status s, bool final)
{
	html_mail_badge(f, s, label(b, s, final), true);
}

/* The sparkline of indicator i, once per report, while there is room. */
static bool
spark_take(const struct build *b, struct plan_report *out, size_t i)
{
	for (size_t k = 0; k < out->nsparks; k++)
		if (out->sparks[k] == i)
			return true;
	if (out->nsparks == PLAN_REPORT_SPARKS_MAX ||
	    b->in->has_spark == NULL || !b->in->has_spark(i, b->in->arg))
		return false;
	out->sparks[out->nsparks++] = i;
	return true;
}

static void
html_item(const struct build *b, FILE *f, const struct item *it,
    struct plan_report *out)
{
	const struct indicator_conf *ic = &b->in->conf->indicators[it->i];
	char sentence[1024], cid[256];

	fputs("<tr><td style=\"padding:6px 8px 6px 0;vertical-align:top;"
	      "border-bottom:1px solid #eee\">",
	    f);
	badge(b, f, it->st, it->final);
	fputs("</td><td style=\"padding:6px 0;vertical-align:top;"
	      "border-bottom:1px solid #eee\"><b>",
	    f);
	html_escape(f, indicator_name(ic, b->locale));
	fputs("</b>", f);
	if (ic->owner != NULL) {
		fputs(" <span style=\"color:#777;font-size:12px\">", f);
		html_escape(f, indicator_owner(ic, b->locale));
		fputs("</span>", f);
	}
	explain_judgement(ic, &ic->targets[it->t], &b->in->j[it->i][it->t],
	    b->locale, sentence, sizeof(sentence));
	fputs("<div style=\"font-size:13px;color:#444\">", f);
	html_escape(f, sentence);
	fputs("</div>", f);
	/* The sparkline draws the indicator's first target's series: not
	 * beside a target judged on another (growth beside levels). */
	if (target_same_series(ic, it->t) && spark_take(b, out, it->i)) {
		plan_report_spark_cid(ic->id, cid, sizeof(cid));
		fprintf(f,
		    "<img src=\"cid:%s\" width=\"160\" height=\"40\" "
		    "style=\"display:block;margin-top:2px\" alt=\"\">",
		    cid);
	}
	fputs("</td></tr>\n", f);
}

static void
html_changes(const struct build *b, FILE *f)
{
	char date[32];
	size_t nchanged = 0;
	enum status was;

	local_date(b, b->in->since, date, sizeof(date));
	fputs("<h2 style=\"font-size:17px;margin:16px 0 6px 0\">", f);
	fprintf(
	    f, b->zh ? "自上次报告（%s）以来的变化" : "Changes since %s", date);
	fputs("</h2>\n<ul style=\"margin:0;padding-left:20px\">\n", f);
	for (size_t k = 0; k < b->n; k++) {
		const struct item *it = &b->items[k];

		if (!changed(b, it, &was))
			continue;
		nchanged++;
		fputs("<li style=\"margin:3px 0\">", f);
		html_escape(f, b->in->conf->indicators[it->i].name);
		fputs("：", f);
		badge(b, f, was, false);
		fputs(" → ", f);
		badge(b, f, it->st, it->final);
		fputs("</li>\n", f);
	}
	if (nchanged == 0)
		fprintf(f, "<li>%s</li>\n", b->zh ? "无变化" : "none");
	fputs("</ul>\n", f);
}

static int
html(const struct build *b, struct plan_report *out)
{
	size_t len;
	FILE *f = open_memstream(&out->html, &len);

	if (f == NULL)
		return -1;
	html_mail_head(f, b->zh);
	fputs("<p style=\"font-size:15px;margin:0 0 6px 0\">", f);
	fprintf(f,
	    b->zh ? "共 %zu 项目标，其中 <b>%zu 项需关注</b>："
		  : "%zu targets, <b>%zu need attention</b>: ",
	    b->n, problems(b));
	fputs("</p>\n<p style=\"margin:0\">", f);
	for (int s = 0; s < STATUS_COUNT; s++) {
		int n = b->counts[s];

		if (s == STATUS_MET && b->met_final > 0) {
			badge(b, f, STATUS_MET, true);
			fprintf(f, " %d &nbsp; ", b->met_final);
			n -= b->met_final;
		}
		if (n == 0)
			continue;
		badge(b, f, (enum status)s, false);
		fprintf(f, " %d &nbsp; ", n);
	}
	if (b->overdue > 0)
		fprintf(f,
		    b->zh ? "（其中 %d 项数据逾期）" : "(data overdue for %d)",
		    b->overdue);
	fputs("</p>\n", f);
	if (b->in->since > 0)
		html_changes(b, f);
	for (size_t k = 0; k < b->n; k++) {
		const struct item *it = &b->items[k];

		if (k == 0 || it->group != b->items[k - 1].group) {
			fputs(
			    "<h2 style=\"font-size:17px;margin:18px 0 4px 0\">",
			    f);
			html_escape(f, group_name(b, it->group));
			fputs("</h2>\n<table style=\"border-collapse:collapse;"
			      "width:100%\">\n",
			    f);
		}
		html_item(b, f, it, out);
		if (k + 1 == b->n || b->items[k + 1].group != it->group)
			fputs("</table>\n", f);
	}
	fprintf(f,
	    "<p style=\"color:#777;font-size:12px;border-top:1px solid #ddd;"
	    "padding-top:6px\">%s</p>\n</body></html>\n",
	    b->zh ? "planwatch 定期报告，请勿直接回复。"
		  : "A scheduled report of planwatch; do not reply.");
	return fclose(f) == 0 ? 0 : -1;
}

int
plan_report_compose(const struct plan_report_in *in, struct plan_report *out)
{
	/* The route's language, else the configuration's. */
	struct build b = {.in = in,
	    .locale = in->route != NULL && in->route->locale != NULL
		? in->route->locale
		: in->conf->locale};
	size_t len;
	FILE *f;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	b.zh = b.locale == NULL || strncmp(b.locale, "zh", 2) == 0;
	if (collect(&b) != 0 ||
	    (f = open_memstream(&out->subject, &len)) == NULL)
		goto done;
	subject(&b, f);
	if (fclose(f) == 0 && text(&b, &out->text) == 0 && html(&b, out) == 0)
		rc = 0;
done:
	free(b.items);
	free(b.groups);
	if (rc != 0)
		plan_report_free(out);
	return rc;
}

void
plan_report_free(struct plan_report *out)
{
	free(out->subject);
	free(out->text);
	free(out->html);
	memset(out, 0, sizeof(*out));
}
