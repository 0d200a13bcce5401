/*
 * plan_report: the scheduled "state of the plan" message of a route, the
 * one leadership reads even when nothing went wrong: counts per status,
 * what changed since the last report, then every target grouped by plan
 * chapter, the worst first, each with its sentence, its owner and (HTML)
 * its sparkline.  Pure text building, plain and HTML alike.
 */
#ifndef PLANWATCH_PLAN_REPORT_H
#define PLANWATCH_PLAN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"
#include "target.h"

/* Sparklines a report carries inline (outbox.c takes 64 images). */
#define PLAN_REPORT_SPARKS_MAX 60

struct plan_report_in {
	const struct config *conf;
	const struct route_conf *route; /* its owners limit the report */
	/* Per indicator, ntargets judgements whose status is the pair's
	 * (feed_error where the feed failed). */
	const struct judgement *const *j;
	time_t slot; /* the report's scheduled time */
	time_t since; /* the previous report's, or 0 */
	/* The status of pair "id/target" at the previous report, or
	 * STATUS_COUNT when it had none. */
	enum status (*before)(const char *pair, void *arg);
	/* Whether indicator i has a sparkline to show. */
	bool (*has_spark)(size_t i, void *arg);
	void *arg;
};

/* What plan_report_compose writes; the caller frees with plan_report_free. */
struct plan_report {
	char *subject;
	char *text; /* UTF-8, LF line ends */
	char *html;
	size_t sparks[PLAN_REPORT_SPARKS_MAX]; /* indicators shown, in order */
	size_t nsparks;
};

/* Composes the report; -1 on ENOMEM (nothing to free then). */
int plan_report_compose(
    const struct plan_report_in *in, struct plan_report *out);
void plan_report_free(struct plan_report *out);
/* Writes the Content-ID of indicator id's sparkline. */
void plan_report_spark_cid(const char *id, char *buf, size_t len);

#endif
