/*
 * marks: what a reader is told of each value: the feed's mark (published,
 * illustrative, estimated, provisional), the indicator's figures: when the
 * feed says none, and "revised" when the journal holds an earlier value of
 * its period, with that history; who entered a value by hand (planwatch
 * set), when, from what source, and their note.  One wording for the indicator
 * page's table, the JSON API and the CSV download.
 */
#ifndef PLANWATCH_MARKS_H
#define PLANWATCH_MARKS_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "config.h"
#include "obs.h"

/*
 * The mark shown for o: its own, else what the indicator's figures say
 * of all its values (published or illustrative), else unstated.
 */
enum obs_mark marks_shown(const struct indicator_conf *ic, const struct obs *o);
/* Whether revs (may be NULL) holds a new value of period p. */
bool marks_revised(const struct obs_revisions *revs, const struct period *p);
/* A mark in words: 公布, 示例, 估计, 初步 (zh) or English; "" unstated. */
const char *marks_word(enum obs_mark m, bool zh);
/*
 * The table cell of o's mark: the word, 修订 / revised when its value
 * changed, and the period's history (earlier values and marks, when
 * journaled, in local time) inside a <details>, no script needed.
 */
void marks_cell(FILE *out, const struct indicator_conf *ic, const struct obs *o,
    const struct obs_revisions *revs, const struct tz *tz, bool zh);
/*
 * o's "mark" (obs_mark_name of marks_shown), "entered" ({by, at, source,
 * note}) when a person entered it, and, when its period changed,
 * "revised" and "revisions" (oldest first: old and new value and mark,
 * fetched in UTC, collector), set on the observation's object obj.
 */
int marks_json(json_t *obj, const struct indicator_conf *ic,
    const struct obs *o, const struct obs_revisions *revs);

#endif
