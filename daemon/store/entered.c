/*
 * entered: the checks of values a person enters and of a batch of them
 * (entered.h).  Every text is outside input: capped, UTF-8, no control
 * characters (a name or a note is shown on pages and in mail).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "csv_table.h"
#include "entered.h"

/* Whether text is UTF-8 without control characters, at most max bytes. */
static bool
text_ok(
    const char *text, size_t max, const char *what, char *why, size_t whylen)
{
	size_t len = strlen(text);
	json_t *s;

	if (len > max) {
		snprintf(why, whylen, "%s longer than %zu bytes", what, max);
		return false;
	}
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f) {
			snprintf(
			    why, whylen, "%s holds a control character", what);
			return false;
		}
	/* jansson refuses a string that is not UTF-8. */
	if ((s = json_stringn(text, len)) == NULL) {
		snprintf(why, whylen, "%s is not UTF-8", what);
		return false;
	}
	json_decref(s);
	return true;
}

/* The indicator, period and value checks of entered_add. */
static int
value_check(const struct config *c, const char *id, const char *ptext,
    const char *vtext, time_t now, struct entered_value *v, char *why,
    size_t whylen)
{
	const struct indicator_conf *ic = config_indicator(c, id);
	char perr[256];

	if (ic == NULL) {
		snprintf(why, whylen, "no indicator '%.64s'", id);
		return -1;
	}
	if (ic->derived != NULL) {
		snprintf(why, whylen,
		    "indicator %s is derived (computed from its inputs): "
		    "enter its inputs",
		    ic->id);
		return -1;
	}
	v->indicator = (size_t)(ic - c->indicators);
	if (period_parse(ptext, &v->period, perr, sizeof(perr)) != 0) {
		snprintf(why, whylen, "period '%.32s': %s", ptext, perr);
		return -1;
	}
	if (v->period.freq != ic->freq) {
		snprintf(why, whylen, "period %.32s is not %s (indicator %s)",
		    ptext, freq_name(ic->freq), ic->id);
		return -1;
	}
	if (period_start(&v->period) > now) {
		snprintf(why, whylen, "period %.32s is in the future", ptext);
		return -1;
	}
	if (obs_parse_decimal(vtext, &v->value) != 0) {
		snprintf(
		    why, whylen, "value '%.32s' is not a finite number", vtext);
		return -1;
	}
	return 0;
}

int
entered_add(struct entered_batch *b, const struct config *c, const char *id,
    const char *period, const char *value, const char *source, const char *by,
    const char *note, time_t now, char *why, size_t whylen)
{
	struct entered_value v = {0};

	if (value_check(c, id, period, value, now, &v, why, whylen) != 0)
		return -1;
	if (by == NULL || *by == '\0' || source == NULL || *source == '\0') {
		snprintf(why, whylen,
		    "%s is missing: who entered the value "
		    "and from what source are kept with it",
		    by == NULL || *by == '\0' ? "by" : "source");
		return -1;
	}
	if (!text_ok(by, JOURNAL_BY_MAX, "by", why, whylen) ||
	    !text_ok(source, JOURNAL_SOURCE_MAX, "source", why, whylen) ||
	    (note != NULL &&
		!text_ok(note, JOURNAL_NOTE_MAX, "note", why, whylen)))
		return -1;
	if (b->n >= ENTERED_ROWS_MAX) {
		snprintf(why, whylen, "more than %d values in one batch",
		    ENTERED_ROWS_MAX);
		return -1;
	}
	if (grow_array(&b->v, &b->cap, b->n + 1, sizeof(*b->v),
		ENTERED_ROWS_MAX) != 0 ||
	    (v.by = strdup(by)) == NULL ||
	    (v.source = strdup(source)) == NULL ||
	    (note != NULL && *note != '\0' &&
		(v.note = strdup(note)) == NULL)) {
		free(v.by);
		free(v.source);
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	b->v[b->n++] = v;
	return 0;
}

/* Whether b already holds the period of its last value, for its indicator. */
static bool
last_is_repeat(const struct entered_batch *b)
{
	const struct entered_value *last = &b->v[b->n - 1];

	for (size_t i = 0; i + 1 < b->n; i++)
		if (b->v[i].indicator == last->indicator &&
		    period_equal(&b->v[i].period, &last->period))
			return true;
	return false;
}

static const char *const columns[] = {
    "indicator", "period", "value", "source", "by", "note"};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/* The rows of t into b, each checked; -1 with "line N: why". */
static int
batch_rows(struct entered_batch *b, const struct config *c,
    const struct csv_table *t, const size_t col[NCOLUMNS], time_t now,
    char *err, size_t errlen)
{
	char why[400];

	for (size_t r = 1; r < csv_table_rows(t); r++) {
		const char *cell[NCOLUMNS];

		for (size_t k = 0; k < NCOLUMNS; k++)
			cell[k] = col[k] == CSV_TABLE_NOCOL
			    ? NULL
			    : csv_table_cell(t, r, col[k]);
		if (csv_table_overflow(t, r, &(size_t){0}))
			snprintf(why, sizeof(why),
			    "more fields than the header names");
		else if (entered_add(b, c, cell[0], cell[1], cell[2], cell[3],
			     cell[4], cell[5], now, why, sizeof(why)) != 0)
			; /* why says it */
		else if (last_is_repeat(b))
			snprintf(why, sizeof(why),
			    "period %.32s of %.64s given twice in the batch",
			    cell[1], cell[0]);
		else
			continue;
		snprintf(
		    err, errlen, "line %zu: %s", csv_table_line(t, r), why);
		return -1;
	}
	return 0;
}

int
entered_parse_csv(struct entered_batch *b, const struct config *c,
    const char *buf, size_t len, time_t now, char *err, size_t errlen)
{
	struct csv_table *t;
	size_t col[NCOLUMNS];
	int rc = -1;

	if (len > ENTERED_BODY_MAX) {
		snprintf(err, errlen, "batch larger than %u bytes",
		    ENTERED_BODY_MAX);
		return -1;
	}
	if ((t = csv_table_load(buf, len, ',', err, errlen)) == NULL)
		return -1;
	for (size_t k = 0; k < NCOLUMNS; k++) {
		col[k] = csv_table_column(t, columns[k], 0);
		if (col[k] == CSV_TABLE_NOCOL && k + 1 < NCOLUMNS) {
			snprintf(err, errlen,
			    "line 1: no column '%s' (the header names "
			    "indicator, period, value, source, by, note)",
			    columns[k]);
			goto out;
		}
	}
	if (csv_table_rows(t) < 2) {
		snprintf(err, errlen, "no values: a header and no row");
		goto out;
	}
	rc = batch_rows(b, c, t, col, now, err, errlen);
out:
	if (rc != 0)
		entered_batch_clear(b);
	csv_table_free(t);
	return rc;
}

void
entered_batch_clear(struct entered_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].by);
		free(b->v[i].source);
		free(b->v[i].note);
	}
	free(b->v);
	memset(b, 0, sizeof(*b));
}

void
entered_entry(const struct entered_value *v, const struct obs_list *stored,
    double tolerance, time_t now, struct journal_entry *e)
{
	long k = obs_list_find(stored, &v->period);
	enum obs_mark old = k >= 0 ? stored->v[k].mark : OBS_MARK_UNSTATED;

	*e = (struct journal_entry){.period = v->period,
	    .value = v->value,
	    .fetched = now,
	    .collector = ENTERED_COLLECTOR,
	    .mark = OBS_MARK_ENTERED,
	    .by = v->by,
	    .source = v->source,
	    .note = v->note};
	if (k >= 0 &&
	    !obs_same_value(stored->v[k].value, v->value, tolerance)) {
		e->has_replaced = true;
		e->replaced = stored->v[k].value;
	}
	e->has_was = old != OBS_MARK_UNSTATED && old != OBS_MARK_ENTERED;
	e->was = old;
}
