/*
 * feed: the feed formats planwatch reads, behind one interface, and the
 * selector that picks one indicator's series out of a document.  A
 * document is parsed once per fetch (load) and then read once per
 * indicator (select), so one collector feeding many indicators costs one
 * parse.  Every format is pure code over (buf, len): no I/O, fuzzable.
 */
#ifndef PLANWATCH_FEED_H
#define PLANWATCH_FEED_H

#include <stddef.h>

#include "obs.h"

/* One dimension of a series key: "REF_AREA" = "CN". */
struct feed_dim {
	char *key;
	char *value;
};

/*
 * Which series of a document belongs to an indicator.  The fields a
 * format reads are listed with it in collectors/feed.c.
 */
struct feed_selector {
	char *observations; /* json: JSON Pointer to the array */
	char *period; /* json: pointer; csv: column name or number */
	char *value; /* json: pointer; csv: column name or number */
	/* json: pointer; csv: column: the year of a period that names
	 * none ("1-11月"), or NULL */
	char *year;
	/* json: pointer to each value's mark (NULL: /status); csv: the
	 * column of the mark, or NULL for none (obs_mark_parse) */
	char *status;
	char delimiter; /* csv: field separator, default ',' */
	char thousands; /* csv: thousands separator, '\0' for none */
	struct feed_dim *series; /* dimensional formats: the series key */
	size_t nseries;
};

/* Called once per rejected observation with a message naming it. */
typedef void (*feed_reject_cb)(void *arg, const char *msg);

/* A parsed document; its layout is the format's own. */
struct feed_doc;

struct feed_format {
	const char *name;
	/* Parses buf; NULL with the reason in err. */
	struct feed_doc *(*load)(
	    const char *buf, size_t len, char *err, size_t errlen);
	/*
	 * Appends the selected observations of frequency freq to out,
	 * sorted.  A value that is not published (null, empty) is skipped;
	 * an observation that cannot be read is rejected: reject is called
	 * with a message naming it, reading goes on, and the function
	 * returns -1 at the end with out unchanged.  A selector that matches
	 * nothing returns -1 with err.
	 */
	int (*select)(const struct feed_doc *doc,
	    const struct feed_selector *sel, enum freq freq,
	    struct obs_list *out, feed_reject_cb reject, void *arg, char *err,
	    size_t errlen);
	void (*free)(struct feed_doc *doc);
	/* Checks a selector when the configuration is loaded. */
	int (*check)(const struct feed_selector *sel, char *err, size_t errlen);
	/*
	 * Paged answers (NULL for other formats): the page doc holds and
	 * the number of pages; merge appends another page's rows to doc.
	 * The fetcher asks for page N by adding page=N to the URL.
	 */
	int (*pages)(const struct feed_doc *doc, int *page, int *pages);
	int (*merge)(struct feed_doc *doc, const struct feed_doc *page,
	    char *err, size_t errlen);
};

/* load + select + free in one call, for one indicator. */
int feed_parse(const struct feed_format *f, const char *buf, size_t len,
    const struct feed_selector *sel, enum freq freq, struct obs_list *out,
    feed_reject_cb reject, void *arg, char *err, size_t errlen);
/*
 * The check of a series key shared by the dimensional formats: at least
 * one dimension (else the message none), each with a name and a code,
 * none named twice.
 */
int feed_series_check(const struct feed_selector *sel, const char *none,
    char *err, size_t errlen);
/*
 * -1 with "period P is F, the indicator is G" in why when p is not of
 * the indicator's frequency freq.
 */
int feed_freq_check(
    const struct period *p, enum freq freq, char *why, size_t whylen);
/* The value of dimension key in sel's series, or NULL. */
const char *feed_series_value(const struct feed_selector *sel, const char *key);

#endif
