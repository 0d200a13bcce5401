/*
 * sdmx_json_doc: loading an SDMX-JSON data message (sdmx_json_doc.h).  The
 * message is parsed with jansson (duplicate keys rejected, every number a
 * double, as in json_feed.c) and its structure read once: the dimensions
 * of each level (dataSet, series, observation) with their codes, the time
 * dimension, the position of OBS_VALUE and of OBS_STATUS in an
 * observation's array.  The codes are borrowed from jansson's tree, which
 * lives as long as the doc.  SDMX-JSON 1.0 and 2.x differ in where the
 * structure and the data set are and in how codes and measures are
 * listed; the differences stay in this file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catf.h"
#include "json_value.h"
#include "quote.h"
#include "sdmx_json_doc.h"

static const char *const sdmx_level_names[SDMX_NLEVELS] = {
    "dataSet", "series", "observation"};

/* A component's code: its id, or (SDMX-JSON 2.x) its value. */
static const char *
code_of(const json_t *value)
{
	const json_t *s = json_object_get(value, "id");

	if (!json_is_string(s))
		s = json_object_get(value, "value");
	return json_is_string(s) ? json_string_value(s) : NULL;
}

/*
 * Reads the codes of a component's values array into a new array of
 * borrowed strings.  Dimensions need a code for every value; attributes
 * may have values without one (NULL).
 */
static const char **
codes_load(const json_t *values, const char *what, bool need, size_t *n,
    char *err, size_t errlen)
{
	const char **codes;
	const json_t *v;
	size_t i;

	*n = json_array_size(values);
	if (*n > UINT32_MAX) {
		snprintf(err, errlen, "%s: too many values", what);
		return NULL;
	}
	if ((codes = calloc(*n > 0 ? *n : 1, sizeof(*codes))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	json_array_foreach(values, i, v)
	{
		codes[i] = code_of(v);
		if (codes[i] == NULL && need) {
			snprintf(
			    err, errlen, "%s: value %zu has no id", what, i);
			free(codes);
			return NULL;
		}
	}
	return codes;
}

/* True when a component has role r in "roles" (or "role"), array or not. */
static bool
has_role(const json_t *comp, const char *r)
{
	const char *names[] = {"roles", "role"};
	const json_t *roles, *v;
	size_t i;

	for (size_t k = 0; k < 2; k++) {
		roles = json_object_get(comp, names[k]);
		if (json_is_string(roles) &&
		    strcmp(json_string_value(roles), r) == 0)
			return true;
		json_array_foreach(roles, i, v)
		{
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), r) == 0)
				return true;
		}
	}
	return false;
}

/* Describes the first of a message's errors, for a message without data. */
static int
sdmx_no_data(const json_t *root, char *err, size_t errlen)
{
	const json_t *e = json_array_get(json_object_get(root, "errors"), 0);
	const json_t *code = json_object_get(e, "code"), *text = NULL;
	const char *names[] = {"title", "detail", "message"};
	size_t off = 0;

	catf(err, errlen, &off, "the message has no data");
	if (e == NULL) {
		catf(err, errlen, &off, " (no \"data\" or \"dataSets\")");
		return -1;
	}
	for (size_t i = 0; i < 3 && !json_is_string(text); i++)
		text = json_object_get(e, names[i]);
	if (json_is_string(e))
		text = e;
	catf(err, errlen, &off, ": error");
	if (json_is_number(code))
		catf(err, errlen, &off, " %g", json_number_value(code));
	if (json_is_string(text))
		catf(err, errlen, &off, ": %.120s", json_string_value(text));
	return -1;
}

/* Finds the one data set of data (the message, or its "data"). */
static int
sdmx_dataset_get(const json_t *data, json_t **dataset, char *err, size_t errlen)
{
	json_t *sets = json_object_get(data, "dataSets");
	const json_t *action;

	if (!json_is_array(sets)) {
		snprintf(err, errlen, "dataSets is %s, not an array",
		    json_value_type(sets));
		return -1;
	}
	if (json_array_size(sets) != 1) {
		snprintf(err, errlen,
		    "%zu data sets; planwatch reads messages with exactly one",
		    json_array_size(sets));
		return -1;
	}
	*dataset = json_array_get(sets, 0);
	if (!json_is_object(*dataset)) {
		snprintf(err, errlen, "dataSets[0] is %s, not an object",
		    json_value_type(*dataset));
		return -1;
	}
	action = json_object_get(*dataset, "action");
	if (json_is_string(action) &&
	    strcmp(json_string_value(action), "Delete") == 0) {
		snprintf(err, errlen,
		    "the data set's action is Delete: it publishes no values");
		return -1;
	}
	return 0;
}

/* SDMX-JSON 2.x: the structure the data set names by its index. */
static int
sdmx_structure_pick(const json_t *structs, const json_t *dataset,
    json_t **structure, char *err, size_t errlen)
{
	const json_t *i = json_object_get(dataset, "structure");
	size_t n = json_array_size(structs);

	if (!json_is_array(structs) || n == 0) {
		snprintf(err, errlen, "structures is %s, not a non-empty array",
		    json_value_type(structs));
		return -1;
	}
	if (i != NULL && !json_value_is_index(i, n)) {
		snprintf(err, errlen,
		    "dataSets[0].structure is not an index of the %zu "
		    "structures",
		    n);
		return -1;
	}
	*structure =
	    json_array_get(structs, i ? (size_t)json_number_value(i) : 0);
	return 0;
}

/*
 * Finds the structure and the data set.  SDMX-JSON 1.0 has them in
 * "data"; its drafts (still served by OECD.Stat and others) at the top of
 * the message; 2.x has a list of structures in "data".
 */
static int
sdmx_parts(json_t *root, json_t **structure, json_t **dataset, char *err,
    size_t errlen)
{
	json_t *data, *structs;

	if (!json_is_object(root)) {
		snprintf(err, errlen, "the message is %s, not an object",
		    json_value_type(root));
		return -1;
	}
	data = json_object_get(root, "data");
	if (data == NULL || json_is_null(data)) {
		if (json_object_get(root, "dataSets") == NULL)
			return sdmx_no_data(root, err, errlen);
		data = root;
	} else if (!json_is_object(data)) {
		snprintf(err, errlen, "data is %s, not an object",
		    json_value_type(data));
		return -1;
	}
	if (sdmx_dataset_get(data, dataset, err, errlen) == -1)
		return -1;
	structs = json_object_get(data, "structures");
	if (structs != NULL && !json_is_null(structs))
		return sdmx_structure_pick(
		    structs, *dataset, structure, err, errlen);
	*structure = json_object_get(data, "structure");
	if (*structure == NULL)
		*structure = json_object_get(root, "structure");
	if (!json_is_object(*structure)) {
		snprintf(err, errlen, "structure is %s, not an object",
		    json_value_type(*structure));
		return -1;
	}
	return 0;
}

/* Reads one dimension component at level. */
static int
sdmx_dim_load(struct feed_doc *doc, const json_t *comp, enum sdmx_level level,
    size_t i, char *err, size_t errlen)
{
	char q[SDMX_QUOTE_MAX + 8];
	struct sdmx_dim *d = &doc->dim[doc->ndim];
	const json_t *id = json_object_get(comp, "id");
	const json_t *values = json_object_get(comp, "values");
	char what[SDMX_ERR_MAX];

	snprintf(what, sizeof(what), "dimensions.%s[%zu]",
	    sdmx_level_names[level], i);
	if (doc->ndim == SDMX_DIM_MAX) {
		snprintf(err, errlen, "more than %d dimensions", SDMX_DIM_MAX);
		return -1;
	}
	if (!json_is_string(id) || json_string_length(id) == 0) {
		snprintf(err, errlen, "%s has no id", what);
		return -1;
	}
	d->id = json_string_value(id);
	for (size_t k = 0; k < doc->ndim; k++) {
		if (strcmp(doc->dim[k].id, d->id) == 0) {
			snprintf(err, errlen, "dimension %s is listed twice",
			    quote_text(q, sizeof(q), d->id, SDMX_QUOTE_MAX, 0));
			return -1;
		}
	}
	if (!json_is_array(values)) {
		snprintf(err, errlen, "%s (%s): values is %s, not an array",
		    what, quote_text(q, sizeof(q), d->id, SDMX_QUOTE_MAX, 0),
		    json_value_type(values));
		return -1;
	}
	if ((d->codes = codes_load(
		 values, what, true, &d->ncodes, err, errlen)) == NULL)
		return -1;
	d->level = level;
	d->time_role = has_role(comp, "TIME_PERIOD") || has_role(comp, "time");
	doc->at[level][doc->nat[level]++] = doc->ndim++;
	if (level == SDMX_DATASET && d->ncodes != 1) {
		snprintf(err, errlen,
		    "dimension %s is at the dataSet level with %zu values, "
		    "not 1",
		    quote_text(q, sizeof(q), d->id, SDMX_QUOTE_MAX, 0),
		    d->ncodes);
		return -1;
	}
	return 0;
}

/* Reads the dimensions of every level. */
static int
sdmx_dims_load(
    struct feed_doc *doc, const json_t *dims, char *err, size_t errlen)
{
	const json_t *arr, *comp;
	size_t i;

	if (!json_is_object(dims)) {
		snprintf(err, errlen,
		    "structure.dimensions is %s, not an object",
		    json_value_type(dims));
		return -1;
	}
	for (int level = 0; level < SDMX_NLEVELS; level++) {
		arr = json_object_get(dims, sdmx_level_names[level]);
		if (arr == NULL || json_is_null(arr))
			continue;
		if (!json_is_array(arr)) {
			snprintf(err, errlen,
			    "dimensions.%s is %s, not an array",
			    sdmx_level_names[level], json_value_type(arr));
			return -1;
		}
		json_array_foreach(arr, i, comp)
		{
			if (sdmx_dim_load(doc, comp, (enum sdmx_level)level, i,
				err, errlen) == -1)
				return -1;
		}
	}
	return 0;
}

/*
 * The time dimension is the one called TIME_PERIOD; failing that, the one
 * with the role TIME_PERIOD (SDMX-JSON 1.0 and 2.x) or "time" (drafts).
 */
static int
sdmx_time_find(struct feed_doc *doc, char *err, size_t errlen)
{
	size_t n = 0;

	for (size_t d = 0; d < doc->ndim; d++) {
		if (strcmp(doc->dim[d].id, "TIME_PERIOD") == 0) {
			doc->time = d;
			return 0;
		}
	}
	for (size_t d = 0; d < doc->ndim; d++) {
		if (doc->dim[d].time_role) {
			doc->time = d;
			n++;
		}
	}
	if (n == 1)
		return 0;
	if (n == 0)
		snprintf(err, errlen,
		    "no time dimension: none is called TIME_PERIOD or has "
		    "the role TIME_PERIOD");
	else
		snprintf(err, errlen, "%zu dimensions have the time role", n);
	return -1;
}

/* SDMX-JSON 2.x lists measures; an observation's array starts with them. */
static int
sdmx_measures_load(
    struct feed_doc *doc, const json_t *st, char *err, size_t errlen)
{
	const json_t *m = json_object_get(st, "measures"), *arr, *comp;
	size_t i, n;

	doc->nmeasures = 1;
	doc->value_pos = 0;
	if (m == NULL || json_is_null(m))
		return 0;
	arr = json_object_get(m, "observation");
	if ((n = json_array_size(arr)) == 0) {
		snprintf(err, errlen, "the structure has no measure");
		return -1;
	}
	doc->nmeasures = n;
	doc->value_pos = SIZE_MAX;
	json_array_foreach(arr, i, comp)
	{
		const json_t *id = json_object_get(comp, "id");

		if (json_is_string(id) &&
		    strcmp(json_string_value(id), "OBS_VALUE") == 0)
			doc->value_pos = i;
	}
	if (doc->value_pos == SIZE_MAX && n == 1)
		doc->value_pos = 0;
	if (doc->value_pos == SIZE_MAX) {
		snprintf(err, errlen, "%zu measures and none is OBS_VALUE", n);
		return -1;
	}
	if (json_object_get(json_array_get(arr, doc->value_pos), "values")) {
		snprintf(err, errlen, "the measure is coded, not a number");
		return -1;
	}
	return 0;
}

/* Finds OBS_STATUS among the observation-level attributes. */
static int
sdmx_status_load(
    struct feed_doc *doc, const json_t *st, char *err, size_t errlen)
{
	const json_t *attrs = json_object_get(st, "attributes"), *arr,
		     *comp = NULL;
	const json_t *values, *dflt;
	size_t i;

	doc->status_pos = -1;
	arr = json_object_get(attrs, "observation");
	if (arr == NULL || json_is_null(arr))
		return 0;
	if (!json_is_array(arr)) {
		snprintf(err, errlen,
		    "attributes.observation is %s, not an array",
		    json_value_type(arr));
		return -1;
	}
	json_array_foreach(arr, i, comp)
	{
		const json_t *id = json_object_get(comp, "id");

		if ((json_is_string(id) &&
			strcmp(json_string_value(id), "OBS_STATUS") == 0) ||
		    has_role(comp, "OBS_STATUS"))
			break;
	}
	if (i == json_array_size(arr))
		return 0;
	doc->status_pos = (long)(doc->nmeasures + i);
	values = json_object_get(comp, "values");
	if ((doc->status_coded = json_is_array(values)) &&
	    (doc->status_codes = codes_load(values, "OBS_STATUS", false,
		 &doc->nstatus, err, errlen)) == NULL)
		return -1;
	dflt = json_object_get(comp, "default");
	doc->status_default =
	    json_is_string(dflt) ? json_string_value(dflt) : NULL;
	return 0;
}

/* Finds the data set's series (or flat observations). */
static int
sdmx_data_load(struct feed_doc *doc, json_t *ds, char *err, size_t errlen)
{
	json_t *series = json_object_get(ds, "series");
	json_t *obs = json_object_get(ds, "observations");

	doc->series = json_is_null(series) ? NULL : series;
	doc->observations = json_is_null(obs) ? NULL : obs;
	if (doc->series != NULL && doc->observations != NULL) {
		snprintf(err, errlen,
		    "the data set has both series and observations");
		return -1;
	}
	if ((doc->series && !json_is_object(doc->series)) ||
	    (doc->observations && !json_is_object(doc->observations))) {
		snprintf(err, errlen, "the data set's %s is %s, not an object",
		    doc->series ? "series" : "observations",
		    json_value_type(
			doc->series ? doc->series : doc->observations));
		return -1;
	}
	if (doc->observations != NULL && doc->nat[SDMX_SERIES] > 0) {
		snprintf(err, errlen,
		    "flat observations, but %zu dimensions at the series "
		    "level",
		    doc->nat[SDMX_SERIES]);
		return -1;
	}
	for (size_t i = 0; i < doc->nat[SDMX_OBS]; i++)
		if (doc->at[SDMX_OBS][i] != doc->time)
			doc->obs_keyed = true;
	return 0;
}

void
sdmx_json_doc_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t d = 0; d < doc->ndim; d++)
		free(doc->dim[d].codes);
	free(doc->status_codes);
	json_decref(doc->root);
	free(doc);
}

struct feed_doc *
sdmx_json_doc_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc;
	json_t *structure, *dataset;

	if ((doc = json_value_doc(buf, len, sizeof(*doc), err, errlen)) == NULL)
		return NULL;
	if (sdmx_parts(doc->root, &structure, &dataset, err, errlen) == -1 ||
	    sdmx_dims_load(doc, json_object_get(structure, "dimensions"), err,
		errlen) == -1 ||
	    sdmx_time_find(doc, err, errlen) == -1 ||
	    sdmx_measures_load(doc, structure, err, errlen) == -1 ||
	    sdmx_status_load(doc, structure, err, errlen) == -1 ||
	    sdmx_data_load(doc, dataset, err, errlen) == -1) {
		sdmx_json_doc_free(doc);
		return NULL;
	}
	return doc;
}
