/*
 * jsonstat: the JSON-stat 2.0 dataset format: selecting one series from a
 * cube that jsonstat_doc.c has loaded and checked.
 *
 * Selecting fixes a category of every dimension but time, which leaves a
 * line through the cube: cell = sum of position * stride, the stride of a
 * dimension being the product of the sizes after it.  Only that line is
 * read, so a sparse cube with a huge cell count costs no more than its
 * time dimension.  Observations go to the staging step (staging.c), where
 * duplicate periods are found (two time categories such as "2021-07" and
 * "2021M07" can name one period); out changes only when nothing was
 * rejected.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catf.h"
#include "json_value.h"
#include "jsonstat.h"
#include "jsonstat_doc.h"
#include "quote.h"
#include "staging.h"

/* The state of one select call. */
struct jstat_sel {
	const struct feed_doc *doc;
	struct staging st; /* at: the cell */
	size_t seen_obs, rejected;
	enum freq freq;
	feed_reject_cb reject;
	void *arg;
};

static int
jstat_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	return feed_series_check(sel,
	    "selector has no series: name a category of each "
	    "dimension but time (e.g. geo: CN)",
	    err, errlen);
}

/* Lists a dimension's categories as "A, B, C, ...". */
static void
cats_list(char *buf, size_t len, size_t *off, const struct jstat_dim *d)
{
	char q[JSTAT_QUOTE_MAX + 8];

	for (size_t c = 0; c < d->size; c++) {
		if (c == JSTAT_LIST_MAX) {
			catf(buf, len, off, ", ...");
			return;
		}
		catf(buf, len, off, "%s%s", c > 0 ? ", " : "",
		    quote_text(q, sizeof(q), d->cats[c], JSTAT_QUOTE_MAX, 0));
	}
}

/* Finds the position of category code in d; -1 with err if not one. */
static int
jstat_cat_find(const struct jstat_dim *d, const char *code, size_t *pos,
    char *err, size_t errlen)
{
	size_t found = 0, off = 0;

	for (size_t c = 0; c < d->size; c++) {
		if (strcmp(d->cats[c], code) == 0) {
			*pos = c;
			found++;
		}
	}
	if (found == 1)
		return 0;
	if (found > 1) {
		snprintf(err, errlen, "dimension %s lists category %s twice",
		    d->id, code);
		return -1;
	}
	catf(err, errlen, &off, "dimension %s has no category %s (", d->id,
	    code);
	cats_list(err, errlen, &off, d);
	catf(err, errlen, &off, ")");
	return -1;
}

/* The id of dimension d, for json_value_no_dim(). */
static const char *
jstat_dim_id(const void *doc, size_t d)
{
	return ((const struct feed_doc *)doc)->dim[d].id;
}

/* Says which dimensions the selector must still name. */
static int
jstat_unnamed(
    const struct feed_doc *doc, const size_t *pos, char *err, size_t errlen)
{
	size_t off = 0, n = 0;

	catf(err, errlen, &off, "name a category of");
	for (size_t d = 0; d < doc->ndim; d++) {
		if (pos[d] != SIZE_MAX || d == doc->time)
			continue;
		catf(err, errlen, &off, "%s %s (", n++ > 0 ? "," : "",
		    doc->dim[d].id);
		cats_list(err, errlen, &off, &doc->dim[d]);
		catf(err, errlen, &off, ")");
	}
	return -1;
}

/*
 * Turns the selector into the first cell of the line through the cube:
 * the sum of each fixed position times its stride.
 */
static int
jstat_resolve(const struct feed_doc *doc, const struct feed_selector *sel,
    size_t *base, char *err, size_t errlen)
{
	size_t pos[JSTAT_DIM_MAX];
	bool missing = false;
	long d;

	for (size_t i = 0; i < doc->ndim; i++)
		pos[i] = SIZE_MAX;
	for (size_t i = 0; i < sel->nseries; i++) {
		if ((d = jsonstat_doc_dim_find(doc, sel->series[i].key)) < 0)
			return json_value_no_dim(sel->series[i].key, doc,
			    doc->ndim, jstat_dim_id, err, errlen);
		if ((size_t)d == doc->time) {
			snprintf(err, errlen,
			    "%s is the time dimension: it cannot be selected",
			    doc->dim[d].id);
			return -1;
		}
		if (jstat_cat_find(&doc->dim[d], sel->series[i].value, &pos[d],
			err, errlen) == -1)
			return -1;
	}
	*base = 0;
	for (size_t i = 0; i < doc->ndim; i++) {
		if (i == doc->time)
			continue;
		if (pos[i] == SIZE_MAX && doc->dim[i].size == 1)
			pos[i] = 0;
		if (pos[i] == SIZE_MAX)
			missing = true;
		else
			*base += pos[i] * doc->dim[i].stride;
	}
	return missing ? jstat_unnamed(doc, pos, err, errlen) : 0;
}

/* Reports one rejected cell as "value[i][ (period p)]: why". */
static int
jstat_reject(
    struct jstat_sel *s, size_t cell, const struct period *p, const char *why)
{
	char msg[JSTAT_MSG_MAX], ptext[PERIOD_TEXT_MAX];

	if (p != NULL) {
		period_format(p, ptext, sizeof(ptext));
		snprintf(msg, sizeof(msg), "value[%zu] (period %s): %s", cell,
		    ptext, why);
	} else
		snprintf(msg, sizeof(msg), "value[%zu]: %s", cell, why);
	s->rejected++;
	if (s->reject != NULL)
		s->reject(s->arg, msg);
	return -1;
}

/*
 * The element of a value or status array or sparse object for a cell:
 * NULL when a sparse object leaves it out.  An array of one element (a
 * status for every cell) answers for all.
 */
static const json_t *
jstat_cell(const json_t *arr, size_t cell)
{
	char key[32];

	if (json_is_array(arr))
		return json_array_get(
		    arr, json_array_size(arr) == 1 ? 0 : cell);
	snprintf(key, sizeof(key), "%zu", cell);
	return json_object_get(arr, key);
}

/*
 * The status of a cell: one string for all, an array (one element for
 * all, or one per cell), or a sparse object.  NULL when it has none.
 */
static int
jstat_status_get(const struct feed_doc *doc, size_t cell, const char **code,
    char *why, size_t whylen)
{
	const json_t *st = doc->status;

	*code = NULL;
	if (st == NULL)
		return 0;
	if (!json_is_string(st))
		st = jstat_cell(st, cell);
	if (st == NULL || json_is_null(st))
		return 0;
	if (!json_is_string(st)) {
		snprintf(why, whylen, "status is %s, not a string",
		    json_value_type(st));
		return -1;
	}
	*code = json_string_value(st);
	return 0;
}

/* ".." and ":" mark a value that is not available. */
static bool
status_missing(const char *code)
{
	return code != NULL &&
	    (strcmp(code, "..") == 0 || strcmp(code, ":") == 0);
}

/* Reads the cell of time category t; -1 when rejected. */
static int
jstat_read(struct jstat_sel *s, size_t cell, size_t t)
{
	const struct feed_doc *doc = s->doc;
	char why[JSTAT_WHY_MAX], perr[JSTAT_ERR_MAX];
	const struct period_context ctx = {.freq = s->freq, .year = 0};
	const char *status;
	const json_t *v;
	struct period p;
	double value;

	s->seen_obs++;
	if ((v = jstat_cell(doc->value, cell)) == NULL || json_is_null(v))
		return 0;
	if (jstat_status_get(doc, cell, &status, why, sizeof(why)) == -1)
		return jstat_reject(s, cell, NULL, why);
	if (status_missing(status))
		return 0;
	/* The shared parser takes PxWeb's and Eurostat's 2021M07 too. */
	if (period_parse_ctx(doc->dim[doc->time].cats[t], &ctx, &p, perr,
		sizeof(perr)) == -1) {
		snprintf(why, sizeof(why), "period %s", perr);
		return jstat_reject(s, cell, NULL, why);
	}
	if (feed_freq_check(&p, s->freq, why, sizeof(why)) == -1) {
		return jstat_reject(s, cell, NULL, why);
	}
	if (json_value_get(v, &value, why, sizeof(why)) == -1)
		return jstat_reject(s, cell, &p, why);
	staging_add(&s->st,
	    &(struct staged){{p, value, obs_mark_of(status)}, .at = cell});
	return 0;
}

/*
 * Rejects a cell whose period an earlier cell (another time category of
 * the same period) gave another value, naming both.
 */
static void
jstat_conflict(
    void *arg, const struct staged *first, const struct staged *other)
{
	char why[JSTAT_WHY_MAX], a[32], b[32];

	json_value_text(other->obs.value, a, sizeof(a));
	json_value_text(first->obs.value, b, sizeof(b));
	snprintf(why, sizeof(why), "value %s, but value[%zu] has %s", a,
	    first->at, b);
	jstat_reject(arg, other->at, &other->obs.period, why);
}

static int
jstat_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	const struct jstat_dim *time = &doc->dim[doc->time];
	struct jstat_sel s;
	size_t base = 0;
	int rc;

	if (jstat_check(sel, err, errlen) == -1 ||
	    jstat_resolve(doc, sel, &base, err, errlen) == -1)
		return -1;
	memset(&s, 0, sizeof(s));
	s.doc = doc;
	s.freq = freq;
	s.reject = reject;
	s.arg = arg;
	for (size_t t = 0; t < time->size; t++)
		jstat_read(&s, base + t * time->stride, t);
	rc = staging_finish(&s.st,
	    &(struct staging_judge){.conflict = jstat_conflict,
		.arg = &s,
		.rejected = &s.rejected,
		.what = "observations",
		.total = s.seen_obs,
		.toomany = "more than " STAGING_STR(
		    OBS_LIST_MAX) " observations, or out of memory"},
	    out, err, errlen);
	staging_free(&s.st);
	return rc;
}

const struct feed_format jsonstat_format = {
    .name = "json-stat",
    .load = jsonstat_doc_load,
    .select = jstat_select,
    .free = jsonstat_doc_free,
    .check = jstat_check,
};
