/*
 * digest: one sentence of verdict for the plan, then what needs a decision
 * (grouped by chapter, worst first), faults for operators, data overdue,
 * reminders, and what improved.  Each item says what a leader needs on a
 * phone without the dashboard: the indicator, its status in words, the
 * latest value against the target, the bureau that answers and when the
 * next figure is due.  The judgement's method (progress ratios,
 * tolerances) and the ids staff search by come last, under the signature
 * line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "explain.h"
#include "tz.h"

static bool
is_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

/* Whether e is a fault of the machinery (a feed, a journal). */
static bool
is_fault(const struct alert_event *e)
{
	return e->new_status == STATUS_FEED_ERROR && !e->resolved;
}

/* The failing feeds and damaged journals among ev, each counted once. */
static size_t
faults_count(const struct alert_event *ev, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		if (!is_fault(&ev[i]))
			continue;
		for (size_t m = 0; m < i && !seen; m++)
			seen = is_fault(&ev[m]) &&
			    (ev[i].coll != NULL && !ev[i].journal_damaged
				    ? ev[m].coll == ev[i].coll &&
					!ev[m].journal_damaged
				    : ev[m].ind == ev[i].ind);
		k += !seen;
	}
	return k;
}

/*
 * The subject and the first line count the same things: targets that
 * need attention (new problems and reminders) by severity, failing
 * feeds, targets whose data is overdue, targets that recovered.  One
 * function writes both, so they cannot disagree.
 */
static void
counts_text(
    const struct alert_event *ev, size_t n, bool zh, char *buf, size_t len)
{
	size_t crit = 0, warn = 0, resolved = 0, overdue = 0, used = 0;
	size_t faults = faults_count(ev, n);
	const char *sep = zh ? "；" : "; ";

	for (size_t i = 0; i < n; i++) {
		if (ev[i].resolved)
			resolved++;
		else if (is_fault(&ev[i]))
			continue;
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
	if (faults > 0 && used < len)
		used += (size_t)snprintf(buf + used, len - used,
		    zh ? "%s%zu 个数据源或数据日志故障"
		       : "%s%zu feed or journal fault(s)",
		    used > 0 ? sep : "", faults);
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

/* The line of e's status: old → new, and whether it got worse. */
static void
status_line(FILE *f, const struct alert_event *e, bool zh, const char *locale)
{
	const char *colon = zh ? "：" : ": ";

	fprintf(f, "* %s%s", indicator_name(e->ind, locale), colon);
	if (!e->overdue_notice && !e->repeat && e->old_status < STATUS_COUNT)
		fprintf(f, "%s → ", digest_status_label(e, true, locale));
	fputs(digest_status_label(e, false, locale), f);
	if (e->j.final && e->new_status != STATUS_FEED_ERROR)
		fputs(zh ? "（终期结论）" : " (final verdict)", f);
	else if (e->overdue_notice)
		fputs(zh ? "（状态未变）" : " (unchanged)", f);
	else if (!e->resolved && !e->repeat && e->old_status < STATUS_COUNT &&
	    e->old_status != STATUS_FEED_ERROR &&
	    e->new_status != STATUS_FEED_ERROR)
		fputs(e->new_status < e->old_status
			? (zh ? "（恶化）" : " (worse)")
			: (zh ? "（好转）" : " (better)"),
		    f);
	fputc('\n', f);
}

void
digest_versus(
    const struct alert_event *e, const char *locale, char *buf, size_t len)
{
	bool zh = is_zh(locale);
	char value[96], period[PERIOD_TEXT_MAX * 2 + 8], target[256];

	explain_target(
	    e->ind, e->target, &e->j, locale, target, sizeof(target));
	if (!explain_latest(e->ind, e->target, &e->j, locale, value,
		sizeof(value), period, sizeof(period)))
		snprintf(buf, len,
		    zh ? "尚无数据；目标：%s"
		       : "no data yet; "
			 "target: %s",
		    target);
	else
		snprintf(buf, len,
		    zh ? "最新：%s（%s）；目标：%s"
		       : "latest: %s (%s); "
			 "target: %s",
		    value, period, target);
}

void
digest_who_when(
    const struct alert_event *e, const char *locale, char *buf, size_t len)
{
	bool zh = is_zh(locale);
	char next[256];
	size_t off = 0;

	buf[0] = '\0';
	if (e->ind->owner != NULL)
		off = (size_t)snprintf(buf, len, "%s%s",
		    zh ? "责任单位：" : "responsible bureau: ",
		    indicator_owner(e->ind, locale));
	/* A final verdict no later figure changes: no date to wait for. */
	if (off < len && !e->resolved &&
	    explain_next(&e->j, locale, next, sizeof(next)))
		snprintf(buf + off, len - off, "%s%s%s",
		    off > 0 ? (zh ? "；" : "; ") : "",
		    zh ? "下一期：" : "next: ", next);
}

static void
item_text(FILE *f, const struct alert_event *e, bool zh, const char *locale)
{
	char line[1024];

	status_line(f, e, zh, locale);
	/* What failed in words; the library's message is a detail. */
	if (e->new_status == STATUS_FEED_ERROR) {
		digest_fault(e, zh, line, sizeof(line));
		fprintf(f, "  %s\n", line);
		if (e->feed_err != NULL)
			fprintf(f, "  %s%s\n",
			    zh ? "技术细节：" : "details: ", e->feed_err);
	} else {
		digest_versus(e, locale, line, sizeof(line));
		fprintf(f, "  %s\n", line);
	}
	digest_who_when(e, locale, line, sizeof(line));
	if (*line)
		fprintf(f, "  %s\n", line);
	fputc('\n', f);
}

/* Which part e belongs to. */
static enum digest_part
part_of(const struct alert_event *e)
{
	if (e->resolved)
		return DIGEST_RESOLVED;
	if (e->new_status == STATUS_FEED_ERROR)
		return DIGEST_FAULT;
	if (e->overdue_notice)
		return DIGEST_OVERDUE;
	return e->repeat ? DIGEST_REMINDER : DIGEST_NEW;
}

/* Whether a and b are of one chapter (both of none counts). */
static bool
same_chapter(const struct indicator_conf *a, const struct indicator_conf *b)
{
	if (a->group == NULL || b->group == NULL)
		return a->group == b->group;
	return strcmp(a->group, b->group) == 0;
}

size_t
digest_part_items(
    const struct alert_event *ev, size_t n, enum digest_part p, size_t *order)
{
	size_t k = 0, done = 0;

	/* Critical before warning, then the worst status first (the enum
	 * is ordered worst first): a breach whose data is overdue is still
	 * a breach, and comes before a target merely at risk. */
	for (int sev = SEVERITY_CRITICAL; sev >= SEVERITY_INFO; sev--)
		for (int s = 0; s < STATUS_COUNT; s++)
			for (size_t i = 0; i < n; i++)
				if (part_of(&ev[i]) == p &&
				    (int)ev[i].severity == sev &&
				    (int)ev[i].new_status == s)
					order[k++] = i;
	if (p != DIGEST_NEW)
		return k;
	/* Decisions by chapter: the chapter of the worst item first, each
	 * chapter's items together, in the order above. */
	while (done < k) {
		const struct indicator_conf *ch = ev[order[done]].ind;
		size_t next = done + 1;

		for (size_t i = done + 1; i < k; i++)
			if (same_chapter(ev[order[i]].ind, ch)) {
				size_t v = order[i];

				memmove(&order[next + 1], &order[next],
				    (i - next) * sizeof(*order));
				order[next++] = v;
			}
		done = next;
	}
	return k;
}

const char *
digest_part_title(enum digest_part p, bool zh)
{
	static const char *const titles[DIGEST_PARTS][2] = {
	    [DIGEST_NEW] = {"需要决策的事项：", "Needs a decision:"},
	    [DIGEST_FAULT] = {"数据源与数据日志故障：",
		"Feeds and journals failing:"},
	    [DIGEST_OVERDUE] = {"数据逾期（状态未变）：",
		"Data overdue (status unchanged):"},
	    [DIGEST_REMINDER] = {"仍然严重（再次提醒）：",
		"Still critical (reminder):"},
	    [DIGEST_RESOLVED] = {"情况好转：", "Improved:"},
	};

	return titles[p][zh ? 0 : 1];
}

const char *
digest_chapter(const struct indicator_conf *ind, const char *locale)
{
	return ind->group != NULL ? indicator_group(ind, locale)
				  : (is_zh(locale) ? "其他" : "Other");
}

bool
digest_chapter_starts(const struct alert_event *ev, const size_t *order,
    size_t k, enum digest_part p, size_t i)
{
	bool any = false;

	if (p != DIGEST_NEW)
		return false;
	/* A plan without chapters gets no heading "其他" over everything. */
	for (size_t m = 0; m < k && !any; m++)
		any = ev[order[m]].ind->group != NULL;
	return any &&
	    (i == 0 || !same_chapter(ev[order[i - 1]].ind, ev[order[i]].ind));
}

static void
section(FILE *f, const struct alert_event *ev, size_t n, enum digest_part p,
    size_t *order, bool zh, const char *locale)
{
	size_t k = digest_part_items(ev, n, p, order);

	if (k > 0)
		fprintf(f, "%s\n\n", digest_part_title(p, zh));
	for (size_t i = 0; i < k; i++) {
		const struct indicator_conf *ind = ev[order[i]].ind;

		if (digest_chapter_starts(ev, order, k, p, i))
			fprintf(f, zh ? "【%s】\n\n" : "[%s]\n\n",
			    digest_chapter(ind, locale));
		item_text(f, &ev[order[i]], zh, locale);
	}
}

void
digest_lead(const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, char *buf, size_t len)
{
	bool zh = is_zh(fr->locale);
	char counts[200], date[32] = "", asof[64] = "";

	counts_text(ev, n, zh, counts, sizeof(counts));
	if (fr->asof > 0) {
		tz_date(fr->tz, fr->asof, date, sizeof(date));
		snprintf(
		    asof, sizeof(asof), zh ? "截至 %s，" : "as of %s, ", date);
	}
	/* The plan first: one sentence a leader reads without context. */
	if (fr->plan != NULL)
		snprintf(buf, len, zh ? "《%s》：%s%s。" : "%s: %s%s.",
		    fr->plan, asof, counts);
	else
		snprintf(buf, len, "%s%s%s%s",
		    zh ? "本次评估：" : "This evaluation: ", asof, counts,
		    zh ? "。" : ".");
}

void
digest_staff_ids(
    const struct alert_event *ev, size_t n, const char *locale, FILE *f)
{
	bool zh = is_zh(locale);
	char sentence[1024];

	fputs(zh ? "供工作人员参考（指标/目标编号与判断依据）：\n"
		 : "For staff (indicator/target ids and how each was "
		   "judged):\n",
	    f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "  %s: %s/%s\n", indicator_name(ev[i].ind, locale),
		    ev[i].ind->id, ev[i].target->id);
		if (ev[i].new_status == STATUS_FEED_ERROR)
			continue;
		explain_judgement(ev[i].ind, ev[i].target, &ev[i].j, locale,
		    sentence, sizeof(sentence));
		fprintf(f, "    %s\n", sentence);
	}
}

int
digest_compose(const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, char **subject, char **body)
{
	const char *locale = fr->locale;
	bool zh = is_zh(locale);
	char subj[1024];
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
	if (fr->dashboard_url != NULL && *fr->dashboard_url)
		fprintf(f, "%s%s/\n\n",
		    zh ? "规划监测仪表盘：" : "Dashboard: ", fr->dashboard_url);
	/* Ids and method are for the office's staff, below the signature
	 * line. */
	fputs("-- \n", f);
	digest_staff_ids(ev, n, locale, f);
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
