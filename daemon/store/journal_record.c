/*
 * journal_record: the journal's record format (journal_record.h): a
 * record line written with its checksum and checked, the header, and a
 * journal's text scanned record by record, torn tails and damage told
 * apart (docs/journal.md; the rules are in journal.c's opening comment).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>

#include "fsutil.h"
#include "hex.h"
#include "journal_record.h"

#define HEADER_KEY "planwatch_journal"
/* The end of a record: ,"crc":"xxxxxxxx"} (8 lowercase hex digits). */
#define CRC_MEMBER ",\"crc\":\""
#define CRC_TAIL_LEN 18

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

int
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
	/* Unstated is no member: such records read as before marks. */
	if (o != NULL && e->mark != OBS_MARK_UNSTATED)
		json_object_set_new(
		    o, "mark", json_string(obs_mark_name(e->mark)));
	if (o != NULL && e->has_was)
		json_object_set_new(
		    o, "was", json_string(obs_mark_name(e->was)));
	/* Outside text: json_string refuses what is not UTF-8, and then the
	 * record cannot be formatted. */
	if (o != NULL && e->by != NULL &&
	    json_object_set_new(o, "by", json_string(e->by)) != 0)
		o = (json_decref(o), NULL);
	if (o != NULL && e->source != NULL &&
	    json_object_set_new(o, "source", json_string(e->source)) != 0)
		o = (json_decref(o), NULL);
	if (o != NULL && e->note != NULL &&
	    json_object_set_new(o, "note", json_string(e->note)) != 0)
		o = (json_decref(o), NULL);
	return o;
}

int
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

int
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

int
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
		record_header_write(mem);
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
 * The optional "mark" and "was" of a record, by name: missing, or a name
 * this version does not know, is unstated (a mark never fails a load).
 */
static void
entry_marks(json_t *o, struct journal_entry *e)
{
	json_t *m = json_object_get(o, "mark"), *w = json_object_get(o, "was");

	if (json_is_string(m))
		e->mark =
		    obs_mark_parse(json_string_value(m), json_string_length(m));
	if (json_is_string(w)) {
		e->was =
		    obs_mark_parse(json_string_value(w), json_string_length(w));
		e->has_was = e->was != e->mark;
	}
}

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
	entry_marks(o, e);
	/* Who entered it: optional; not a string is as if missing. */
	e->by = json_string_value(json_object_get(o, "by"));
	e->source = json_string_value(json_object_get(o, "source"));
	e->note = json_string_value(json_object_get(o, "note"));
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

int
record_header_version(const char *line, size_t len, char *why, size_t whylen)
{
	json_t *o = json_loadb(line, len, 0, NULL);
	int v = header_version(o, why, whylen);

	json_decref(o);
	return v;
}

void
record_header_write(FILE *mem)
{
	fprintf(mem, "{\"%s\":%d}\n", HEADER_KEY, JOURNAL_VERSION);
}

/*
 * One complete line.  Line 1 may be the header.  In version 2 a record
 * failing its checksum is torn when it is the last line, damage anywhere
 * else.  Version 1 records have no checksum: every bad one is damage.
 */
static int
scan_line(struct record_scan *s, const char *line, size_t len, bool last,
    char *why, size_t whylen)
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
			s->st.mark_changes += e.has_was && !e.has_replaced;
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
version_after_bad_first_line(struct record_scan *s, const char *buf, size_t len)
{
	if (s->lineno == 1 && s->st.version == 0)
		s->st.version = text_has_checksums(buf, len) ? 2 : 1;
}

/*
 * A bad line: the scan fails with "path:line: why", or, salvaging, the
 * line is listed and the scan goes on (0).
 */
static int
scan_bad_line(struct record_scan *s, const char *buf, size_t len, char *why,
    char *err, size_t errlen)
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
scan_text(struct record_scan *s, const char *buf, size_t len, char *err,
    size_t errlen)
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

long
record_scan(struct record_scan *s, char *err, size_t errlen)
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
