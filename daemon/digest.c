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

static void
subject_text(
    const struct alert_event *ev, size_t n, bool zh, char *buf, size_t len)
{
	size_t problems = 0, resolved = 0;

	for (size_t i = 0; i < n; i++) {
		if (ev[i].repeat)
			continue;
		if (ev[i].resolved)
			resolved++;
		else
			problems++;
	}
	if (zh && resolved == 0)
		snprintf(buf, len, "[planwatch] %zu 项指标偏离目标", problems);
	else if (zh && problems == 0)
		snprintf(buf, len, "[planwatch] %zu 项指标恢复", resolved);
	else if (zh)
		snprintf(buf, len, "[planwatch] %zu 项指标偏离目标, %zu 项恢复",
		    problems, resolved);
	else
		snprintf(buf, len,
		    "[planwatch] %zu indicator(s) off target, %zu recovered",
		    problems, resolved);
}

static void
item_text(FILE *f, const struct alert_event *e, bool zh, const char *locale)
{
	char sentence[1024];

	fprintf(f, "* %s (%s/%s)\n", e->ind->name, e->ind->id, e->target->id);
	if (e->repeat)
		fprintf(f, "  %s: %s\n", zh ? "状态" : "status",
		    explain_status(e->new_status, locale));
	else
		fprintf(f, "  %s: %s -> %s\n", zh ? "状态" : "status",
		    e->old_status < STATUS_COUNT
			? explain_status(e->old_status, locale)
			: "-",
		    explain_status(e->new_status, locale));
	if (e->new_status == STATUS_FEED_ERROR && e->feed_err != NULL)
		fprintf(f, "  %s: %s\n", zh ? "原因" : "reason", e->feed_err);
	explain_judgement(
	    e->ind, e->target, &e->j, locale, sentence, sizeof(sentence));
	fprintf(f, "  %s\n", sentence);
	if (e->ind->owner != NULL)
		fprintf(
		    f, "  %s: %s\n", zh ? "责任单位" : "owner", e->ind->owner);
	fputc('\n', f);
}

size_t
digest_part_items(
    const struct alert_event *ev, size_t n, enum digest_part p, size_t *order)
{
	bool resolved = p == DIGEST_RESOLVED, repeat = p == DIGEST_REMINDER;
	size_t k = 0;

	/* Worst status first: the enum is ordered worst first. */
	for (int s = 0; s < STATUS_COUNT; s++)
		for (size_t i = 0; i < n; i++)
			if (ev[i].resolved == resolved &&
			    ev[i].repeat == repeat &&
			    (int)ev[i].new_status == s)
				order[k++] = i;
	return k;
}

const char *
digest_part_title(enum digest_part p, bool zh)
{
	static const char *const titles[DIGEST_PARTS][2] = {
	    [DIGEST_NEW] = {"新出现的问题：", "New problems:"},
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
