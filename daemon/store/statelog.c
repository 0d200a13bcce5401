/*
 * statelog: a snapshot and a log of changed records (statelog.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "fsutil.h"
#include "log.h"
#include "statelog.h"

size_t
statelog_cap(size_t nrecords)
{
	return ((size_t)1 << 20) + (size_t)4096 * nrecords;
}

void
statelog_log_path(const char *path, char *buf, size_t len)
{
	snprintf(buf, len, "%s.log", path);
}

/* The snapshot's records into out; a bad snapshot is said and skipped. */
static int
read_snapshot(
    const char *path, size_t max, json_t *out, char *err, size_t errlen)
{
	char *text = NULL;
	size_t len = 0;
	json_error_t je;
	json_t *o;

	if (fsutil_read_own(path, max, &text, &len, err, errlen) != 0)
		return errno == ENOENT ? 0 : -1;
	o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	free(text);
	if (!json_is_object(o)) {
		log_warn("%s:%d:%d: %s; its records are ignored", path, je.line,
		    je.column, o == NULL ? je.text : "not a JSON object");
		json_decref(o);
		return 0;
	}
	if (json_object_update(out, o) != 0) {
		json_decref(o);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	json_decref(o);
	return 0;
}

/* One log line applied to out; a bad one is said with its line number. */
static void
apply_line(const char *log, size_t lineno, const char *s, size_t n, json_t *out)
{
	json_error_t je;
	json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
	const char *key = json_string_value(json_object_get(o, "k"));
	json_t *v = json_object_get(o, "v");

	if (key == NULL || !json_is_object(v) || json_object_size(o) != 2)
		log_warn("%s:%zu: %s; the line is ignored", log, lineno,
		    o == NULL ? je.text
			      : "not a record {\"k\": …, \"v\": {…}}");
	else
		json_object_set(out, key, v);
	json_decref(o);
}

static int
read_log(const char *path, size_t max, json_t *out, char *err, size_t errlen)
{
	char log[4200], *text = NULL;
	size_t len = 0, lineno = 0;

	statelog_log_path(path, log, sizeof(log));
	if (fsutil_read_own(log, max, &text, &len, err, errlen) != 0)
		return errno == ENOENT ? 0 : -1;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);

		lineno++;
		/* A last line without its newline was cut by a crash. */
		if (nl == NULL) {
			log_warn("%s:%zu: last line cut short (a crash during "
				 "a write); it is ignored",
			    log, lineno);
			break;
		}
		apply_line(
		    log, lineno, text + at, (size_t)(nl - text) - at, out);
		at = (size_t)(nl - text) + 1;
	}
	free(text);
	return 0;
}

int
statelog_read(
    const char *path, size_t max, json_t **out, char *err, size_t errlen)
{
	json_t *o = json_object();

	if (o == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (read_snapshot(path, max, o, err, errlen) != 0 ||
	    read_log(path, max, o, err, errlen) != 0) {
		json_decref(o);
		return -1;
	}
	*out = o;
	return 0;
}

int
statelog_line(struct buf *b, const char *key, const json_t *record)
{
	json_t *line = json_pack("{s:s, s:O}", "k", key, "v", record);
	char *text = line != NULL ? json_dumps(line, JSON_COMPACT) : NULL;
	size_t at = buf_len(b);
	int rc = -1;

	json_decref(line);
	if (text != NULL && buf_adds(b, text) == 0) {
		if (buf_addc(b, '\n') == 0)
			rc = 0;
		else
			buf_truncate(b, at);
	}
	free(text);
	return rc;
}

static off_t
file_size(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_size : 0;
}

/* The log folded into a new snapshot, and emptied. */
static int
fold(const char *path, size_t max, char *err, size_t errlen)
{
	json_t *o;
	char *text;
	int rc;

	if (statelog_read(path, max, &o, err, errlen) != 0)
		return -1;
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (text == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	rc = statelog_write_all(path, text, strlen(text), err, errlen);
	free(text);
	return rc;
}

int
statelog_append(const char *path, const char *lines, size_t len, size_t max,
    size_t fold_over, char *err, size_t errlen)
{
	char log[4200];
	off_t logged;

	statelog_log_path(path, log, sizeof(log));
	if (len > 0 && fsutil_append(log, lines, len, true, err, errlen) != 0)
		return -1;
	logged = file_size(log);
	if (fold_over > 0 &&
	    (logged <= file_size(path) || (size_t)logged <= fold_over))
		return 0;
	return fold(path, max, err, errlen);
}

int
statelog_write_all(
    const char *path, const char *text, size_t len, char *err, size_t errlen)
{
	char log[4200];

	statelog_log_path(path, log, sizeof(log));
	if (fsutil_write_atomic(path, text, len, err, errlen) != 0)
		return -1;
	if (fsutil_truncate(log, 0, err, errlen) != 0 && errno != ENOENT)
		return -1;
	return 0;
}
