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
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "fsutil.h"
#include "hex.h"
#include "journal.h"

#define HEADER_KEY "planwatch_journal"
/* The end of a record: ,"crc":"xxxxxxxx"} (8 lowercase hex digits). */
#define CRC_MEMBER ",\"crc\":\""
#define CRC_TAIL_LEN 18

void
journal_path(const char *dir, const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s.journal", dir, id);
}

/* ---- records ------------------------------------------------------ */

static unsigned long
record_crc(const char *s, size_t len)
{
	/* len is at most JOURNAL_RECORD_MAX: it fits zlib's uInt. */
	return crc32(crc32(0L, Z_NULL, 0), (const Bytef *)s, (uInt)len);
}

/* A checksum as its 8 hex digits, most significant first. */
static int
record_crc_text(unsigned long crc, char *hex, size_t hexlen)
{
	unsigned char b[4] = {(unsigned char)(crc >> 24),
	    (unsigned char)(crc >> 16), (unsigned char)(crc >> 8),
	    (unsigned char)crc};

	return hex_encode(b, sizeof(b), hex, hexlen);
}

/* Reads the checksum member that ends a record into *crc. */
static bool
record_crc_member(const char *line, size_t len, unsigned long *crc)
{
	unsigned char b[4];

	*crc = 0;
	if (len <= CRC_TAIL_LEN ||
	    memcmp(line + len - CRC_TAIL_LEN, CRC_MEMBER, 8) != 0 ||
	    memcmp(line + len - 2, "\"}", 2) != 0 ||
	    hex_decode(line + len - 10, 8, b, sizeof(b)) != 0)
		return false;
	for (size_t i = 0; i < sizeof(b); i++)
		*crc = *crc << 8 | b[i];
	return true;
}

/* Whether line (no newline) is a whole version 2 record; why if not. */
static int
record_check(const char *line, size_t len, char *why, size_t whylen)
{
	unsigned long want;

	if (len > JOURNAL_RECORD_MAX) {
		snprintf(why, whylen, "record longer than %d bytes",
		    JOURNAL_RECORD_MAX);
		return -1;
	}
	if (!record_crc_member(line, len, &want)) {
		snprintf(why, whylen, "no checksum");
		return -1;
	}
	if (record_crc(line, len - CRC_TAIL_LEN) != want) {
		snprintf(why, whylen, "checksum mismatch");
		return -1;
	}
	return 0;
}

static json_t *
entry_json(const struct journal_entry *e)
{
	char period[PERIOD_TEXT_MAX];
	json_t *o;

	period_format(&e->period, period, sizeof(period));
	o = json_pack("{s:s, s:f, s:I, s:s}", "period", period, "value",
	    e->value, "fetched", (json_int_t)e->fetched, "collector",
	    e->collector ? e->collector : "");
	if (o != NULL && e->has_replaced)
		json_object_set_new(o, "replaced", json_real(e->replaced));
	return o;
}

/* Writes e as one record line to mem; -1 when it cannot be formatted. */
static int
record_write(FILE *mem, const struct journal_entry *e)
{
	int prec = obs_shortest_precision(e->value);
	char crc[9];
	json_t *o;
	char *text;
	size_t len;
	int rc = -1;

	if (e->has_replaced && obs_shortest_precision(e->replaced) > prec)
		prec = obs_shortest_precision(e->replaced);
	if ((o = entry_json(e)) == NULL)
		return -1;
	text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(prec));
	json_decref(o);
	if (text == NULL)
		return -1;
	/* Without its closing brace, the text is what the checksum covers. */
	len = strlen(text) - 1;
	if (len + CRC_TAIL_LEN <= JOURNAL_RECORD_MAX &&
	    record_crc_text(record_crc(text, len), crc, sizeof(crc)) == 0 &&
	    fprintf(mem, "%.*s" CRC_MEMBER "%s\"}\n", (int)len, text, crc) > 0)
		rc = 0;
	free(text);
	return rc;
}

static int
records_write(FILE *mem, const char *path, const struct journal_entry *e,
    size_t n, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++)
		if (record_write(mem, &e[i]) != 0) {
			snprintf(err, errlen, "%s: cannot format entry", path);
			return -1;
		}
	return 0;
}

/*
 * Formats the header (when header) and the entries into a new *buf; -1
 * with err when one cannot be formatted (NaN, a collector that is not
 * UTF-8), and then nothing is to be written.
 */
static int
records_text(const char *path, bool header, const struct journal_entry *e,
    size_t n, char **buf, size_t *len, char *err, size_t errlen)
{
	FILE *mem;
	int rc;

	*buf = NULL;
	if ((mem = open_memstream(buf, len)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (header)
		fprintf(mem, "{\"%s\":%d}\n", HEADER_KEY, JOURNAL_VERSION);
	rc = records_write(mem, path, e, n, err, errlen);
	if (fclose(mem) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc != 0) {
		free(*buf);
		*buf = NULL;
	}
	return rc;
}

/* ---- reading ------------------------------------------------------ */

/*
 * Fills e from a record object; e->collector points into o.  freq
 * FREQ_COUNT takes any frequency.
 */
static int
entry_from_json(json_t *o, enum freq freq, struct journal_entry *e, char *why,
    size_t whylen)
{
	const char *ptext = json_string_value(json_object_get(o, "period"));
	json_t *v = json_object_get(o, "value");
	json_t *old = json_object_get(o, "replaced");
	json_t *fetched = json_object_get(o, "fetched");

	memset(e, 0, sizeof(*e));
	if (ptext == NULL || !json_is_number(v)) {
		snprintf(why, whylen, "needs a \"period\" and a \"value\"");
		return -1;
	}
	if (period_parse(ptext, &e->period, why, whylen) != 0)
		return -1;
	if (freq != FREQ_COUNT && e->period.freq != freq) {
		snprintf(
		    why, whylen, "period %s is not %s", ptext, freq_name(freq));
		return -1;
	}
	e->value = json_number_value(v);
	e->has_replaced = json_is_number(old);
	e->replaced = e->has_replaced ? json_number_value(old) : 0;
	e->fetched =
	    json_is_integer(fetched) ? (time_t)json_integer_value(fetched) : 0;
	e->collector = json_string_value(json_object_get(o, "collector"));
	return 0;
}

/*
 * The version a first line announces: 1 when it is no header (a version
 * 1 journal starts with a record, o may be NULL), else its version; -1
 * with why for a header of another version.
 */
static int
header_version(json_t *o, char *why, size_t whylen)
{
	json_t *v = json_object_get(o, HEADER_KEY);

	if (v == NULL)
		return 1;
	if (!json_is_integer(v)) {
		snprintf(why, whylen, "bad journal header");
		return -1;
	}
	if (json_integer_value(v) != JOURNAL_VERSION) {
		snprintf(why, whylen,
		    "unsupported journal version %" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return -1;
	}
	return JOURNAL_VERSION;
}

/*
 * Adds one record's value.  Revisions repeat periods, so a full list is
 * first folded to one value per period; only a journal with more distinct
 * periods than a list holds is refused.
 */
static int
add_current(struct obs_list *current, const struct period *p, double value,
    char *why, size_t whylen)
{
	if (obs_list_add(current, p, value) == 0)
		return 0;
	obs_list_sort(current);
	if (obs_list_add(current, p, value) == 0)
		return 0;
	snprintf(why, whylen, "more than %d periods", OBS_LIST_MAX);
	return -1;
}

/*
 * A pass over a journal's text: each good record goes to visit (e and its
 * collector borrowed for the call), counts go to st.
 */
struct scan {
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

/*
 * One complete line.  Line 1 may be the header.  In version 2 a record
 * failing its checksum is torn when it is the last line, damage anywhere
 * else.  Version 1 records have no checksum: every bad one is damage.
 */
static int
scan_line(struct scan *s, const char *line, size_t len, bool last, char *why,
    size_t whylen)
{
	struct journal_entry e;
	json_error_t jerr;
	json_t *o;
	int rc = -1;

	if (s->st.version == 2 && record_check(line, len, why, whylen) != 0) {
		s->st.torn = last;
		return last ? 0 : -1;
	}
	if (len > JOURNAL_RECORD_MAX) {
		snprintf(why, whylen, "line longer than %d bytes",
		    JOURNAL_RECORD_MAX);
		return -1;
	}
	if ((o = json_loadb(line, len, 0, &jerr)) == NULL) {
		snprintf(why, whylen, "not JSON: %s", jerr.text);
		return -1;
	}
	if (s->lineno == 1) {
		int v = header_version(o, why, whylen);

		s->st.version = v < 0 ? 0 : v;
		if (v != 1) {
			json_decref(o);
			s->fatal = v < 0;
			return v < 0 ? -1 : 0;
		}
	}
	if (entry_from_json(o, s->freq, &e, why, whylen) == 0) {
		if (s->visit(s->arg, &e, why, whylen) == 0) {
			s->st.records++;
			s->st.revisions += e.has_replaced;
			rc = 0;
		} else {
			s->fatal = true;
		}
	}
	json_decref(o);
	return rc;
}

/* Replaces control bytes (a hostile file's, in a reason) with '?'. */
static void
text_sanitize(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

/* Lists a damaged line (the first JOURNAL_DAMAGE_LISTED) and counts it. */
static void
damage_add(struct journal_damage *d, size_t line, const char *why)
{
	if (d->nlisted < JOURNAL_DAMAGE_LISTED) {
		d->listed[d->nlisted].line = line;
		snprintf(d->listed[d->nlisted].why,
		    sizeof(d->listed[d->nlisted].why), "%s", why);
		d->nlisted++;
	}
	d->bad++;
}

/* Whether any line of buf ends in a checksum member. */
static bool
text_has_checksums(const char *buf, size_t len)
{
	const char *line, *end = buf + len, *nl;
	unsigned long crc;

	for (line = buf; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		if (record_crc_member(line, (size_t)(nl - line), &crc))
			return true;
	}
	return false;
}

/*
 * Salvaging past a damaged first line, the header or a version 1 record:
 * the journal is version 2 when any of its lines ends in a checksum, so
 * that records are never taken unchecked from a version 2 file.
 */
static void
version_after_bad_first_line(struct scan *s, const char *buf, size_t len)
{
	if (s->lineno == 1 && s->st.version == 0)
		s->st.version = text_has_checksums(buf, len) ? 2 : 1;
}

/*
 * A bad line: the scan fails with "path:line: why", or, salvaging, the
 * line is listed and the scan goes on (0).
 */
static int
scan_bad_line(struct scan *s, const char *buf, size_t len, char *why, char *err,
    size_t errlen)
{
	text_sanitize(why);
	if (s->damage == NULL || s->fatal) {
		snprintf(err, errlen, "%s:%zu: %s", s->path, s->lineno, why);
		return -1;
	}
	damage_add(s->damage, s->lineno, why);
	version_after_bad_first_line(s, buf, len);
	return 0;
}

static long
scan_text(struct scan *s, const char *buf, size_t len, char *err, size_t errlen)
{
	const char *line, *end = buf + len, *nl;
	char why[256];

	s->st.bytes = len;
	for (line = buf; line < end; line = nl + 1) {
		s->lineno++;
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL) {
			s->st.torn = 1; /* the append never ended */
			break;
		}
		if (scan_line(s, line, (size_t)(nl - line), nl + 1 == end, why,
			sizeof(why)) != 0 &&
		    scan_bad_line(s, buf, len, why, err, errlen) != 0)
			return -1;
	}
	if (s->damage != NULL) {
		s->damage->version = s->st.version;
		s->damage->lines = s->lineno;
		s->damage->good = s->st.records;
		s->damage->torn_line = s->st.torn ? s->lineno : 0;
	}
	return (long)s->st.records;
}

/* Scans the file s->path; a missing file is an empty journal. */
static long
scan_file(struct scan *s, char *err, size_t errlen)
{
	char *buf;
	size_t len;
	long n;

	if (fsutil_read_own(
		s->path, JOURNAL_MAX_BYTES, &buf, &len, err, errlen) != 0)
		return errno == ENOENT ? 0 : -1;
	n = scan_text(s, buf, len, err, errlen);
	free(buf);
	return n;
}

/* ---- loading ------------------------------------------------------ */

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

static int
load_visit(void *arg, const struct journal_entry *e, char *why, size_t whylen)
{
	struct load *l = arg;
	int later;

	if (l->known != NULL && (later = load_known(l, e, why, whylen)) != 0)
		return later < 0 ? -1 : 0;
	if (add_current(l->current, &e->period, e->value, why, whylen) != 0)
		return -1;
	if (l->kinds != NULL &&
	    add_current(l->kinds, &e->period, e->has_replaced, why, whylen) !=
		0)
		return -1;
	if (l->revs != NULL && e->has_replaced &&
	    obs_revisions_add(l->revs, &e->period, e->replaced, e->value,
		e->fetched, e->collector) != 0) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	return 0;
}

/*
 * Compaction keeps every revision and the last record of each period, so
 * the redundant records are those that are no revision less one per
 * period whose last record is no revision.  kinds holds, per period, 1
 * when its last record is a revision, else 0.
 */
static size_t
count_redundant(const struct journal_stats *st, struct obs_list *kinds)
{
	size_t latest_plain = 0;

	obs_list_sort(kinds);
	for (size_t i = 0; i < kinds->n; i++)
		latest_plain += kinds->v[i].value == 0;
	return st->records - st->revisions - latest_plain;
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
	struct scan s = {
	    .path = path, .freq = freq, .visit = load_visit, .arg = &l};
	long n = scan_file(&s, err, errlen);

	if (n >= 0) {
		obs_list_sort(current);
		if (st != NULL)
			s.st.redundant = count_redundant(&s.st, &kinds);
	}
	if (st != NULL)
		*st = s.st;
	obs_list_clear(&kinds);
	return n;
}

long
journal_load_revisions(const char *path, enum freq freq,
    struct obs_list *current, struct obs_revisions *revs, int *torn, char *err,
    size_t errlen)
{
	struct load l = {.current = current, .revs = revs};
	struct scan s = {
	    .path = path, .freq = freq, .visit = load_visit, .arg = &l};
	long n = scan_file(&s, err, errlen);

	if (n >= 0)
		obs_list_sort(current);
	if (torn)
		*torn = s.st.torn;
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
	struct scan s = {.path = path,
	    .freq = freq,
	    .visit = load_visit,
	    .arg = &l,
	    .damage = d};
	long n;

	memset(d, 0, sizeof(*d));
	if ((n = scan_file(&s, err, errlen)) >= 0)
		obs_list_sort(current);
	return n;
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
	struct scan s = {.path = path,
	    .freq = freq,
	    .visit = load_visit,
	    .arg = &l,
	    .damage = d};
	long n;

	k->first = 0;
	if (d != NULL)
		memset(d, 0, sizeof(*d));
	if ((n = scan_file(&s, err, errlen)) >= 0) {
		obs_list_sort(current);
		known_prune(k, current);
	}
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
	json_t *o;
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
	o = json_loadb(head, (size_t)(nl - head), 0, NULL);
	t->version = header_version(o, why, sizeof(why));
	json_decref(o);
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
	struct scan s = {
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
	fprintf(mem, "{\"%s\":%d}\n", HEADER_KEY, JOURNAL_VERSION);
	if (scan_file(&s, err, errlen) >= 0 &&
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

/* ---- compaction --------------------------------------------------- */

/* Every record of a journal, owned: collectors are copies. */
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

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;

		if ((v = reallocarray(r->v, cap, sizeof(*v))) == NULL)
			goto oom;
		r->v = v;
		r->cap = cap;
	}
	v = &r->v[r->n];
	*v = *e;
	if (e->collector != NULL &&
	    (v->collector = strdup(e->collector)) == NULL)
		goto oom;
	r->n++;
	return 0;
oom:
	snprintf(why, whylen, "out of memory");
	return -1;
}

static void
records_free(struct records *r)
{
	for (size_t i = 0; i < r->n; i++)
		free((char *)r->v[i].collector);
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
 * revision, and the last record of each period (its current value).
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
		keep[i] = r->v[i].has_replaced;
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
			free((char *)r->v[i].collector);
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
	struct scan s = {
	    .path = path, .freq = freq, .visit = collect_visit, .arg = &r};
	char *buf = NULL;
	size_t len;
	int rc = -1;

	if (scan_file(&s, err, errlen) < 0)
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
	struct scan s = {.path = path,
	    .freq = freq,
	    .visit = collect_visit,
	    .arg = &r,
	    .damage = d};
	char *buf = NULL;
	size_t len;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	aside[0] = '\0';
	if (scan_file(&s, err, errlen) < 0)
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
