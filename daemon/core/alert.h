/*
 * alert: decides what leadership is told.  The alert book remembers, per
 * (indicator, target) pair, the status last notified; a pair whose status
 * changes into a problem, or out of one, is an event.  The events of one
 * evaluation become one message per route, queued in the outbox together
 * with the new book in one worker job, so a restart neither repeats nor
 * forgets a notice.
 */
#ifndef PLANWATCH_ALERT_H
#define PLANWATCH_ALERT_H

#include <stddef.h>

#include "target.h"

struct core;
struct alert_book;

/*
 * Loads the book from path (at most max bytes); a missing file is an
 * empty book.  NULL with err when the file exists but is not a valid book.
 */
struct alert_book *alert_book_load(
    const char *path, size_t max, char *err, size_t errlen);
/* The cap on the book of n pairs (targets). */
size_t alert_book_max_bytes(size_t npairs);
/* Frees; NULL is a no-op. */
void alert_book_free(struct alert_book *b);
/* The status last notified for key ("gdp/reach"), or STATUS_COUNT. */
enum status alert_book_get(const struct alert_book *b, const char *key);
/*
 * Loads the reports book (state_dir/reports.json; alert_report.c); a
 * missing file is an empty book.  NULL with err when it is not valid.
 */
struct json_t *alert_reports_load(const char *path, char *err, size_t errlen);
/* Evaluates every pair now, queues the messages and delivers them. */
void alert_evaluate(struct core *core);

#endif
