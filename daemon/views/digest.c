/*
 * digest: new problems first (worst status first), then recoveries.  Each
 * item: the indicator's name, old -> new status, and the judgement's
 * sentence, so a reader on a phone sees what happened without opening
 * the dashboard; the ids that staff search by come last, under the
 * signature line.
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

/*
 * The subject and the first line count the same things, targets: those
 * that need attention (new problems and reminders) by severity, those
 * whose data is overdue, those that recovered.  One function writes both,
 * so they cannot disagree.
 */
static void
counts_text(
    const struct alert_event *ev, size_t n, bool zh, char *buf, size_t len)
{
	size_t crit = 0, warn = 0, resolved = 0, overdue = 0, used = 0;
	const char *sep = zh ? "；" : "; ";

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
	buf[0] = '\0';
	if (crit + warn > 0 && crit > 0 && warn > 0)
		used += (size_t)snprintf(buf, len,
		    zh ? "%zu 项目标需关注（严重 %zu 项、警告 %zu 项）"
		       : "%zu target(s) need attention (%zu critical, %zu "
			 "warning)",
		    crit + warn, crit, warn);
	else if (crit + warn > 0)
		used += (size_t)snprintf(buf, len,
		    zh ? "%zu 项目标需关注（%s）"
		       : "%zu target(s) need attention (%s)",
		    crit + warn,
		    crit > 0 ? (zh ? "严重" : "critical")
			     : (zh ? "警告" : "warning"));
	if (overdue > 0 && used < len)
		used += (size_t)snprintf(buf + used, len - used,
		    zh ? "%s%zu 项数据逾期" : "%sdata overdue for %zu",
		    used > 0 ? sep : "", overdue);
	if (resolved > 0 && used < len)
		snprintf(buf + used, len - used,
		    zh ? "%s%zu 项已恢复" : "%s%zu recovered",
		    used > 0 ? sep : "", resolved);
}

static void
subject_text(
    const struct alert_event *ev, size_t n, bool zh, char *buf, size_t len)
{
	char counts[200];

	counts_text(ev, n, zh, counts, sizeof(counts));
	snprintf(buf, len, "[planwatch] %s", counts);
}

const char *
digest_status_label(const struct alert_event *e, bool old, const char *locale)
{
	enum status s = old ? e->old_status : e->new_status;

	return explain_label(s, !old && e->j.final && s == e->j.status,
	    e->target->vocabulary, locale);
}

unsigned
digest_receives(const struct alert_event *e)
{
	if (e->new_status == STATUS_FEED_ERROR)
		return RECEIVES_OPERATIONS;
	if (e->old_status != STATUS_FEED_ERROR)
		return RECEIVES_DECISIONS;
	/* The feed is back: a recovery is the operators' alone. */
	return e->resolved ? RECEIVES_OPERATIONS
			   : RECEIVES_OPERATIONS | RECEIVES_DECISIONS;
}

/* The host of url ("stats.example"), or "" (file: URLs have none). */
static void
url_host(const char *url, char *buf, size_t len)
{
	const char *p = strstr(url, "://"), *end, *at;

	buf[0] = '\0';
	if (p == NULL)
		return;
	p += 3;
	end = p + strcspn(p, "/?#");
	/* Credentials in a URL are nobody's business in a message. */
	at = memchr(p, '@', (size_t)(end - p));
	if (at != NULL)
		p = at + 1;
	snprintf(buf, len, "%.*s", (int)(end - p), p);
}

void
digest_fault(const struct alert_event *e, bool zh, char *buf, size_t len)
{
	char host[256] = "", where[300] = "", status[40] = "";

	if (e->journal_damaged || e->coll == NULL) {
		snprintf(buf, len, "%s",
		    e->journal_damaged
			? (zh ? "本指标的数据日志损坏，修复前不再记录新数据"
			      : "this indicator's journal is damaged; no new "
				"value is stored until it is repaired")
			: (zh ? "本指标的数据无法更新"
			      : "this indicator's data cannot be updated"));
		return;
	}
	url_host(e->coll->url, host, sizeof(host));
	/* Chinese takes no space beside full-width brackets. */
	if (*host != '\0')
		snprintf(where, sizeof(where), zh ? "（%s）" : " (%s)", host);
	else if (zh)
		snprintf(where, sizeof(where), " ");
	if (e->http_status >= 400)
		snprintf(status, sizeof(status),
		    zh ? "（HTTP %ld）" : " (HTTP %ld)", e->http_status);
	if (e->failures > 1)
		snprintf(buf, len,
		    zh ? "数据源 %s%s连续 %u 次获取失败%s"
		       : "feed %s%s failed %u times in a row%s",
		    e->coll->id, where, e->failures, status);
	else if (e->failures == 1)
		snprintf(buf, len,
		    zh ? "数据源 %s%s获取失败%s" : "feed %s%s failed%s",
		    e->coll->id, where, status);
	else
		snprintf(buf, len,
		    zh ? "数据源 %s%s有应答，但数据无法读取"
		       : "feed %s%s answered, but its data could not be read",
		    e->coll->id, where);
}

static void
item_text(FILE *f, const struct alert_event *e, bool zh, const char *locale)
{
	char sentence[1024];

	const char *colon = zh ? "：" : ": ";

	fprintf(f, "* %s\n", indicator_name(e->ind, locale));
	if (e->overdue_notice)
		fprintf(f, "  %s%s%s%s\n", zh ? "状态" : "status", colon,
		    digest_status_label(e, false, locale),
		    zh ? "（未变）" : " (unchanged)");
	else if (e->repeat || e->old_status >= STATUS_COUNT)
		fprintf(f, "  %s%s%s\n", zh ? "状态" : "status", colon,
		    digest_status_label(e, false, locale));
	else
		fprintf(f, "  %s%s%s → %s\n", zh ? "状态" : "status", colon,
		    digest_status_label(e, true, locale),
		    digest_status_label(e, false, locale));
	/* What failed in words; the library's message is a detail. */
	if (e->new_status == STATUS_FEED_ERROR) {
		digest_fault(e, zh, sentence, sizeof(sentence));
		fprintf(f, "  %s\n", sentence);
		if (e->feed_err != NULL)
			fprintf(f, "  %s%s%s\n", zh ? "技术细节" : "details",
			    colon, e->feed_err);
		if (e->ind->owner != NULL)
			fprintf(f, "  %s%s%s\n", zh ? "责任单位" : "owner",
			    colon, indicator_owner(e->ind, locale));
		fputc('\n', f);
		return;
	}
	explain_judgement(
	    e->ind, e->target, &e->j, locale, sentence, sizeof(sentence));
	fprintf(f, "  %s\n", sentence);
	if (e->ind->owner != NULL)
		fprintf(f, "  %s%s%s\n", zh ? "责任单位" : "owner", colon,
		    indicator_owner(e->ind, locale));
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
digest_lead(const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, char *buf, size_t len)
{
	bool zh = is_zh(fr->locale);
	char counts[200];

	counts_text(ev, n, zh, counts, sizeof(counts));
	/* The plan first: one sentence a leader reads without context. */
	if (fr->plan != NULL)
		snprintf(buf, len, zh ? "《%s》：%s。" : "%s: %s.", fr->plan,
		    counts);
	else
		snprintf(buf, len, "%s%s%s",
		    zh ? "本次评估：" : "This evaluation: ", counts,
		    zh ? "。" : ".");
}

void
digest_staff_ids(const struct alert_event *ev, size_t n, bool zh, FILE *f)
{
	fputs(zh ? "供工作人员参考（指标/目标编号）：\n"
		 : "For staff (indicator/target ids):\n",
	    f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "  %s: %s/%s\n",
		    indicator_name(ev[i].ind, zh ? "zh-CN" : "en"),
		    ev[i].ind->id, ev[i].target->id);
}

int
digest_compose(const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, char **subject, char **body)
{
	const char *locale = fr->locale;
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
	digest_lead(ev, n, fr, subj, sizeof(subj));
	fprintf(f, "%s\n\n", subj);
	for (int p = 0; p < DIGEST_PARTS; p++)
		section(f, ev, n, (enum digest_part)p, order, zh, locale);
	/* Ids are for the office's staff, below the signature line. */
	fputs("-- \n", f);
	digest_staff_ids(ev, n, zh, f);
	fprintf(f, "%s\n",
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
