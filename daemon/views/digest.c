/*
 * digest: new problems first (worst status first), then recoveries.  Each
 * item: name and id, old -> new status, and the judgement's sentence, so a
 * reader on a phone sees what happened without opening the dashboard.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "explain.h"

static bool
is_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

/* Whether ev[i] is the first event of its indicator among ev[0..i]. */
static bool
first_of_indicator(const struct alert_event *ev, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (ev[k].ind == ev[i].ind && ev[k].repeat == ev[i].repeat &&
		    ev[k].resolved == ev[i].resolved &&
		    ev[k].overdue_notice == ev[i].overdue_notice)
			return false;
	return true;
}

/*
 * Indicators, not targets, are counted (an indicator with two targets off
 * is one indicator off), and missing or failing data is not called off
 * target: "3 项指标偏离目标, 1 项数据异常, 1 项恢复".
 */
static void
subject_text(
    const struct alert_event *ev, size_t n, bool zh, char *buf, size_t len)
{
	size_t off = 0, data = 0, resolved = 0, used;

	for (size_t i = 0; i < n; i++) {
		if (ev[i].repeat || !first_of_indicator(ev, i))
			continue;
		if (ev[i].resolved)
			resolved++;
		else if (ev[i].overdue_notice ||
		    ev[i].new_status == STATUS_FEED_ERROR)
			data++;
		else
			off++;
	}
	used = (size_t)snprintf(buf, len, "[planwatch]");
	if (off > 0 && used < len)
		used += (size_t)snprintf(buf + used, len - used,
		    zh ? " %zu 项指标偏离目标" : " %zu indicator(s) off target",
		    off);
	if (data > 0 && used < len)
		used += (size_t)snprintf(buf + used, len - used,
		    zh ? "%s %zu 项%s数据异常"
		       : "%s %zu with data missing or failing",
		    off ? "," : "", data, off ? "" : "指标");
	if (resolved > 0 && used < len)
		snprintf(buf + used, len - used,
		    zh ? "%s %zu 项%s恢复" : "%s %zu recovered",
		    off || data ? "," : "", resolved,
		    off || data ? "" : "指标");
}

const char *
digest_status_label(const struct alert_event *e, bool old, const char *locale)
{
	enum status s = old ? e->old_status : e->new_status;

	return explain_label(s, !old && e->j.final && s == e->j.status,
	    e->target->vocabulary, locale);
}

static void
item_text(FILE *f, const struct alert_event *e, bool zh, const char *locale)
{
	char sentence[1024];

	const char *colon = zh ? "：" : ": ";

	fprintf(f, "* %s (%s/%s)\n", e->ind->name, e->ind->id, e->target->id);
	if (e->overdue_notice)
		fprintf(f, "  %s%s%s%s\n", zh ? "状态" : "status", colon,
		    digest_status_label(e, false, locale),
		    zh ? "（未变）" : " (unchanged)");
	else if (e->repeat || e->old_status >= STATUS_COUNT)
		fprintf(f, "  %s%s%s%s\n", zh ? "状态" : "status", colon,
		    digest_status_label(e, false, locale),
		    e->repeat ? ""
			: zh  ? "（首次评估）"
			      : " (first evaluation)");
	else
		fprintf(f, "  %s%s%s → %s\n", zh ? "状态" : "status", colon,
		    digest_status_label(e, true, locale),
		    digest_status_label(e, false, locale));
	if (e->new_status == STATUS_FEED_ERROR && e->feed_err != NULL)
		fprintf(f, "  %s%s%s\n", zh ? "原因" : "reason", colon,
		    e->feed_err);
	explain_judgement(
	    e->ind, e->target, &e->j, locale, sentence, sizeof(sentence));
	fprintf(f, "  %s\n", sentence);
	if (e->ind->owner != NULL)
		fprintf(f, "  %s%s%s\n", zh ? "责任单位" : "owner", colon,
		    e->ind->owner);
	fputc('\n', f);
}

size_t
digest_part_items(
    const struct alert_event *ev, size_t n, enum digest_part p, size_t *order)
{
	bool resolved = p == DIGEST_RESOLVED, repeat = p == DIGEST_REMINDER;
	bool overdue = p == DIGEST_OVERDUE;
	size_t k = 0;

	/* Critical before warning, then the worst status first (the enum
	 * is ordered worst first): a breach whose data is overdue is still
	 * a breach, and comes before a target merely at risk. */
	for (int sev = SEVERITY_CRITICAL; sev >= SEVERITY_INFO; sev--)
		for (int s = 0; s < STATUS_COUNT; s++)
			for (size_t i = 0; i < n; i++)
				if (ev[i].resolved == resolved &&
				    ev[i].repeat == repeat &&
				    ev[i].overdue_notice == overdue &&
				    (int)ev[i].severity == sev &&
				    (int)ev[i].new_status == s)
					order[k++] = i;
	return k;
}

const char *
digest_part_title(enum digest_part p, bool zh)
{
	static const char *const titles[DIGEST_PARTS][2] = {
	    [DIGEST_NEW] = {"新出现的问题：", "New problems:"},
	    [DIGEST_OVERDUE] = {"数据逾期（状态未变）：",
		"Data overdue (status unchanged):"},
	    [DIGEST_REMINDER] = {"仍然严重（再次提醒）：",
		"Still critical (reminder):"},
	    [DIGEST_RESOLVED] = {"已恢复：", "Recovered:"},
	};

	return titles[p][zh ? 0 : 1];
}

static void
section(FILE *f, const struct alert_event *ev, size_t n, enum digest_part p,
    size_t *order, bool zh, const char *locale)
{
	size_t k = digest_part_items(ev, n, p, order);

	if (k > 0)
		fprintf(f, "%s\n\n", digest_part_title(p, zh));
	for (size_t i = 0; i < k; i++)
		item_text(f, &ev[order[i]], zh, locale);
}

void
digest_lead(
    const struct alert_event *ev, size_t n, bool zh, char *buf, size_t len)
{
	size_t crit = 0, warn = 0, resolved = 0, overdue = 0, used;

	for (size_t i = 0; i < n; i++) {
		if (ev[i].resolved)
			resolved++;
		else if (ev[i].overdue_notice)
			overdue++;
		else if (ev[i].severity == SEVERITY_CRITICAL)
			crit++;
		else
			warn++;
	}
	used = (size_t)snprintf(
	    buf, len, "%s", zh ? "本次评估：" : "This evaluation: ");
	if (crit + warn > 0 && used < len)
		used += (size_t)snprintf(buf + used, len - used,
		    zh ? "严重 %zu 项、警告 %zu 项需关注"
		       : "%zu critical and %zu warning target(s) need "
			 "attention",
		    crit, warn);
	if (overdue > 0 && used < len)
		used += (size_t)snprintf(buf + used, len - used,
		    zh ? "%s%zu 项数据逾期" : "%sdata overdue for %zu",
		    crit + warn > 0 ? (zh ? "；" : "; ") : "", overdue);
	if (resolved > 0 && used < len)
		used += (size_t)snprintf(buf + used, len - used,
		    zh ? "%s%zu 项已恢复" : "%s%zu recovered",
		    crit + warn + overdue > 0 ? (zh ? "；" : "; ") : "",
		    resolved);
	if (used < len)
		snprintf(buf + used, len - used, "%s", zh ? "。" : ".");
}

int
digest_compose(const struct alert_event *ev, size_t n, const char *locale,
    char **subject, char **body)
{
	bool zh = is_zh(locale);
	char subj[256];
	size_t len, *order;
	FILE *f;

	*body = NULL;
	if ((order = calloc(n ? n : 1, sizeof(*order))) == NULL)
		return -1;
	subject_text(ev, n, zh, subj, sizeof(subj));
	if ((*subject = strdup(subj)) == NULL ||
	    (f = open_memstream(body, &len)) == NULL) {
		free(*subject);
		free(order);
		return -1;
	}
	digest_lead(ev, n, zh, subj, sizeof(subj));
	fprintf(f, "%s\n\n", subj);
	for (int p = 0; p < DIGEST_PARTS; p++)
		section(f, ev, n, (enum digest_part)p, order, zh, locale);
	fprintf(f, "-- \n%s\n",
	    zh ? "planwatch 自动发送，请勿直接回复。"
	       : "Sent by planwatch; do not reply.");
	free(order);
	if (fclose(f) != 0) {
		free(*subject);
		free(*body);
		return -1;
	}
	return 0;
}
