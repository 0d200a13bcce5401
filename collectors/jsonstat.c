/*
 * jsonstat: the JSON-stat 2.0 dataset format.  Loading parses the document
 * with jansson (duplicate keys rejected, every number a double, as in
 * json_feed.c) and checks the cube once: ids and sizes agree, every
 * dimension has as many categories as its size says, the sizes multiply
 * to a cell count that fits a size_t, "value" has that many cells (array)
 * or only keys below it (sparse object), and so has "status".  Category
 * ids are borrowed from jansson's tree, which lives as long as the doc.
 *
 * Selecting fixes a category of every dimension but time, which leaves a
 * line through the cube: cell = sum of position * stride, the stride of a
 * dimension being the product of the sizes after it.  Only that line is
 * read, so a sparse cube with a huge cell count costs no more than its
 * time dimension.  Observations go to a staging array first, where
 * duplicate periods are found (two time categories such as "2021-07" and
 * "2021M07" can name one period); out changes only when nothing was
 * rejected.  The helpers for numbers, messages and staging are those of
 * sdmx_json.c, kept identical so that they can move to one place.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_pointer.h"
#include "json_value.h"
#include "jsonstat.h"

/* Most dimensions a dataset may have. */
#define JSTAT_DIM_MAX 64
/* Nested message buffers, each larger than the one it quotes. */
#define JSTAT_ERR_MAX 256
#define JSTAT_WHY_MAX 384
#define JSTAT_MSG_MAX 640
/* Longest text from the document quoted in a message. */
#define JSTAT_QUOTE_MAX 40
/* Categories listed in a message before "...". */
#define JSTAT_LIST_MAX 8
/* Largest size taken: doubles are exact integers up to 2^53. */
#define JSTAT_SIZE_MAX 9007199254740992.0

/* One dimension: its id, size, stride and category ids by position. */
struct jstat_dim {
	const char *id;
	size_t size;
	size_t stride;
	const char **cats;
};

/* The parsed dataset. */
struct feed_doc {
	json_t *root;
	struct jstat_dim dim[JSTAT_DIM_MAX];
	size_t ndim;
	size_t time; /* the time dimension */
	size_t ncells; /* the product of the sizes */
	json_t *value; /* an array or an object */
	json_t *status; /* a string, an array, an object, or NULL */
};

/* One observation on its way to the output, and its cell. */
struct jstat_staged {
	struct obs obs;
	size_t cell;
	size_t seq;
	bool drop;
};

/* The state of one select call. */
struct jstat_sel {
	const struct feed_doc *doc;
	struct jstat_staged *st;
	size_t nst, capst;
	size_t seen_obs, rejected;
	bool full; /* out of memory, or past OBS_LIST_MAX */
	enum freq freq;
	feed_reject_cb reject;
	void *arg;
};

/* The names a time dimension may have when role.time is absent. */
static const char *const jstat_time_names[] = {
    "time", "TIME", "TIME_PERIOD", "year", "date"};

/* Appends to buf at *off like snprintf; does nothing once buf is full. */

/* True when a JSON number is a whole number in [0, max). */
static bool
is_index(const json_t *v, double max)
{
	double d;

	if (!json_is_number(v))
		return false;
	d = json_number_value(v);
	return d >= 0 && d == floor(d) && d < max;
}

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
	json_value_msg(err, errlen, &off, "the response is an error");
	if (json_is_string(text))
		json_value_msg(
		    err, errlen, &off, ": %.120s", json_string_value(text));
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
		if (!is_index(s, JSTAT_SIZE_MAX) || json_number_value(s) < 1) {
			snprintf(err, errlen,
			    "size[%zu] (%.*s) is not a positive integer", i,
			    JSTAT_QUOTE_MAX, d->id);
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
	const char *key;
	json_t *pos;
	size_t p;

	json_object_foreach((json_t *)index, key, pos)
	{
		if (!is_index(pos, (double)d->size) ||
		    d->cats[(size_t)json_number_value(pos)] != NULL) {
			snprintf(err, errlen,
			    "dimension %.*s: category %.*s has no position of "
			    "its own below %zu",
			    JSTAT_QUOTE_MAX, d->id, JSTAT_QUOTE_MAX, key,
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
		snprintf(err, errlen, "dimension %.*s: category has no index",
		    JSTAT_QUOTE_MAX, d->id);
		return -1;
	}
	if (n != d->size) {
		snprintf(err, errlen,
		    "dimension %.*s has %zu categories, its size is %zu",
		    JSTAT_QUOTE_MAX, d->id, n, d->size);
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
			    "dimension %.*s: category %zu is %s, not an id",
			    JSTAT_QUOTE_MAX, d->id, i, json_value_type(v));
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
				    "dimension %.*s is listed twice in id",
				    JSTAT_QUOTE_MAX, d->id);
				return -1;
			}
		}
		cat = json_object_get(json_object_get(dims, d->id), "category");
		if (!json_is_object(cat)) {
			snprintf(err, errlen,
			    "dimension %.*s has no category object",
			    JSTAT_QUOTE_MAX, d->id);
			return -1;
		}
		if (jstat_cats_load(d, cat, err, errlen) == -1)
			return -1;
	}
	return 0;
}

/* The dimension called id, or -1. */
static long
jstat_dim_find(const struct feed_doc *doc, const char *id)
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
		    ? jstat_dim_find(doc, json_string_value(rt))
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
		if ((d = jstat_dim_find(doc, jstat_time_names[i])) >= 0) {
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
	const char *key;
	json_t *v;
	size_t cell;

	json_object_foreach((json_t *)obj, key, v)
	{
		if (cell_parse(key, ncells, &cell) == -1) {
			snprintf(err, errlen,
			    "%s: key \"%.*s\" is not a cell index below %zu",
			    what, JSTAT_QUOTE_MAX, key, ncells);
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

static void
jstat_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t d = 0; d < doc->ndim; d++)
		free(doc->dim[d].cats);
	json_decref(doc->root);
	free(doc);
}

static struct feed_doc *
jstat_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc = calloc(1, sizeof(*doc));
	json_error_t jerr;

	if (doc == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	doc->root = json_loadb(
	    buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &jerr);
	if (doc->root == NULL) {
		snprintf(err, errlen, "line %d column %d: %s", jerr.line,
		    jerr.column, jerr.text);
		free(doc);
		return NULL;
	}
	if (jstat_class_check(doc->root, err, errlen) == -1 ||
	    jstat_ids_load(doc, err, errlen) == -1 ||
	    jstat_dims_load(doc, err, errlen) == -1 ||
	    jstat_time_find(doc, err, errlen) == -1 ||
	    jstat_cells_load(doc, err, errlen) == -1) {
		jstat_free(doc);
		return NULL;
	}
	return doc;
}

static int
jstat_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	if (sel->nseries == 0) {
		snprintf(err, errlen,
		    "selector has no series: name a category of each "
		    "dimension but time (e.g. geo: CN)");
		return -1;
	}
	for (size_t i = 0; i < sel->nseries; i++) {
		const struct feed_dim *d = &sel->series[i];

		if (d->key == NULL || d->key[0] == '\0' || d->value == NULL ||
		    d->value[0] == '\0') {
			snprintf(err, errlen,
			    "series: dimension %zu has an empty name or code",
			    i + 1);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(sel->series[j].key, d->key) == 0) {
				snprintf(err, errlen,
				    "series: dimension %s is named twice",
				    d->key);
				return -1;
			}
		}
	}
	return 0;
}

/* Lists a dimension's categories as "A, B, C, ...". */
static void
cats_list(char *buf, size_t len, size_t *off, const struct jstat_dim *d)
{
	for (size_t c = 0; c < d->size; c++) {
		if (c == JSTAT_LIST_MAX) {
			json_value_msg(buf, len, off, ", ...");
			return;
		}
		json_value_msg(buf, len, off, "%s%.*s", c > 0 ? ", " : "",
		    JSTAT_QUOTE_MAX, d->cats[c]);
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
	json_value_msg(err, errlen, &off, "dimension %s has no category %s (",
	    d->id, code);
	cats_list(err, errlen, &off, d);
	json_value_msg(err, errlen, &off, ")");
	return -1;
}

/* Says that dimension key does not exist, listing those that do. */
static int
jstat_no_dim(
    const struct feed_doc *doc, const char *key, char *err, size_t errlen)
{
	size_t off = 0;

	json_value_msg(err, errlen, &off, "no dimension %s (dimensions:", key);
	for (size_t d = 0; d < doc->ndim; d++)
		json_value_msg(err, errlen, &off, "%s %.*s", d > 0 ? "," : "",
		    JSTAT_QUOTE_MAX, doc->dim[d].id);
	json_value_msg(err, errlen, &off, ")");
	return -1;
}

/* Says which dimensions the selector must still name. */
static int
jstat_unnamed(
    const struct feed_doc *doc, const size_t *pos, char *err, size_t errlen)
{
	size_t off = 0, n = 0;

	json_value_msg(err, errlen, &off, "name a category of");
	for (size_t d = 0; d < doc->ndim; d++) {
		if (pos[d] != SIZE_MAX || d == doc->time)
			continue;
		json_value_msg(err, errlen, &off, "%s %s (", n++ > 0 ? "," : "",
		    doc->dim[d].id);
		cats_list(err, errlen, &off, &doc->dim[d]);
		json_value_msg(err, errlen, &off, ")");
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
		if ((d = jstat_dim_find(doc, sel->series[i].key)) < 0)
			return jstat_no_dim(
			    doc, sel->series[i].key, err, errlen);
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

/* Appends one observation to the staging array. */
static void
jstat_stage(
    struct jstat_sel *s, const struct period *p, double value, size_t cell)
{
	struct jstat_staged *st;
	size_t cap;

	if (s->nst == OBS_LIST_MAX) {
		s->full = true;
		return;
	}
	if (s->nst == s->capst) {
		cap = s->capst == 0 ? 16 : s->capst * 2;
		if ((st = reallocarray(s->st, cap, sizeof(*st))) == NULL) {
			s->full = true;
			return;
		}
		s->st = st;
		s->capst = cap;
	}
	s->st[s->nst] = (struct jstat_staged){{*p, value}, cell, s->nst, false};
	s->nst++;
}

/* Reads the cell of time category t; -1 when rejected. */
static int
jstat_read(struct jstat_sel *s, size_t cell, size_t t)
{
	const struct feed_doc *doc = s->doc;
	char why[JSTAT_WHY_MAX], perr[JSTAT_ERR_MAX], ptext[PERIOD_TEXT_MAX];
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
	if (p.freq != s->freq) {
		period_format(&p, ptext, sizeof(ptext));
		snprintf(why, sizeof(why),
		    "period %s is %s, the indicator is %s", ptext,
		    freq_name(p.freq), freq_name(s->freq));
		return jstat_reject(s, cell, NULL, why);
	}
	if (json_value_get(v, &value, why, sizeof(why)) == -1)
		return jstat_reject(s, cell, &p, why);
	jstat_stage(s, &p, value, cell);
	return 0;
}

static int
staged_cmp(const void *a, const void *b)
{
	const struct jstat_staged *x = a, *y = b;
	int c = period_cmp(&x->obs.period, &y->obs.period);

	if (c != 0)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * After sorting, observations of one period are adjacent, in the order
 * they were read.  The first is kept; a later one with the same value is
 * dropped as a repetition, one with another value is rejected, naming both.
 */
static void
jstat_dups(struct jstat_sel *s)
{
	char why[JSTAT_WHY_MAX], a[32], b[32];
	const struct jstat_staged *first;
	size_t f = 0;

	for (size_t i = 1; i < s->nst; i++) {
		first = &s->st[f];
		if (!period_equal(&s->st[i].obs.period, &first->obs.period)) {
			f = i;
			continue;
		}
		s->st[i].drop = true;
		if (s->st[i].obs.value == first->obs.value)
			continue;
		json_value_text(s->st[i].obs.value, a, sizeof(a));
		json_value_text(first->obs.value, b, sizeof(b));
		snprintf(why, sizeof(why), "value %s, but value[%zu] has %s", a,
		    first->cell, b);
		jstat_reject(s, s->st[i].cell, &s->st[i].obs.period, why);
	}
}

/* Moves the staged observations to out, or leaves out as it was. */
static int
jstat_finish(
    struct jstat_sel *s, struct obs_list *out, char *err, size_t errlen)
{
	size_t n0 = out->n;

	if (s->full) {
		snprintf(err, errlen,
		    "more than %d observations, or out of memory",
		    OBS_LIST_MAX);
		return -1;
	}
	if (s->nst > 1)
		qsort(s->st, s->nst, sizeof(*s->st), staged_cmp);
	jstat_dups(s);
	if (s->rejected > 0) {
		snprintf(err, errlen, "%zu of %zu observations rejected",
		    s->rejected, s->seen_obs);
		return -1;
	}
	for (size_t i = 0; i < s->nst; i++) {
		if (s->st[i].drop)
			continue;
		if (obs_list_add(
			out, &s->st[i].obs.period, s->st[i].obs.value) == -1) {
			out->n = n0;
			snprintf(err, errlen,
			    "more than %d observations, or out of memory",
			    OBS_LIST_MAX);
			return -1;
		}
	}
	obs_list_sort(out);
	return 0;
}

static int
jstat_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	const struct jstat_dim *time = &doc->dim[doc->time];
	struct jstat_sel s;
	size_t base;
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
	rc = jstat_finish(&s, out, err, errlen);
	free(s.st);
	return rc;
}

const struct feed_format jsonstat_format = {
    .name = "json-stat",
    .load = jstat_load,
    .select = jstat_select,
    .free = jstat_free,
    .check = jstat_check,
};
