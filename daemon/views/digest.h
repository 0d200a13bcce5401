/*
 * digest: the text of one alert message for one route: a subject with the
 * counts and a plain text body listing new problems and recoveries, each
 * with the numbers of its judgement.  Pure text building.
 */
#ifndef PLANWATCH_DIGEST_H
#define PLANWATCH_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "config.h"
#include "target.h"

/*
 * One status change of an (indicator, target) pair, or a notice that its
 * data is overdue (its status unchanged).
 */
struct alert_event {
	const struct indicator_conf *ind;
	const struct target_conf *target;
	bool charted; /* target is the one ind's chart draws
			 (evaluate_charted) */
	enum status old_status; /* STATUS_COUNT when there was none */
	enum status new_status;
	enum severity severity;
	bool resolved; /* the pair left a problem status */
	bool repeat; /* still critical, told again (repeat_interval) */
	bool overdue_notice; /* data overdue (j.overdue), status unchanged */
	time_t prior_sent; /* when the pair was last sent before, or 0 */
	struct judgement j;
	const char *feed_err; /* why, for feed_error; may be NULL */
	/* For feed_error, what failed, told in words before feed_err. */
	const struct collector_conf *coll; /* its collector, or NULL */
	unsigned failures; /* the collector's failed transfers in a row */
	long http_status; /* the last answer's HTTP status, or 0 */
	bool journal_damaged; /* the indicator's journal failed, not a feed */
};

/*
 * What a route receives of e (enum route_receives bits): a feed failing
 * and its recovery are operations; every other change is a decision.  A
 * feed_error that becomes another problem is both: operators learn the
 * feed is back, leadership learns the target's status.
 */
unsigned digest_receives(const struct alert_event *e);

/*
 * Writes what failed, in words, for a feed_error event ("数据源 gdp_feed
 * （stats.example）连续 3 次获取失败（HTTP 503）"); the raw reason
 * (e->feed_err) is shown below it as a detail, never in its place.
 */
void digest_fault(const struct alert_event *e, bool zh, char *buf, size_t len);

/*
 * The label of e's new status (old: its old status) in locale, in its
 * target's vocabulary; a final verdict of met reads "完成".
 */
const char *digest_status_label(
    const struct alert_event *e, bool old, const char *locale);

/*
 * What frames a digest: its locale, the plan's name that its first
 * sentence begins with (NULL: "本次评估" / "This evaluation"), the date it
 * is as of, and the dashboard it links to.  A message's identity (its
 * Message-ID) is composed with asof 0, no date: a message composed again
 * after a crash, on another day, must be the same message.
 */
struct digest_frame {
	const char *locale;
	const char *plan;
	time_t asof; /* when judged; 0: no date */
	const struct tz *tz; /* asof's zone, NULL: UTC */
	const char *dashboard_url; /* or NULL */
};

/*
 * Writes a new subject ("[planwatch] 17 项目标需关注（严重 15 项、警告 2
 * 项）") and body for events into *subject and *body (caller frees).  -1
 * on ENOMEM.
 */
int digest_compose(const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, char **subject, char **body);

/*
 * The digest's first line: the plan, the date, how many targets need
 * attention by severity, faults, overdue data and recoveries
 * ("《…纲要》：截至 2026-12-07，3 项目标需关注（严重 2 项、警告 1 项）；1
 * 项已恢复。").
 */
void digest_lead(const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, char *buf, size_t len);

/*
 * The ids of every item ("name: indicator/target") and the judgement's
 * whole sentence (its method: progress ratio, tolerance), for the footer
 * that is for staff, with its heading.
 */
void digest_staff_ids(
    const struct alert_event *ev, size_t n, const char *locale, FILE *f);
/* The latest value against the target ("最新：2.5 %（2023）；目标：每年增长
 * 不低于 8%"). */
void digest_versus(
    const struct alert_event *e, const char *locale, char *buf, size_t len);
/* Who answers and when the next figure is due ("责任单位：区统计局；下一期：
 * 2024 年数据应于 2025-10-01 前发布，已逾期"), or "". */
void digest_who_when(
    const struct alert_event *e, const char *locale, char *buf, size_t len);
/* The chapter of ind as a digest heads it ("其他" / "Other": none). */
const char *digest_chapter(
    const struct indicator_conf *ind, const char *locale);

/* The parts of a digest, in the order it shows them. */
enum digest_part {
	DIGEST_NEW, /* decisions: new and changed problems, by chapter */
	DIGEST_FAULT, /* operations: feeds failing, journals damaged */
	DIGEST_OVERDUE, /* news: data overdue (status unchanged) */
	DIGEST_REMINDER, /* still critical, told again */
	DIGEST_RESOLVED, /* improved: left a problem status */
	DIGEST_PARTS,
};

/*
 * Whether item i of a part's order (k items) starts a chapter that gets
 * a heading: decisions only, and only when some item has a chapter.
 */
bool digest_chapter_starts(const struct alert_event *ev, const size_t *order,
    size_t k, enum digest_part p, size_t i);

/*
 * Writes into order (room for n) the indexes of the events of part p,
 * worst status first (DIGEST_NEW: chapter by chapter, the chapter of
 * the worst first); returns how many.
 */
size_t digest_part_items(
    const struct alert_event *ev, size_t n, enum digest_part p, size_t *order);
/* The heading of part p ("新出现的问题：" / "New problems:"). */
const char *digest_part_title(enum digest_part p, bool zh);

/* Charts a message carries inline (outbox.c takes 64 images). */
#define DIGEST_CHARTS_MAX 24

/* The indicators whose charts an HTML digest shows, in its order. */
struct digest_charts {
	/* Set by the caller: whether ind has a chart (data to draw). */
	bool (*available)(const struct indicator_conf *ind, void *arg);
	void *arg;
	const char *ids[DIGEST_CHARTS_MAX];
	size_t n;
};

/* Writes the Content-ID of indicator id's chart ("chart.gdp@planwatch"). */
void digest_chart_cid(const char *id, char *buf, size_t len);
/*
 * Writes the HTML version of digest_compose's body into *html (caller
 * frees): the same items, each with its figures and, for the first
 * DIGEST_CHARTS_MAX indicators, its chart as <img src="cid:...">, listed
 * in *charts (NULL: no charts).  dashboard_url (may be NULL) links each
 * indicator's page. -1 on ENOMEM.
 */
int digest_compose_html(const struct alert_event *ev, size_t n,
    const struct digest_frame *fr, const char *dashboard_url,
    struct digest_charts *charts, char **html);

/* What a message says of itself, for digest_json. */
struct digest_head {
	const char *message_id;
	const char *subject;
	const char *body; /* the plain text digest */
	char *const *to;
	size_t nto;
	char *const *cc;
	size_t ncc;
};

/*
 * The webhook's JSON document of the message: its head and one object per
 * event, in the digest's order (see digest_json.c).  Caller frees; NULL on
 * ENOMEM.
 */
char *digest_json(const struct alert_event *ev, size_t n, const char *locale,
    const struct digest_head *h);

#endif
