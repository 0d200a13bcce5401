/*
 * journal: JSON Lines through jansson, format version 2 (docs/journal.md).
 * A record is the compact JSON object of an entry whose last member,
 * "crc", is the CRC-32 (zlib's) of every byte of the line before
 * ',"crc":'.  Values are written with the fewest digits that read back as
 * the same double, so every value is bit-exact and the file stays
 * readable.  A batch of entries is formatted into one buffer and written
 * with one append, so a crash leaves the whole batch or a torn tail: only
 * the last line can be torn, told by a missing newline or a failing
 * checksum; anywhere else a bad line is damage and the load fails.
 *
 * Torn bytes are cut off by the next append, not by the load: loads run
 * beside the writer (the web server, "planwatch revisions"), and one of
 * them would otherwise cut off an append in progress.  The appender is the
 * only writer, so whatever it finds past the last good record is dead.
 *
 * A salvaging scan (journal_salvage, journal_repair) lists each damaged
 * line and goes on past it, so that an indicator with a damaged record
 * still shows what is good, and a repair keeps every good record.  It
 * stops only for what is not damage: a header of another version, too
 * many periods, no memory.
 * Every open, read or write, goes through fsutil's own-file calls: a
 * journal that is a symbolic link is refused, never followed (a link
 * planted in data_dir would send a root-run import elsewhere).
 *
 * This file loads and appends.  The record format and the scan of a
 * journal's text are journal_record.c; compaction and repair, which
 * rewrite the whole file, are journal_compact.c.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "journal.h"
#include "journal_record.h"

void
journal_path(const char *dir, const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s.journal", dir, id);
}

/* ---- loading ------------------------------------------------------ */

/*
 * Adds one record's value.  Revisions repeat periods, so a full list is
 * first folded to one value per period; only a journal with more distinct
 * periods than a list holds is refused.
 */
static int
add_current(struct obs_list *current, const struct period *p, double value,
    enum obs_mark mark, char *why, size_t whylen)
{
	if (obs_list_add_mark(current, p, value, mark) == 0)
		return 0;
	obs_list_sort(current);
	if (obs_list_add_mark(current, p, value, mark) == 0)
		return 0;
	snprintf(why, whylen, "more than %d periods", OBS_LIST_MAX);
	return -1;
}

struct load {
	struct obs_list *current;
	struct obs_revisions *revs; /* may be NULL */
	struct obs_list *kinds; /* may be NULL; see count_redundant */
	struct journal_known *known; /* may be NULL: every record counts */
	bool seen; /* known: a record was read (known->first is set) */
};

/*
 * A load as known at a time: every record counts toward the earliest
 * arrival; one that arrived later is left out, and when it is a revision
 * it is kept in known->later (pruned to the periods known by then once
 * the load is done, known_prune).  1 when e is left out.
 */
static int
load_known(
    struct load *l, const struct journal_entry *e, char *why, size_t whylen)
{
	struct journal_known *k = l->known;

	if (!l->seen || e->fetched < k->first)
		k->first = e->fetched;
	l->seen = true;
	if (e->fetched <= k->at)
		return 0;
	if (e->has_replaced &&
	    obs_revisions_add(&k->later, &e->period, e->replaced, e->value,
		e->fetched, e->collector) != 0) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	return 1;
}

/*
 * A record that changed its period, to the revision log: a new value
 * (from "replaced") or a stated mark changed alone (from "was", the value
 * unchanged).  A value revision without "was" kept its mark.
 */
static int
revision_add(struct obs_revisions *revs, const struct journal_entry *e)
{
	if (!e->has_replaced && !e->has_was)
		return 0;
	if (obs_revisions_add(revs, &e->period,
		e->has_replaced ? e->replaced : e->value, e->value, e->fetched,
		e->collector) != 0)
		return -1;
	obs_revisions_mark(revs, e->has_was ? e->was : e->mark, e->mark);
	return 0;
}

int
journal_entered(struct obs_revisions *revs, const struct journal_entry *e)
{
	if (e->by == NULL) {
		obs_entered_unset(revs, &e->period);
		return 0;
	}
	return obs_entered_set(
	    revs, &e->period, e->fetched, e->by, e->source, e->note);
}

int
journal_revision_log(struct obs_revisions *revs, const struct journal_entry *e)
{
	if (revision_add(revs, e) != 0)
		return -1;
	return journal_entered(revs, e);
}

static int
load_visit(void *arg, const struct journal_entry *e, char *why, size_t whylen)
{
	struct load *l = arg;
	int later;

	if (l->known != NULL && (later = load_known(l, e, why, whylen)) != 0)
		return later < 0 ? -1 : 0;
	if (add_current(
		l->current, &e->period, e->value, e->mark, why, whylen) != 0)
		return -1;
	if (l->kinds != NULL &&
	    add_current(l->kinds, &e->period, e->has_replaced || e->has_was,
		OBS_MARK_UNSTATED, why, whylen) != 0)
		return -1;
	if (l->revs != NULL && journal_revision_log(l->revs, e) != 0) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	return 0;
}

/*
 * Compaction keeps every revision and change of mark and the last record
 * of each period, so the redundant records are those that are neither
 * less one per period whose last record is neither.  kinds holds, per
 * period, 1 when its last record is a revision or change of mark, else 0.
 */
static size_t
count_redundant(const struct journal_stats *st, struct obs_list *kinds)
{
	size_t latest_plain = 0;

	obs_list_sort(kinds);
	for (size_t i = 0; i < kinds->n; i++)
		latest_plain += kinds->v[i].value == 0;
	return st->records - st->revisions - st->mark_changes - latest_plain;
}

/*
 * Scans path into l, salvaging when d is not NULL, and sorts l->current
 * when the scan succeeded; the scan's counts go to st (when not NULL),
 * whatever the outcome.
 */
static long
load_file(const char *path, enum freq freq, struct load *l,
    struct journal_damage *d, struct journal_stats *st, char *err,
    size_t errlen)
{
	struct record_scan s = {.path = path,
	    .freq = freq,
	    .visit = load_visit,
	    .arg = l,
	    .damage = d};
	long n;

	if (d != NULL)
		memset(d, 0, sizeof(*d));
	if ((n = record_scan(&s, err, errlen)) >= 0)
		obs_list_sort(l->current);
	if (st != NULL)
		*st = s.st;
	return n;
}

long
journal_load_stats(const char *path, enum freq freq, struct obs_list *current,
    struct obs_revisions *revs, struct journal_stats *st, char *err,
    size_t errlen)
{
	struct obs_list kinds = {0};
	struct load l = {.current = current,
	    .revs = revs,
	    .kinds = st != NULL ? &kinds : NULL};
	long n = load_file(path, freq, &l, NULL, st, err, errlen);

	if (n >= 0 && st != NULL)
		st->redundant = count_redundant(st, &kinds);
	obs_list_clear(&kinds);
	return n;
}

long
journal_load_revisions(const char *path, enum freq freq,
    struct obs_list *current, struct obs_revisions *revs, int *torn, char *err,
    size_t errlen)
{
	struct load l = {.current = current, .revs = revs};
	struct journal_stats st;
	long n = load_file(path, freq, &l, NULL, &st, err, errlen);

	if (torn)
		*torn = st.torn;
	return n;
}

long
journal_load(const char *path, enum freq freq, struct obs_list *current,
    int *torn, char *err, size_t errlen)
{
	return journal_load_revisions(
	    path, freq, current, NULL, torn, err, errlen);
}

long
journal_salvage(const char *path, enum freq freq, struct obs_list *current,
    struct obs_revisions *revs, struct journal_damage *d, char *err,
    size_t errlen)
{
	struct load l = {.current = current, .revs = revs};

	return load_file(path, freq, &l, d, NULL, err, errlen);
}

/* Whether sorted (one frequency, in order) holds period p. */
static bool
sorted_has(const struct obs_list *sorted, const struct period *p)
{
	size_t lo = 0, hi = sorted->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = period_cmp(&sorted->v[mid].period, p);

		if (c == 0)
			return period_equal(&sorted->v[mid].period, p);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * The later revisions that matter: those of periods known by then.  A
 * period whose first value arrived later is absent, not revised.
 */
static void
known_prune(struct journal_known *k, const struct obs_list *current)
{
	size_t kept = 0;

	for (size_t i = 0; i < k->later.n; i++)
		if (sorted_has(current, &k->later.v[i].period))
			k->later.v[kept++] = k->later.v[i];
	k->later.n = kept;
}

long
journal_load_known(const char *path, enum freq freq, struct journal_known *k,
    struct obs_list *current, struct obs_revisions *revs,
    struct journal_damage *d, char *err, size_t errlen)
{
	struct load l = {.current = current, .revs = revs, .known = k};
	long n;

	k->first = 0;
	if ((n = load_file(path, freq, &l, d, NULL, err, errlen)) >= 0)
		known_prune(k, current);
	return n;
}

/* ---- appending ---------------------------------------------------- */

/* What the appender finds: the version, and where good records end. */
struct tail {
	int version; /* 0: nothing to keep (missing, empty, a torn line) */
	off_t size, head_end, good_end;
};

/* Reads len bytes at off; -1 with errno, EIO for a file cut short. */
static int
pread_full(int fd, void *buf, size_t len, off_t off)
{
	char *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = pread(fd, p, len, off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/*
 * The offset just past the last newline in [from, to) of fd, or from when
 * there is none.  Read backwards, so a long torn tail costs its length,
 * not the file's.
 */
static int
last_line_start(int fd, off_t from, off_t to, off_t *start)
{
	char chunk[8192];

	while (to > from) {
		size_t n = to - from < (off_t)sizeof(chunk)
		    ? (size_t)(to - from)
		    : sizeof(chunk);

		if (pread_full(fd, chunk, n, to - (off_t)n) != 0)
			return -1;
		for (size_t i = n; i > 0; i--)
			if (chunk[i - 1] == '\n') {
				*start = to - (off_t)n + (off_t)i;
				return 0;
			}
		to -= (off_t)n;
	}
	*start = from;
	return 0;
}

/* Whether the line [from, to) of fd is a whole version 2 record. */
static int
line_is_record(int fd, off_t from, off_t to, bool *ok)
{
	char buf[JOURNAL_RECORD_MAX], why[64];
	size_t len = (size_t)(to - from);

	*ok = false;
	if (len > JOURNAL_RECORD_MAX)
		return 0;
	if (pread_full(fd, buf, len, from) != 0)
		return -1;
	*ok = record_check(buf, len, why, sizeof(why)) == 0;
	return 0;
}

/* "path: read: reason" in err; -1. */
static int
read_error(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: read: %s", path, strerror(errno));
	return -1;
}

/*
 * The version from the first line, and where that line ends.  A file with
 * no newline at all is nothing but a torn line (version 0); one whose
 * first line is too long for a header is version 1, and its conversion
 * reports the bad line.
 */
static int
tail_version(int fd, const char *path, struct tail *t, char *err, size_t errlen)
{
	char head[JOURNAL_RECORD_MAX + 1], why[128];
	size_t n =
	    t->size < (off_t)sizeof(head) ? (size_t)t->size : sizeof(head);
	off_t start;
	char *nl;

	if (pread_full(fd, head, n, 0) != 0)
		return read_error(path, err, errlen);
	if ((nl = memchr(head, '\n', n)) == NULL) {
		if (last_line_start(fd, 0, t->size, &start) != 0)
			return read_error(path, err, errlen);
		t->version = start == 0 ? 0 : 1;
		return 0;
	}
	t->head_end = nl - head + 1;
	t->version =
	    record_header_version(head, (size_t)(nl - head), why, sizeof(why));
	if (t->version < 0) {
		snprintf(err, errlen, "%s:1: %s", path, why);
		return -1;
	}
	return 0;
}

/*
 * Where a version 2 journal's good records end, by the load's rule: an
 * unterminated last line is torn, and so is a last line failing its
 * checksum.  The record before an unterminated line is not the last one:
 * if it is bad the journal is damaged, and nothing is appended to it.
 */
static int
tail_good_end(
    int fd, const char *path, struct tail *t, char *err, size_t errlen)
{
	off_t start, prev;
	char last;
	bool ok;

	t->good_end = t->size;
	if (t->size == t->head_end)
		return 0;
	if (pread_full(fd, &last, 1, t->size - 1) != 0 ||
	    last_line_start(
		fd, t->head_end, t->size - (last == '\n'), &start) != 0)
		return read_error(path, err, errlen);
	if (last == '\n') {
		if (line_is_record(fd, start, t->size - 1, &ok) != 0)
			return read_error(path, err, errlen);
		t->good_end = ok ? t->size : start;
		return 0;
	}
	t->good_end = start;
	if (start == t->head_end)
		return 0;
	if (last_line_start(fd, t->head_end, start - 1, &prev) != 0 ||
	    line_is_record(fd, prev, start - 1, &ok) != 0)
		return read_error(path, err, errlen);
	if (!ok) {
		snprintf(err, errlen,
		    "%s: damaged record before a torn tail: not appending",
		    path);
		return -1;
	}
	return 0;
}

/* Finds what an append must keep of path; -1 with err. */
static int
tail_inspect(const char *path, struct tail *t, char *err, size_t errlen)
{
	struct stat st;
	int fd, rc = 0;

	memset(t, 0, sizeof(*t));
	if ((fd = fsutil_open_own(path, O_RDONLY, err, errlen)) == -1)
		/* A missing one: the append creates it, or says why not. */
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: fstat: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	t->size = st.st_size;
	if (t->size > 0)
		rc = tail_version(fd, path, t, err, errlen);
	if (rc == 0 && t->version == 2)
		rc = tail_good_end(fd, path, t, err, errlen);
	close(fd);
	return rc;
}

static int
convert_visit(
    void *arg, const struct journal_entry *e, char *why, size_t whylen)
{
	if (record_write(arg, e) == 0)
		return 0;
	snprintf(
	    why, whylen, "cannot be written as version %d", JOURNAL_VERSION);
	return -1;
}

/*
 * Rewrites a version 1 journal as version 2 with e at its end: its records
 * reformatted with checksums (each value still the shortest text of the
 * same double), a torn tail dropped, all in a new file renamed over the
 * old.  A bad record stops it, and the file stays as it was.  The records
 * are not checked against the indicator's frequency here: the load does.
 */
static int
convert_v1(const char *path, const struct journal_entry *e, size_t n, char *err,
    size_t errlen)
{
	struct record_scan s = {
	    .path = path, .freq = FREQ_COUNT, .visit = convert_visit};
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = -1;

	if ((mem = open_memstream(&buf, &len)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	s.arg = mem;
	record_header_write(mem);
	if (record_scan(&s, err, errlen) >= 0 &&
	    records_write(mem, path, e, n, err, errlen) == 0)
		rc = 0;
	if (fclose(mem) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		rc = fsutil_write_atomic(path, buf, len, err, errlen);
	free(buf);
	return rc;
}

/*
 * The entries are formatted before the file is touched, so a batch that
 * cannot be formatted leaves it as it was.  Torn bytes are cut off before
 * the append: a new record never follows them on their line.
 */
static int
journal_write(const char *path, const struct journal_entry *e, size_t n,
    bool sync, char *err, size_t errlen)
{
	struct tail t;
	char *buf;
	size_t len;
	int rc = 0;

	if (tail_inspect(path, &t, err, errlen) != 0)
		return -1;
	if (t.version == 1)
		return convert_v1(path, e, n, err, errlen);
	if (records_text(path, t.version == 0, e, n, &buf, &len, err, errlen) !=
	    0)
		return -1;
	if (t.good_end < t.size)
		rc = fsutil_truncate(path, t.good_end, err, errlen);
	if (rc == 0)
		rc = fsutil_append(path, buf, len, sync, err, errlen);
	free(buf);
	return rc;
}

int
journal_append(const char *path, const struct journal_entry *e, size_t n,
    char *err, size_t errlen)
{
	return journal_write(path, e, n, true, err, errlen);
}

int
journal_append_nosync(const char *path, const struct journal_entry *e, size_t n,
    char *err, size_t errlen)
{
	return journal_write(path, e, n, false, err, errlen);
}

int
journal_append_marked(const char *path, const struct journal_entry *e, size_t n,
    struct fsutil_mark *m, char *err, size_t errlen)
{
	char *buf;
	size_t len;
	int rc;

	if (!fsutil_mark_holds(path, m)) {
		rc = journal_write(path, e, n, false, err, errlen);
		if (rc == 0)
			fsutil_mark_take(path, m);
		else
			m->known = false;
		return rc;
	}
	/* The tail is what the last append left: whole records after a
	 * header, so no header and nothing to cut. */
	if (records_text(path, false, e, n, &buf, &len, err, errlen) != 0) {
		m->known = false;
		return -1;
	}
	rc = fsutil_append(path, buf, len, false, err, errlen);
	free(buf);
	if (rc == 0)
		m->size += (off_t)len;
	else
		m->known = false;
	return rc;
}
