/*
 * journal: JSON Lines through jansson.  A batch of entries is formatted
 * into one buffer and written with one append + fsync, so a crash leaves
 * either the whole batch or a torn last line, never a half-written value
 * in the middle of the file.  Values are written with the fewest digits
 * that read back as the same double, so every value is bit-exact and the
 * file stays readable.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fsutil.h"
#include "journal.h"

void
journal_path(const char *dir, const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s.journal", dir, id);
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

static int
journal_write(const char *path, const struct journal_entry *e, size_t n,
    bool sync, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = -1;

	if ((mem = open_memstream(&buf, &len)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *o = entry_json(&e[i]);
		int prec = obs_shortest_precision(e[i].value);

		if (e[i].has_replaced &&
		    obs_shortest_precision(e[i].replaced) > prec)
			prec = obs_shortest_precision(e[i].replaced);
		if (o == NULL ||
		    json_dumpf(o, mem,
			JSON_COMPACT | JSON_REAL_PRECISION(prec)) != 0) {
			json_decref(o);
			fclose(mem);
			free(buf);
			snprintf(err, errlen, "%s: cannot format entry", path);
			return -1;
		}
		json_decref(o);
		fputc('\n', mem);
	}
	if (fclose(mem) == 0)
		rc = fsutil_append(path, buf, len, sync, err, errlen);
	else
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
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

/*
 * Parses one journal line into e; e->collector points into *doc, which
 * the caller releases with json_decref.
 */
static int
parse_line(const char *line, size_t len, enum freq freq,
    struct journal_entry *e, json_t **doc, char *why, size_t whylen)
{
	json_error_t jerr;
	const char *ptext;
	json_t *o, *v, *old, *fetched;

	memset(e, 0, sizeof(*e));
	if ((*doc = o = json_loadb(line, len, 0, &jerr)) == NULL) {
		snprintf(why, whylen, "not JSON: %s", jerr.text);
		return -1;
	}
	ptext = json_string_value(json_object_get(o, "period"));
	v = json_object_get(o, "value");
	old = json_object_get(o, "replaced");
	fetched = json_object_get(o, "fetched");
	if (ptext == NULL || !json_is_number(v)) {
		snprintf(why, whylen, "needs a \"period\" and a \"value\"");
		return -1;
	}
	if (period_parse(ptext, &e->period, why, whylen) != 0)
		return -1;
	if (e->period.freq != freq) {
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
 * Adds one line's value.  Revisions repeat periods, so a full list is
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

long
journal_load(const char *path, enum freq freq, struct obs_list *current,
    int *torn, char *err, size_t errlen)
{
	return journal_load_revisions(
	    path, freq, current, NULL, torn, err, errlen);
}

long
journal_load_revisions(const char *path, enum freq freq,
    struct obs_list *current, struct obs_revisions *revs, int *torn, char *err,
    size_t errlen)
{
	char *buf, *line, why[256];
	size_t len, lineno = 0;
	long entries = 0;

	if (torn)
		*torn = 0;
	if (fsutil_read_capped(
		path, JOURNAL_MAX_BYTES, &buf, &len, err, errlen) != 0)
		return errno == ENOENT ? 0 : -1;
	for (line = buf; line < buf + len;) {
		char *nl = memchr(line, '\n', (size_t)(buf + len - line));
		struct journal_entry e;
		json_t *doc = NULL;
		int bad;

		lineno++;
		if (nl == NULL) { /* a torn last line: the append never ended */
			if (torn)
				*torn = 1;
			break;
		}
		bad = parse_line(line, (size_t)(nl - line), freq, &e, &doc, why,
			  sizeof(why)) != 0 ||
		    add_current(
			current, &e.period, e.value, why, sizeof(why)) != 0;
		if (!bad && revs != NULL && e.has_replaced &&
		    obs_revisions_add(revs, &e.period, e.replaced, e.value,
			e.fetched, e.collector) != 0) {
			snprintf(why, sizeof(why), "out of memory");
			bad = 1;
		}
		json_decref(doc);
		if (bad) {
			snprintf(err, errlen, "%s:%zu: %s", path, lineno, why);
			free(buf);
			return -1;
		}
		entries++;
		line = nl + 1;
	}
	free(buf);
	obs_list_sort(current);
	return entries;
}
