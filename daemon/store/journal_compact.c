/*
 * journal_compact: a journal rewritten whole (journal.h): compaction
 * drops the records that are neither a revision nor a period's current
 * value; a repair keeps every good record of a damaged journal and the
 * damaged file beside it.  Both build the new text first and rename it
 * over the old (fsutil_write_atomic), so a crash leaves one or the other.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "journal.h"
#include "journal_record.h"

/* ---- compaction --------------------------------------------------- */

/* Every record of a journal, owned: its texts are copies. */
struct records {
	struct journal_entry *v;
	size_t n, cap;
};

/* A record's period and place: the last place of a period is current. */
struct place {
	struct period period;
	size_t index;
};

static int
collect_visit(
    void *arg, const struct journal_entry *e, char *why, size_t whylen)
{
	struct records *r = arg;
	struct journal_entry *v;

	/* A record takes a line: a loadable journal has fewer records than
	 * bytes. */
	if (grow_array(&r->v, &r->cap, r->n + 1, sizeof(*r->v),
		JOURNAL_MAX_BYTES) != 0)
		goto oom;
	v = &r->v[r->n];
	*v = *e;
	v->collector = v->by = v->source = v->note = NULL;
	r->n++; /* from here records_free frees what was copied */
	if ((e->collector != NULL &&
		(v->collector = strdup(e->collector)) == NULL) ||
	    (e->by != NULL && (v->by = strdup(e->by)) == NULL) ||
	    (e->source != NULL && (v->source = strdup(e->source)) == NULL) ||
	    (e->note != NULL && (v->note = strdup(e->note)) == NULL))
		goto oom;
	return 0;
oom:
	snprintf(why, whylen, "out of memory");
	return -1;
}

static void
entry_texts_free(struct journal_entry *e)
{
	free((char *)e->collector);
	free((char *)e->by);
	free((char *)e->source);
	free((char *)e->note);
}

static void
records_free(struct records *r)
{
	for (size_t i = 0; i < r->n; i++)
		entry_texts_free(&r->v[i]);
	free(r->v);
}

static int
place_cmp(const void *a, const void *b)
{
	const struct place *x = a, *y = b;
	int c = period_cmp(&x->period, &y->period);

	if (c != 0)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

/*
 * Moves the records compaction keeps to the front, in their order: every
 * revision and change of mark, and the last record of each period (its current
 * value).
 */
static int
records_keep(struct records *r)
{
	struct place *p;
	bool *keep;
	size_t kept = 0;

	if (r->n == 0)
		return 0;
	p = reallocarray(NULL, r->n, sizeof(*p));
	keep = calloc(r->n, sizeof(*keep));
	if (p == NULL || keep == NULL) {
		free(p);
		free(keep);
		return -1;
	}
	for (size_t i = 0; i < r->n; i++) {
		p[i] = (struct place){r->v[i].period, i};
		/* Who entered a value is history too, once superseded. */
		keep[i] = r->v[i].has_replaced || r->v[i].has_was ||
		    r->v[i].by != NULL;
	}
	qsort(p, r->n, sizeof(*p), place_cmp);
	for (size_t i = 0; i < r->n; i++)
		if (i + 1 == r->n ||
		    !period_equal(&p[i].period, &p[i + 1].period))
			keep[p[i].index] = true;
	for (size_t i = 0; i < r->n; i++) {
		if (keep[i])
			r->v[kept++] = r->v[i];
		else
			entry_texts_free(&r->v[i]);
	}
	r->n = kept;
	free(p);
	free(keep);
	return 0;
}

int
journal_compact(const char *path, enum freq freq, char *err, size_t errlen)
{
	struct records r = {0};
	struct record_scan s = {
	    .path = path, .freq = freq, .visit = collect_visit, .arg = &r};
	char *buf = NULL;
	size_t len;
	int rc = -1;

	if (record_scan(&s, err, errlen) < 0)
		goto out;
	if (s.st.bytes == 0) { /* missing or empty: nothing to rewrite */
		rc = 0;
		goto out;
	}
	if (records_keep(&r) != 0) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	if (records_text(path, true, r.v, r.n, &buf, &len, err, errlen) == 0)
		rc = fsutil_write_atomic(path, buf, len, err, errlen);
out:
	free(buf);
	records_free(&r);
	return rc;
}

/* ---- repair ------------------------------------------------------- */

/*
 * Keeps the damaged journal as path.damaged.<YYYYmmddTHHMMSSZ> (at now):
 * a second name for the same file, so that path holds it until the new
 * journal is renamed over it, and a crash between the two loses nothing.
 */
static int
keep_damaged(const char *path, time_t now, char *aside, size_t asidelen,
    char *err, size_t errlen)
{
	char stamp[32];
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(aside, asidelen, "%s.damaged.%s", path, stamp);
	if (link(path, aside) != 0) {
		snprintf(err, errlen, "%s: cannot keep it as %s: %s", path,
		    aside, strerror(errno));
		aside[0] = '\0';
		return -1;
	}
	return 0;
}

int
journal_repair(const char *path, enum freq freq, time_t now,
    struct journal_damage *d, char *aside, size_t asidelen, char *err,
    size_t errlen)
{
	struct records r = {0};
	struct record_scan s = {.path = path,
	    .freq = freq,
	    .visit = collect_visit,
	    .arg = &r,
	    .damage = d};
	char *buf = NULL;
	size_t len;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	aside[0] = '\0';
	if (record_scan(&s, err, errlen) < 0)
		goto out;
	if (d->bad == 0) { /* nothing damaged: the file stays as it is */
		rc = 0;
		goto out;
	}
	/* The damaged file is never deleted, even when a step fails: it
	 * keeps its second name, and path holds it until the rename. */
	if (records_text(path, true, r.v, r.n, &buf, &len, err, errlen) == 0 &&
	    keep_damaged(path, now, aside, asidelen, err, errlen) == 0)
		rc = fsutil_write_atomic(path, buf, len, err, errlen);
out:
	free(buf);
	records_free(&r);
	return rc;
}

bool
journal_needs_compaction(const struct journal_stats *st)
{
	return st->bytes >= JOURNAL_COMPACT_MIN_BYTES && st->redundant > 0 &&
	    st->redundant * 4 >= st->records;
}
