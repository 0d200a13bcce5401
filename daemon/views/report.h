/*
 * report: the state of the plan for people: a text table (planwatch eval)
 * and a JSON document (planwatch eval --json), both with the roll-up per
 * plan chapter and owner first and every target after, worst first; as
 * of a date, what was left out is said first.  Pure: builds text and
 * JSON from a configuration and its judgements.
 */
#ifndef PLANWATCH_REPORT_H
#define PLANWATCH_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "asof.h"
#include "config.h"
#include "note.h"
#include "obs.h"
#include "target.h"

/* What the report is made of: per indicator its series and judgements. */
struct report_input {
	const struct config *conf;
	const struct obs_list *obs; /* conf->nindicators lists */
	const struct judgement *const *j; /* per indicator, ntargets each */
	time_t at; /* the time judged */
	/* A date judged as of (asof.h), with what it left out; NULL: now. */
	const struct asof *asof;
	/* Per indicator, the revisions not applied (as known at a date), or
	 * NULL. */
	const struct obs_revisions *later;
	/* Per indicator, every revision and change of mark journaled, or
	 * NULL: each observation of a series says whether it was revised. */
	const struct obs_revisions *revs;
	/* The reader's language ("zh-CN", "en": a page's ?lang=); NULL:
	 * the configuration's. */
	const char *locale;
	/* Per indicator, its notes (note.h; removed ones are not shown), or
	 * NULL: none. */
	const struct note_list *notes;
	/* plans: the plan reported (eval --plan, report --plan), whose
	 * targets the judgements count (report_plans_mark); NULL: the plan
	 * shown at the time judged (config_plans.h). */
	const struct plan_conf *plan;
};

/* The language in is shown in: in->locale, else the configuration's. */
const char *report_locale(const struct report_input *in);

/* The JSON document; NULL on ENOMEM.  Caller json_decref()s it. */
json_t *report_json(const struct report_input *in);
/*
 * One indicator of the document (as in "indicators"), with its whole
 * series under "series" when series is true.  NULL on ENOMEM.
 */
json_t *report_indicator_json(
    const struct report_input *in, size_t i, bool series);
/*
 * The data overdue beside j's status, {"period": "2024", "since":
 * "2025-10-01"}, or JSON null when nothing is overdue.
 */
json_t *report_overdue_json(const struct judgement *j);
/* Writes the text report in the configuration's locale; -1 on ENOMEM. */
int report_text(const struct report_input *in, FILE *out);

#endif
