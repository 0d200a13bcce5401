/*
 * json_feed: the generic JSON feed format.  The selector names, with JSON
 * Pointers (RFC 6901), the array of observations in the document and the
 * period and value inside each element:
 *
 *	{"data": [{"year": "2021", "value": 1030.11}, ...]}
 *	observations: /data   period: /year   value: /value
 *
 * Pure code over (buf, len): no I/O, so it is fuzzable and testable alone.
 */
#ifndef PLANWATCH_JSON_FEED_H
#define PLANWATCH_JSON_FEED_H

#include <stddef.h>

#include "feed.h"
#include "obs.h"

/* The format's entry in the table of collectors/feed.c. */
extern const struct feed_format json_feed_format;

/* Kept for the parser's tests: feed_parse with the json format. */
typedef feed_reject_cb json_feed_reject_cb;

/*
 * Parses buf and appends the selected observations of frequency freq to
 * out, sorted by period.  A null value is skipped as "not published".  A
 * value that is not a finite number (or a numeric string), a period that
 * does not parse or is of another frequency, is rejected: reject is called
 * with a message such as "element 3 (period 2022): value \"n/a\" is not a
 * number", parsing goes on, and the function returns -1 at the end.  A
 * document that is not JSON, or a selector that does not match, returns -1
 * with the reason in err.  On -1, out holds nothing new.
 */
int json_feed_parse(const char *buf, size_t len,
    const struct feed_selector *sel, enum freq freq, struct obs_list *out,
    json_feed_reject_cb reject, void *arg, char *err, size_t errlen);

#endif
