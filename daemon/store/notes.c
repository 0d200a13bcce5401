/*
 * notes: reads and appends an indicator's notes file (notes.h), refusing a
 * hostile file line by line with "file:line: message" and never trusting a
 * length, a key or an id it holds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "fsutil.h"
#include "notes.h"

void
notes_path(const char *dir, const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s.notes", dir, id);
}

void
notes_time_format(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* "YYYY-MM-DDTHH:MM:SSZ" into *t; -1 for anything else. */
static int
time_parse(const char *s, time_t *t)
{
	struct tm tm = {0};
	char back[32];
	int n = 0;

	if (s == NULL || strlen(s) != 20 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
		&tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
	    n != 20 || tm.tm_year < 1970)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	/* timegm() takes 02-30 as 03-02: only a time written back alike. */
	notes_time_format(*t, back, sizeof(back));
	return strcmp(back, s) == 0 ? 0 : -1;
}

/* One period of frequency freq; -1 with why. */
static int
period_in(const char *text, enum freq freq, struct period *p, char *err,
    size_t errlen)
{
	struct period_context ctx = {.freq = freq, .year = 0};
	char why[200];

	if (period_parse_ctx(text, &ctx, p, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (p->freq != freq) {
		snprintf(err, errlen, "'%s' is %s, the indicator %s", text,
		    freq_name(p->freq), freq_name(freq));
		return -1;
	}
	return 0;
}

int
notes_span_parse(const char *text, enum freq freq, struct period *from,
    struct period *to, char *err, size_t errlen)
{
	const char *dots = strstr(text, "..");
	char first[64];

	if (dots == NULL)
		return period_in(text, freq, from, err, errlen) != 0
		    ? -1
		    : (*to = *from, 0);
	if ((size_t)(dots - text) >= sizeof(first)) {
		snprintf(err, errlen, "not a period: '%.40s...'", text);
		return -1;
	}
	memcpy(first, text, (size_t)(dots - text));
	first[dots - text] = '\0';
	if (period_in(first, freq, from, err, errlen) != 0 ||
	    period_in(dots + 2, freq, to, err, errlen) != 0)
		return -1;
	if (period_cmp(from, to) > 0) {
		snprintf(err, errlen, "'%s' ends before it starts", text);
		return -1;
	}
	return 0;
}

/* Keys each op takes, the op first; NULL-terminated. */
static const char *const add_keys[] = {
    "op", "nid", "from", "to", "text", "by", "at", NULL};
static const char *const remove_keys[] = {"op", "nid", "by", "at", NULL};

static int
keys_known(json_t *o, const char *const *keys, char *err, size_t errlen)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v)
	{
		size_t k = 0;

		while (keys[k] != NULL && strcmp(keys[k], key) != 0)
			k++;
		if (keys[k] == NULL) {
			snprintf(err, errlen, "unknown key '%.40s'", key);
			return -1;
		}
	}
	return 0;
}

/* The fields every line has: nid, by, at. */
static int
common_fields(json_t *o, unsigned *nid, const char **by, time_t *at, char *err,
    size_t errlen)
{
	json_t *n = json_object_get(o, "nid");
	char why[80];

	if (!json_is_integer(n) || json_integer_value(n) < 1 ||
	    json_integer_value(n) > 1000000000) {
		snprintf(err, errlen, "nid is not a number from 1");
		return -1;
	}
	*nid = (unsigned)json_integer_value(n);
	*by = json_string_value(json_object_get(o, "by"));
	if (note_check_text(*by, NOTE_BY_MAX, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "by: %s", why);
		return -1;
	}
	if (time_parse(json_string_value(json_object_get(o, "at")), at) != 0) {
		snprintf(err, errlen, "at is not YYYY-MM-DDTHH:MM:SSZ");
		return -1;
	}
	return 0;
}

static int
line_add(
    json_t *o, enum freq freq, struct note_list *l, char *err, size_t errlen)
{
	struct note n = {0};
	const char *from = json_string_value(json_object_get(o, "from"));
	const char *to = json_string_value(json_object_get(o, "to"));
	char why[200];

	if (keys_known(o, add_keys, err, errlen) != 0 ||
	    common_fields(
		o, &n.nid, (const char **)&n.by, &n.at, err, errlen) != 0)
		return -1;
	if (from == NULL || period_in(from, freq, &n.from, why, sizeof(why))) {
		snprintf(err, errlen, "from: %s", from ? why : "missing");
		return -1;
	}
	if (to == NULL || period_in(to, freq, &n.to, why, sizeof(why))) {
		snprintf(err, errlen, "to: %s", to ? why : "missing");
		return -1;
	}
	if (period_cmp(&n.from, &n.to) > 0) {
		snprintf(err, errlen, "to is before from");
		return -1;
	}
	n.text = (char *)json_string_value(json_object_get(o, "text"));
	if (note_check_text(n.text, NOTE_TEXT_MAX, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "text: %s", why);
		return -1;
	}
	if (note_list_find(l, n.nid) != NULL) {
		snprintf(err, errlen, "note %u added twice", n.nid);
		return -1;
	}
	if (note_list_push(l, &n) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

static int
line_remove(json_t *o, struct note_list *l, char *err, size_t errlen)
{
	unsigned nid;
	const char *by;
	time_t at;
	struct note *n;

	if (keys_known(o, remove_keys, err, errlen) != 0 ||
	    common_fields(o, &nid, &by, &at, err, errlen) != 0)
		return -1;
	if ((n = note_list_find(l, nid)) == NULL) {
		snprintf(err, errlen, "remove of note %u, never added", nid);
		return -1;
	}
	if (n->removed) {
		snprintf(err, errlen, "note %u removed twice", nid);
		return -1;
	}
	if ((n->removed_by = strdup(by)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	n->removed = true;
	n->removed_at = at;
	return 0;
}

/* One line (without its newline) into l; -1 with why. */
static int
line_parse(const char *line, size_t len, enum freq freq, struct note_list *l,
    char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *o;
	const char *op;
	int rc = -1;

	if (len > NOTES_LINE_MAX) {
		snprintf(err, errlen, "line over %d bytes", NOTES_LINE_MAX);
		return -1;
	}
	o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		snprintf(err, errlen, "not a JSON object%s%s",
		    o == NULL ? ": " : "", o == NULL ? jerr.text : "");
	} else if ((op = json_string_value(json_object_get(o, "op"))) == NULL) {
		snprintf(err, errlen, "no op");
	} else if (strcmp(op, "add") == 0) {
		rc = line_add(o, freq, l, err, errlen);
	} else if (strcmp(op, "remove") == 0) {
		rc = line_remove(o, l, err, errlen);
	} else {
		snprintf(err, errlen, "unknown op '%.40s'", op);
	}
	json_decref(o);
	return rc;
}

int
notes_parse(const char *name, const char *buf, size_t len, enum freq freq,
    struct note_list *l, char *err, size_t errlen)
{
	size_t at = 0, lineno = 0;
	char why[300];

	note_list_clear(l);
	while (at < len) {
		const char *nl = memchr(buf + at, '\n', len - at);

		if (nl == NULL)
			break; /* a torn append: the writer cuts it off */
		lineno++;
		if (memchr(buf + at, '\0', (size_t)(nl - buf) - at) != NULL) {
			snprintf(why, sizeof(why), "a NUL byte");
		} else if (line_parse(buf + at, (size_t)(nl - buf) - at, freq,
			       l, why, sizeof(why)) == 0) {
			at = (size_t)(nl - buf) + 1;
			continue;
		}
		snprintf(err, errlen, "%s:%zu: %s", name, lineno, why);
		note_list_clear(l);
		return -1;
	}
	return 0;
}

int
notes_load(const char *path, enum freq freq, struct note_list *l, char *err,
    size_t errlen)
{
	char *buf;
	size_t len;
	int rc;

	note_list_clear(l);
	if (fsutil_read_own(path, NOTES_FILE_MAX, &buf, &len, err, errlen) != 0)
		return errno == ENOENT ? 0 : -1;
	rc = notes_parse(path, buf, len, freq, l, err, errlen);
	free(buf);
	return rc;
}

/*
 * Appends one line and fsyncs it, after cutting off a torn last line (a
 * crash in an earlier append) so the new line starts a line of its own.
 */
static int
append_line(const char *path, json_t *o, char *err, size_t errlen)
{
	char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	char *buf = NULL;
	size_t len = 0, n;
	int rc = -1;

	if (line == NULL) {
		snprintf(err, errlen, "not UTF-8, or out of memory");
		return -1;
	}
	if (fsutil_read_own(path, NOTES_FILE_MAX, &buf, &len, err, errlen) !=
		0 &&
	    errno != ENOENT)
		goto out;
	if (len > 0 && buf[len - 1] != '\n') {
		size_t keep = len;

		while (keep > 0 && buf[keep - 1] != '\n')
			keep--;
		if (fsutil_truncate(path, (off_t)keep, err, errlen) != 0)
			goto out;
	}
	n = strlen(line);
	line[n] = '\n'; /* over the NUL: n + 1 bytes are sent */
	rc = fsutil_append(path, line, n + 1, true, err, errlen);
out:
	free(buf);
	free(line);
	return rc;
}

int
notes_add(const char *path, struct note_list *l, const struct period *from,
    const struct period *to, const char *text, const char *by, time_t at,
    unsigned *nid, char *err, size_t errlen)
{
	struct note n = {.nid = note_list_next_nid(l),
	    .from = *from,
	    .to = *to,
	    .text = (char *)text,
	    .by = (char *)by,
	    .at = at};
	char f[PERIOD_TEXT_MAX], t[PERIOD_TEXT_MAX], when[32], why[80];
	json_t *o;
	int rc;

	if (note_check_text(text, NOTE_TEXT_MAX, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "text: %s", why);
		return -1;
	}
	if (note_check_text(by, NOTE_BY_MAX, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "by: %s", why);
		return -1;
	}
	if (period_cmp(from, to) > 0) {
		snprintf(err, errlen, "the span ends before it starts");
		return -1;
	}
	period_format(from, f, sizeof(f));
	period_format(to, t, sizeof(t));
	notes_time_format(at, when, sizeof(when));
	o = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:s}", "op", "add", "nid",
	    (json_int_t)n.nid, "from", f, "to", t, "text", text, "by", by, "at",
	    when);
	rc = o == NULL ? (snprintf(err, errlen, "not UTF-8"), -1)
		       : append_line(path, o, err, errlen);
	json_decref(o);
	if (rc == 0 && note_list_push(l, &n) != 0) {
		snprintf(err, errlen, "out of memory (the note is written)");
		rc = -1;
	}
	if (rc == 0)
		*nid = n.nid;
	return rc;
}

int
notes_remove(const char *path, struct note_list *l, unsigned nid,
    const char *by, time_t at, char *err, size_t errlen)
{
	struct note *n = note_list_find(l, nid);
	char when[32], why[80];
	json_t *o;
	int rc;

	if (n == NULL || n->removed) {
		snprintf(err, errlen,
		    n ? "note %u is already removed" : "no such note %u", nid);
		return -1;
	}
	if (note_check_text(by, NOTE_BY_MAX, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "by: %s", why);
		return -1;
	}
	notes_time_format(at, when, sizeof(when));
	o = json_pack("{s:s,s:I,s:s,s:s}", "op", "remove", "nid",
	    (json_int_t)nid, "by", by, "at", when);
	rc = o == NULL ? (snprintf(err, errlen, "not UTF-8"), -1)
		       : append_line(path, o, err, errlen);
	json_decref(o);
	if (rc == 0 && (n->removed_by = strdup(by)) == NULL) {
		snprintf(err, errlen, "out of memory (the removal is written)");
		return -1;
	}
	if (rc == 0) {
		n->removed = true;
		n->removed_at = at;
	}
	return rc;
}
