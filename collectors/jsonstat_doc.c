/*
 * jsonstat_doc: loading a JSON-stat 2.0 dataset (jsonstat_doc.h).  The
 * document is parsed with jansson (duplicate keys rejected, every number
 * a double, as in json_feed.c) and the cube checked once: ids and sizes
 * agree, every dimension has as many categories as its size says, the
 * sizes multiply to a cell count that fits a size_t, "value" has that
 * many cells (array) or only keys below it (sparse object), and so has
 * "status".  Category ids are borrowed from jansson's tree, which lives as
 * long as the doc.
 */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catf.h"
#include "json_value.h"
#include "jsonstat_doc.h"
#include "quote.h"

/* The names a time dimension may have when role.time is absent. */
static const char *const jstat_time_names[] = {
    "time", "TIME", "TIME_PERIOD", "year", "date"};

/*
 * Reads an object key as a cell index: canonical decimal (no sign, blank
 * or leading zero, so that "01" and "1" cannot name one cell twice) and
 * below n.
 */
static int
cell_parse(const char *key, size_t n, size_t *cell)
{
	unsigned long long v = 0;
	const char *p = key;

	if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '\0'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (ULLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (unsigned)(*p - '0');
	}
	if (*p != '\0' || v >= n)
		return -1;
	*cell = (size_t)v;
	return 0;
}

/* Describes a JSON-stat error response ("error": [{"label": ...}]). */
static int
jstat_error_response(const json_t *e, char *err, size_t errlen)
{
	const json_t *text = NULL;
	const char *names[] = {"label", "message", "text", "detail"};
	size_t off = 0;

	if (json_is_array(e))
		e = json_array_get(e, 0);
	for (size_t i = 0; i < 4 && !json_is_string(text); i++)
		text = json_object_get(e, names[i]);
	if (json_is_string(e))
		text = e;
	catf(err, errlen, &off, "the response is an error");
	if (json_is_string(text))
		catf(err, errlen, &off, ": %.120s", json_string_value(text));
	return -1;
}

/* Accepts "class": "dataset"; says what the document is otherwise. */
static int
jstat_class_check(const json_t *root, char *err, size_t errlen)
{
	const json_t *cls = json_object_get(root, "class"), *v;
	const char *c = json_is_string(cls) ? json_string_value(cls) : NULL;
	const char *key;

	if (!json_is_object(root)) {
		snprintf(err, errlen, "the document is %s, not an object",
		    json_value_type(root));
		return -1;
	}
	if (c != NULL && strcmp(c, "dataset") == 0)
		return 0;
	if (c != NULL && strcmp(c, "collection") == 0) {
		snprintf(err, errlen,
		    "a JSON-stat collection: point the URL at one dataset");
		return -1;
	}
	if (c != NULL && strcmp(c, "dimension") == 0) {
		snprintf(err, errlen,
		    "a JSON-stat dimension: point the URL at a dataset");
		return -1;
	}
	if (c == NULL && json_object_get(root, "error") != NULL)
		return jstat_error_response(
		    json_object_get(root, "error"), err, errlen);
	json_object_foreach((json_t *)root, key, v)
	{
		if (json_object_get(v, "dimension") != NULL) {
			snprintf(err, errlen,
			    "a JSON-stat 1.x bundle: point the URL at one "
			    "JSON-stat 2.0 dataset");
			return -1;
		}
	}
	snprintf(err, errlen,
	    "not a JSON-stat 2.0 dataset (no \"class\": "
	    "\"dataset\")");
	return -1;
}

/* Reads "id" and "size", and computes the strides and the cell count. */
static int
jstat_ids_load(struct feed_doc *doc, char *err, size_t errlen)
{
	char q[JSTAT_QUOTE_MAX + 8];
	const json_t *ids = json_object_get(doc->root, "id");
	const json_t *sizes = json_object_get(doc->root, "size"), *s, *id;
	size_t n = json_array_size(ids), cells = 1;

	if (!json_is_array(ids) || !json_is_array(sizes) || n == 0 ||
	    json_array_size(sizes) != n) {
		snprintf(err, errlen,
		    "id and size must be arrays of the same, non-zero length");
		return -1;
	}
	if (n > JSTAT_DIM_MAX) {
		snprintf(err, errlen, "more than %d dimensions", JSTAT_DIM_MAX);
		return -1;
	}
	for (size_t i = n; i-- > 0;) {
		struct jstat_dim *d = &doc->dim[i];

		id = json_array_get(ids, i);
		s = json_array_get(sizes, i);
		if (!json_is_string(id) || json_string_length(id) == 0) {
			snprintf(err, errlen, "id[%zu] is not a name", i);
			return -1;
		}
		d->id = json_string_value(id);
		if (!json_value_is_index(s, JSTAT_SIZE_MAX) ||
		    json_number_value(s) < 1) {
			snprintf(err, errlen,
			    "size[%zu] (%s) is not a positive integer", i,
			    quote_text(
				q, sizeof(q), d->id, JSTAT_QUOTE_MAX, 0));
			return -1;
		}
		d->size = (size_t)json_number_value(s);
		d->stride = cells;
		if (cells > SIZE_MAX / d->size) {
			snprintf(err, errlen,
			    "the sizes multiply past the largest cell count");
			return -1;
		}
		cells *= d->size;
	}
	doc->ndim = n;
	doc->ncells = cells;
	return 0;
}

/* Reads a category index given as an object: {"AU": 0, "AT": 1}. */
static int
jstat_index_object(
    struct jstat_dim *d, const json_t *index, char *err, size_t errlen)
{
	char qd[JSTAT_QUOTE_MAX + 8], qk[JSTAT_QUOTE_MAX + 8];
	const char *key;
	json_t *pos;
	size_t p;

	json_object_foreach((json_t *)index, key, pos)
	{
		if (!json_value_is_index(pos, (double)d->size) ||
		    d->cats[(size_t)json_number_value(pos)] != NULL) {
			snprintf(err, errlen,
			    "dimension %s: category %s has no position of "
			    "its own below %zu",
			    quote_text(
				qd, sizeof(qd), d->id, JSTAT_QUOTE_MAX, 0),
			    quote_text(qk, sizeof(qk), key, JSTAT_QUOTE_MAX, 0),
			    d->size);
			return -1;
		}
		p = (size_t)json_number_value(pos);
		d->cats[p] = key;
	}
	return 0;
}

/*
 * Reads the category ids of a dimension by position.  The index is an
 * array of ids or an object of positions; a dimension of one category may
 * have no index, its id being the only key of its labels.
 */
static int
jstat_cats_load(
    struct jstat_dim *d, const json_t *cat, char *err, size_t errlen)
{
	char q[JSTAT_QUOTE_MAX + 8];
	const json_t *index = json_object_get(cat, "index");
	const json_t *label = json_object_get(cat, "label"), *v;
	size_t n, i;

	if (index == NULL && json_object_size(label) == 1)
		index = label;
	n = json_is_array(index) || json_is_object(index)
	    ? (json_is_array(index) ? json_array_size(index)
				    : json_object_size(index))
	    : 0;
	if (n == 0) {
		snprintf(err, errlen, "dimension %s: category has no index",
		    quote_text(q, sizeof(q), d->id, JSTAT_QUOTE_MAX, 0));
		return -1;
	}
	if (n != d->size) {
		snprintf(err, errlen,
		    "dimension %s has %zu categories, its size is %zu",
		    quote_text(q, sizeof(q), d->id, JSTAT_QUOTE_MAX, 0), n,
		    d->size);
		return -1;
	}
	if ((d->cats = calloc(n, sizeof(*d->cats))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (json_is_object(index) && index != label)
		return jstat_index_object(d, index, err, errlen);
	if (index == label) {
		d->cats[0] =
		    json_object_iter_key(json_object_iter((json_t *)label));
		return 0;
	}
	json_array_foreach(index, i, v)
	{
		if (!json_is_string(v)) {
			snprintf(err, errlen,
			    "dimension %s: category %zu is %s, not an id",
			    quote_text(q, sizeof(q), d->id, JSTAT_QUOTE_MAX, 0),
			    i, json_value_type(v));
			return -1;
		}
		d->cats[i] = json_string_value(v);
	}
	return 0;
}

/* Reads every dimension's categories; ids must be distinct. */
static int
jstat_dims_load(struct feed_doc *doc, char *err, size_t errlen)
{
	char q[JSTAT_QUOTE_MAX + 8];
	const json_t *dims = json_object_get(doc->root, "dimension"), *cat;

	if (!json_is_object(dims)) {
		snprintf(err, errlen, "dimension is %s, not an object",
		    json_value_type(dims));
		return -1;
	}
	for (size_t i = 0; i < doc->ndim; i++) {
		struct jstat_dim *d = &doc->dim[i];

		for (size_t j = 0; j < i; j++) {
			if (strcmp(doc->dim[j].id, d->id) == 0) {
				snprintf(err, errlen,
				    "dimension %s is listed twice in id",
				    quote_text(q, sizeof(q), d->id,
					JSTAT_QUOTE_MAX, 0));
				return -1;
			}
		}
		cat = json_object_get(json_object_get(dims, d->id), "category");
		if (!json_is_object(cat)) {
			snprintf(err, errlen,
			    "dimension %s has no category object",
			    quote_text(
				q, sizeof(q), d->id, JSTAT_QUOTE_MAX, 0));
			return -1;
		}
		if (jstat_cats_load(d, cat, err, errlen) == -1)
			return -1;
	}
	return 0;
}

long
jsonstat_doc_dim_find(const struct feed_doc *doc, const char *id)
{
	for (size_t d = 0; d < doc->ndim; d++)
		if (strcmp(doc->dim[d].id, id) == 0)
			return (long)d;
	return -1;
}

/*
 * The time dimension: the one role.time lists, or, without role.time,
 * the one dimension called time, TIME, TIME_PERIOD, year or date.
 */
static int
jstat_time_find(struct feed_doc *doc, char *err, size_t errlen)
{
	const json_t *rt =
	    json_object_get(json_object_get(doc->root, "role"), "time");
	size_t found = 0;
	long d;

	if (json_array_size(rt) > 1) {
		snprintf(err, errlen, "role.time lists %zu dimensions, not one",
		    json_array_size(rt));
		return -1;
	}
	if (json_array_size(rt) == 1) {
		rt = json_array_get(rt, 0);
		d = json_is_string(rt)
		    ? jsonstat_doc_dim_find(doc, json_string_value(rt))
		    : -1;
		if (d < 0) {
			snprintf(err, errlen, "role.time names no dimension");
			return -1;
		}
		doc->time = (size_t)d;
		return 0;
	}
	for (size_t i = 0;
	     i < sizeof(jstat_time_names) / sizeof(jstat_time_names[0]); i++) {
		if ((d = jsonstat_doc_dim_find(doc, jstat_time_names[i])) >=
		    0) {
			doc->time = (size_t)d;
			found++;
		}
	}
	if (found == 1)
		return 0;
	snprintf(err, errlen,
	    found == 0 ? "no time dimension: role.time lists none, and no "
			 "dimension is called time, TIME, TIME_PERIOD, year or "
			 "date"
		       : "more than one dimension could be time: list it in "
			 "role.time");
	return -1;
}

/* Checks the keys of a sparse value or status object. */
static int
jstat_sparse_check(const json_t *obj, const char *what, size_t ncells,
    bool strings, char *err, size_t errlen)
{
	char q[JSTAT_QUOTE_MAX + 8];
	const char *key;
	json_t *v;
	size_t cell;

	json_object_foreach((json_t *)obj, key, v)
	{
		if (cell_parse(key, ncells, &cell) == -1) {
			snprintf(err, errlen,
			    "%s: key \"%s\" is not a cell index below %zu",
			    what,
			    quote_text(q, sizeof(q), key, JSTAT_QUOTE_MAX, 0),
			    ncells);
			return -1;
		}
		if (strings && !json_is_string(v)) {
			snprintf(err, errlen, "%s[%s] is %s, not a string",
			    what, key, json_value_type(v));
			return -1;
		}
	}
	return 0;
}

/* "value" and "status" must fit the cube. */
static int
jstat_cells_load(struct feed_doc *doc, char *err, size_t errlen)
{
	json_t *value = json_object_get(doc->root, "value");
	json_t *status = json_object_get(doc->root, "status");
	size_t ns = json_array_size(status);

	if (json_is_array(value) && json_array_size(value) != doc->ncells) {
		snprintf(err, errlen,
		    "value has %zu cells, the sizes multiply to %zu",
		    json_array_size(value), doc->ncells);
		return -1;
	}
	if (!json_is_array(value) && !json_is_object(value)) {
		snprintf(err, errlen, "value is %s, not an array or an object",
		    json_value_type(value));
		return -1;
	}
	if (json_is_object(value) &&
	    jstat_sparse_check(
		value, "value", doc->ncells, false, err, errlen) == -1)
		return -1;
	doc->value = value;
	if (status == NULL || json_is_null(status))
		return 0;
	if (json_is_array(status) && ns != 1 && ns != doc->ncells) {
		snprintf(err, errlen, "status has %zu elements, value %zu", ns,
		    doc->ncells);
		return -1;
	}
	if (json_is_object(status) &&
	    jstat_sparse_check(
		status, "status", doc->ncells, true, err, errlen) == -1)
		return -1;
	if (!json_is_string(status) && !json_is_array(status) &&
	    !json_is_object(status)) {
		snprintf(err, errlen,
		    "status is %s, not a string, an array or an object",
		    json_value_type(status));
		return -1;
	}
	doc->status = status;
	return 0;
}

void
jsonstat_doc_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t d = 0; d < doc->ndim; d++)
		free(doc->dim[d].cats);
	json_decref(doc->root);
	free(doc);
}

struct feed_doc *
jsonstat_doc_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc;

	if ((doc = json_value_doc(buf, len, sizeof(*doc), err, errlen)) == NULL)
		return NULL;
	if (jstat_class_check(doc->root, err, errlen) == -1 ||
	    jstat_ids_load(doc, err, errlen) == -1 ||
	    jstat_dims_load(doc, err, errlen) == -1 ||
	    jstat_time_find(doc, err, errlen) == -1 ||
	    jstat_cells_load(doc, err, errlen) == -1) {
		jsonstat_doc_free(doc);
		return NULL;
	}
	return doc;
}
