/*
 * journal_record: the record format and the scan of a journal's text,
 * shared by journal.c (load, append) and journal_compact.c (compact,
 * repair).  Internal to the journal: other modules include journal.h.
 */
#ifndef PLANWATCH_JOURNAL_RECORD_H
#define PLANWATCH_JOURNAL_RECORD_H

#include <stdbool.h>
#include <stdio.h>

#include "journal.h"

/*
 * A pass over a journal's text: each good record goes to visit (e and its
 * collector borrowed for the call), counts go to st.
 */
struct record_scan {
	const char *path;
	enum freq freq; /* FREQ_COUNT: any (a conversion) */
	int (*visit)(
	    void *arg, const struct journal_entry *e, char *why, size_t whylen);
	void *arg;
	struct journal_stats st;
	size_t lineno;
	/* NULL: a bad line fails the scan.  Else (salvaging) it is listed
	 * here and the scan goes on past it. */
	struct journal_damage *damage;
	/* The last failure is not the line's own (a header of another
	 * version, too many periods, out of memory): salvaging stops too. */
	bool fatal;
};

/* Whether line (no newline) is a whole version 2 record; why if not. */
int record_check(const char *line, size_t len, char *why, size_t whylen);
/* Writes e as one record line to mem; -1 when it cannot be formatted. */
int record_write(FILE *mem, const struct journal_entry *e);
/* Writes the n entries of e to mem; -1 with "path: ..." in err. */
int records_write(FILE *mem, const char *path, const struct journal_entry *e,
    size_t n, char *err, size_t errlen);
/*
 * Formats the header (when header) and the entries into a new *buf; -1
 * with err when one cannot be formatted (NaN, a collector that is not
 * UTF-8), and then nothing is to be written.
 */
int records_text(const char *path, bool header, const struct journal_entry *e,
    size_t n, char **buf, size_t *len, char *err, size_t errlen);
/* Writes the header line of the version written. */
void record_header_write(FILE *mem);
/*
 * The version a first line announces: 1 when it is no header (a version
 * 1 journal starts with a record), else its version; -1 with why for a
 * header of another version.
 */
int record_header_version(
    const char *line, size_t len, char *why, size_t whylen);
/*
 * Scans the file s->path, each good record to s->visit; the number of
 * records, or -1 with err.  A missing file is an empty journal.
 */
long record_scan(struct record_scan *s, char *err, size_t errlen);

#endif
