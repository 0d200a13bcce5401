/*
 * sdmx_json: the SDMX-JSON data message format.  Loading parses the message
 * with jansson (duplicate keys rejected, every number a double, as in
 * json_feed.c) and reads its structure once: the dimensions of each level
 * (dataSet, series, observation) with their codes, the time dimension, the
 * position of OBS_VALUE and of OBS_STATUS in an observation's array.  The
 * codes are borrowed from jansson's tree, which lives as long as the doc.
 *
 * Selecting walks the data set twice.  The first walk reads only keys: it
 * finds which series (combinations of every code but time) match the
 * selector, and reports keys that cannot be read.  Only when exactly one
 * series matches does the second walk read its observations.  Two walks
 * keep a selector that names too little from producing a flood of
 * rejections, and let the message list the codes that tell series apart.
 * Observations go to a staging array first, where duplicate periods are
 * found (two time codes such as "2021-07" and "2021-M07" can name one
 * period); out changes only when nothing was rejected.
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
#include "sdmx_json.h"

/* Most dimensions a message may have; SDMX DSDs rarely pass 20. */
#define SDMX_DIM_MAX 64
/* Nested message buffers, each larger than the one it quotes. */
#define SDMX_ERR_MAX 256
#define SDMX_WHY_MAX 384
#define SDMX_MSG_MAX 640
/* Longest text from the document quoted in a message. */
#define SDMX_QUOTE_MAX 40
/* Codes listed in a message before "...". */
#define SDMX_LIST_MAX 8
/* An identity's key text: SDMX_DIM_MAX indices of up to 10 digits. */
#define SDMX_ID_TEXT_MAX (SDMX_DIM_MAX * 11 + 1)

enum sdmx_level {
	SDMX_DATASET,
	SDMX_SERIES,
	SDMX_OBS,
	SDMX_NLEVELS,
};

static const char *const sdmx_level_names[SDMX_NLEVELS] = {
    "dataSet", "series", "observation"};

/* One dimension: its id, the level it is presented at, its codes. */
struct sdmx_dim {
	const char *id;
	enum sdmx_level level;
	bool time_role;
	size_t ncodes;
	const char **codes;
};

/* The parsed message. */
struct feed_doc {
	json_t *root;
	json_t *series; /* the data set's series, or NULL */
	json_t *observations; /* or its flat observations, or NULL */
	struct sdmx_dim dim[SDMX_DIM_MAX];
	size_t ndim;
	size_t at[SDMX_NLEVELS][SDMX_DIM_MAX]; /* dimensions of each level */
	size_t nat[SDMX_NLEVELS];
	size_t time; /* the time dimension */
	bool obs_keyed; /* an observation key holds more than time */
	size_t nmeasures; /* measures first in an observation's array */
	size_t value_pos; /* OBS_VALUE's position there */
	long status_pos; /* OBS_STATUS's position there, or -1 */
	bool status_coded; /* its values are indices into status_codes */
	const char **status_codes; /* NULL for a value with no id */
	size_t nstatus;
	const char *status_default;
};

/* What reading a key found. */
enum sdmx_key {
	SDMX_KEY_MATCH,
	SDMX_KEY_SKIP,
	SDMX_KEY_BAD,
};

/* The two walks over the data set. */
enum sdmx_pass {
	SDMX_FIND,
	SDMX_READ,
};

/* One observation on its way to the output, and where it came from. */
struct sdmx_staged {
	struct obs obs;
	const char *skey, *okey;
	size_t seq;
	bool drop;
};

/* The state of one select call. */
struct sdmx_sel {
	const struct feed_doc *doc;
	enum sdmx_pass pass;
	bool *match[SDMX_DIM_MAX]; /* named dimensions: the codes asked for */
	bool *seen[SDMX_DIM_MAX]; /* the others: codes of matching series */
	json_t *ids; /* the matching series, as a set of key texts */
	uint32_t last[SDMX_DIM_MAX]; /* the identity added last */
	bool have_last;
	struct sdmx_staged *st;
	size_t nst, capst;
	size_t seen_obs, rejected, key_rejects;
	bool full; /* out of memory, or past OBS_LIST_MAX */
	enum freq freq;
	feed_reject_cb reject;
	void *arg;
};

/* Appends to buf at *off like snprintf; does nothing once buf is full. */

/* True when a JSON number is a whole number in [0, max). */
static bool
is_index(const json_t *v, size_t max)
{
	double d;

	if (!json_is_number(v))
		return false;
	d = json_number_value(v);
	return d >= 0 && d == floor(d) && d < (double)max;
}

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

	json_value_msg(err, errlen, &off, "the message has no data");
	if (e == NULL) {
		json_value_msg(
		    err, errlen, &off, " (no \"data\" or \"dataSets\")");
		return -1;
	}
	for (size_t i = 0; i < 3 && !json_is_string(text); i++)
		text = json_object_get(e, names[i]);
	if (json_is_string(e))
		text = e;
	json_value_msg(err, errlen, &off, ": error");
	if (json_is_number(code))
		json_value_msg(
		    err, errlen, &off, " %g", json_number_value(code));
	if (json_is_string(text))
		json_value_msg(
		    err, errlen, &off, ": %.120s", json_string_value(text));
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
	if (i != NULL && !is_index(i, n)) {
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
			snprintf(err, errlen, "dimension %.*s is listed twice",
			    SDMX_QUOTE_MAX, d->id);
			return -1;
		}
	}
	if (!json_is_array(values)) {
		snprintf(err, errlen, "%s (%.*s): values is %s, not an array",
		    what, SDMX_QUOTE_MAX, d->id, json_value_type(values));
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
		    "dimension %.*s is at the dataSet level with %zu values, "
		    "not 1",
		    SDMX_QUOTE_MAX, d->id, d->ncodes);
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

static void
sdmx_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t d = 0; d < doc->ndim; d++)
		free(doc->dim[d].codes);
	free(doc->status_codes);
	json_decref(doc->root);
	free(doc);
}

static struct feed_doc *
sdmx_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc = calloc(1, sizeof(*doc));
	json_t *structure, *dataset;
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
	if (sdmx_parts(doc->root, &structure, &dataset, err, errlen) == -1 ||
	    sdmx_dims_load(doc, json_object_get(structure, "dimensions"), err,
		errlen) == -1 ||
	    sdmx_time_find(doc, err, errlen) == -1 ||
	    sdmx_measures_load(doc, structure, err, errlen) == -1 ||
	    sdmx_status_load(doc, structure, err, errlen) == -1 ||
	    sdmx_data_load(doc, dataset, err, errlen) == -1) {
		sdmx_free(doc);
		return NULL;
	}
	return doc;
}

static int
sdmx_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	if (sel->nseries == 0) {
		snprintf(err, errlen,
		    "selector has no series: name the dimensions of one "
		    "series (e.g. REF_AREA: CN)");
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

/* Lists codes (those marked in mask, or all) as "A, B, C, ...". */
static void
codes_list(char *buf, size_t len, size_t *off, const struct sdmx_dim *d,
    const bool *mask)
{
	size_t shown = 0;

	for (size_t v = 0; v < d->ncodes; v++) {
		if (mask != NULL && !mask[v])
			continue;
		if (shown == SDMX_LIST_MAX) {
			json_value_msg(buf, len, off, ", ...");
			return;
		}
		json_value_msg(buf, len, off, "%s%.*s", shown > 0 ? ", " : "",
		    SDMX_QUOTE_MAX, d->codes[v]);
		shown++;
	}
}

/* The dimension called id, or -1. */
static long
sdmx_dim_find(const struct feed_doc *doc, const char *id)
{
	for (size_t d = 0; d < doc->ndim; d++)
		if (strcmp(doc->dim[d].id, id) == 0)
			return (long)d;
	return -1;
}

/* Says that dimension key does not exist, listing those that do. */
static int
sdmx_no_dim(
    const struct feed_doc *doc, const char *key, char *err, size_t errlen)
{
	size_t off = 0;

	json_value_msg(err, errlen, &off, "no dimension %s (dimensions:", key);
	for (size_t d = 0; d < doc->ndim; d++)
		json_value_msg(err, errlen, &off, "%s %.*s", d > 0 ? "," : "",
		    SDMX_QUOTE_MAX, doc->dim[d].id);
	json_value_msg(err, errlen, &off, ")");
	return -1;
}

/* Marks the codes of dimension d equal to code; -1 when none is. */
static int
sdmx_match_make(
    struct sdmx_sel *s, size_t d, const char *code, char *err, size_t errlen)
{
	const struct sdmx_dim *dim = &s->doc->dim[d];
	bool found = false;
	size_t off = 0;

	if ((s->match[d] = calloc(dim->ncodes + 1, 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t v = 0; v < dim->ncodes; v++) {
		if (strcmp(dim->codes[v], code) == 0) {
			s->match[d][v] = true;
			found = true;
		}
	}
	if (found)
		return 0;
	json_value_msg(err, errlen, &off,
	    "dimension %s has no code %s (codes: ", dim->id, code);
	codes_list(err, errlen, &off, dim, NULL);
	json_value_msg(err, errlen, &off, ")");
	return -1;
}

/* Turns the selector into the codes each dimension must have. */
static int
sdmx_resolve(struct sdmx_sel *s, const struct feed_selector *sel, char *err,
    size_t errlen)
{
	const struct feed_doc *doc = s->doc;

	for (size_t i = 0; i < sel->nseries; i++) {
		long d = sdmx_dim_find(doc, sel->series[i].key);

		if (d < 0)
			return sdmx_no_dim(
			    doc, sel->series[i].key, err, errlen);
		if ((size_t)d == doc->time) {
			snprintf(err, errlen,
			    "%s is the time dimension: it cannot be selected",
			    doc->dim[d].id);
			return -1;
		}
		if (sdmx_match_make(
			s, (size_t)d, sel->series[i].value, err, errlen) == -1)
			return -1;
	}
	for (size_t d = 0; d < doc->ndim; d++) {
		if (s->match[d] != NULL || d == doc->time)
			continue;
		if ((s->seen[d] = calloc(doc->dim[d].ncodes + 1, 1)) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	if ((s->ids = json_object()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

static void
sdmx_sel_clear(struct sdmx_sel *s)
{
	for (size_t d = 0; d < SDMX_DIM_MAX; d++) {
		free(s->match[d]);
		free(s->seen[d]);
	}
	json_decref(s->ids);
	free(s->st);
}

/* Writes "series K, observation O" or "observation O" (flat data sets). */
static void
sdmx_where(const char *skey, const char *okey, char *buf, size_t len)
{
	size_t off = 0;

	if (skey != NULL)
		json_value_msg(buf, len, &off, "series %.*s%s", SDMX_QUOTE_MAX,
		    skey, strlen(skey) > SDMX_QUOTE_MAX ? "..." : "");
	if (okey != NULL)
		json_value_msg(buf, len, &off, "%sobservation %.*s%s",
		    skey != NULL ? ", " : "", SDMX_QUOTE_MAX, okey,
		    strlen(okey) > SDMX_QUOTE_MAX ? "..." : "");
}

/* Reports one rejected observation (or key) as "where[ (period p)]: why". */
static int
sdmx_reject(struct sdmx_sel *s, const char *skey, const char *okey,
    const struct period *p, const char *why)
{
	char msg[SDMX_MSG_MAX], where[SDMX_WHY_MAX], ptext[PERIOD_TEXT_MAX];

	sdmx_where(skey, okey, where, sizeof(where));
	if (p != NULL) {
		period_format(p, ptext, sizeof(ptext));
		snprintf(
		    msg, sizeof(msg), "%s (period %s): %s", where, ptext, why);
	} else
		snprintf(msg, sizeof(msg), "%s: %s", where, why);
	s->rejected++;
	if (s->reject != NULL)
		s->reject(s->arg, msg);
	return -1;
}

/*
 * Splits key into n indices separated by ':'.  An index is canonical
 * decimal (no sign, blank or leading zero), so that "01" and "1" cannot
 * name one series twice; a huge one saturates, which is out of range.
 */
static int
key_split(const char *key, size_t n, unsigned long long *v)
{
	const char *p = key;

	if (n == 0)
		return *p == '\0' ? 0 : -1;
	for (size_t i = 0; i < n; i++) {
		if (*p < '0' || *p > '9' ||
		    (*p == '0' && p[1] >= '0' && p[1] <= '9'))
			return -1;
		for (v[i] = 0; *p >= '0' && *p <= '9'; p++)
			v[i] = v[i] > (ULLONG_MAX - 9) / 10
			    ? ULLONG_MAX
			    : v[i] * 10 + (unsigned)(*p - '0');
		if (*p != (i + 1 < n ? ':' : '\0'))
			return -1;
		if (*p == ':')
			p++;
	}
	return 0;
}

/*
 * Reads a key of the dimensions of one level into idx.  A key with an
 * index naming a code the selector does not want is skipped, even when
 * another index is out of range: that series is not the one selected
 * either way.  Otherwise an index out of range makes the key bad.
 */
static enum sdmx_key
sdmx_key_read(const struct sdmx_sel *s, enum sdmx_level level, const char *key,
    uint32_t *idx, char *why, size_t whylen)
{
	const struct feed_doc *doc = s->doc;
	unsigned long long v[SDMX_DIM_MAX];
	size_t n = doc->nat[level], bad = SIZE_MAX;
	bool skip = false;

	if (key_split(key, n, v) == -1) {
		snprintf(why, whylen, "key is not %zu index%s separated by ':'",
		    n, n == 1 ? "" : "es");
		return SDMX_KEY_BAD;
	}
	for (size_t i = 0; i < n; i++) {
		size_t d = doc->at[level][i];

		if (v[i] >= doc->dim[d].ncodes) {
			if (bad == SIZE_MAX)
				bad = i;
			continue;
		}
		idx[d] = (uint32_t)v[i];
		if (s->match[d] != NULL && !s->match[d][v[i]])
			skip = true;
	}
	if (skip)
		return SDMX_KEY_SKIP;
	if (bad == SIZE_MAX)
		return SDMX_KEY_MATCH;
	snprintf(why, whylen, "index %llu of %s is out of range (%zu codes)",
	    v[bad], doc->dim[doc->at[level][bad]].id,
	    doc->dim[doc->at[level][bad]].ncodes);
	return SDMX_KEY_BAD;
}

/*
 * Adds the series of idx (its codes but time) to the set of matching
 * series, and marks its codes as seen for the message that lists them.
 */
static void
sdmx_id_add(struct sdmx_sel *s, const uint32_t *idx)
{
	const struct feed_doc *doc = s->doc;
	char text[SDMX_ID_TEXT_MAX];
	size_t off = 0, n = doc->ndim;
	uint32_t id[SDMX_DIM_MAX];

	memcpy(id, idx, n * sizeof(*idx));
	id[doc->time] = 0;
	if (s->have_last && memcmp(s->last, id, n * sizeof(*id)) == 0)
		return;
	memcpy(s->last, id, n * sizeof(*id));
	s->have_last = true;
	for (size_t d = 0; d < n; d++) {
		if (d == doc->time)
			continue;
		json_value_msg(
		    text, sizeof(text), &off, "%u:", (unsigned)idx[d]);
		if (s->seen[d] != NULL)
			s->seen[d][idx[d]] = true;
	}
	if (json_object_set_new(s->ids, off > 0 ? text : "", json_null()) == -1)
		s->full = true;
}

/*
 * Reads OBS_STATUS of an observation: an index into its codes, the code
 * itself when the attribute lists no values (2.x), or, when the array
 * stops before it, the attribute's default.  NULL when it has none.
 */
static int
sdmx_status_get(const struct feed_doc *doc, const json_t *oval,
    const char **code, char *why, size_t whylen)
{
	const json_t *a;

	*code = NULL;
	if (doc->status_pos < 0)
		return 0;
	if ((a = json_array_get(oval, (size_t)doc->status_pos)) == NULL) {
		*code = doc->status_default;
		return 0;
	}
	if (json_is_null(a))
		return 0;
	if (!doc->status_coded && json_is_string(a)) {
		*code = json_string_value(a);
		return 0;
	}
	if (doc->status_coded && is_index(a, doc->nstatus)) {
		*code = doc->status_codes[(size_t)json_number_value(a)];
		return 0;
	}
	if (json_is_number(a))
		snprintf(why, whylen,
		    "OBS_STATUS index %g is out of range (%zu codes)",
		    json_number_value(a), doc->nstatus);
	else
		snprintf(why, whylen, "OBS_STATUS is %s, not %s",
		    json_value_type(a),
		    doc->status_coded ? "an index" : "a string");
	return -1;
}

/* M: missing, data cannot exist; L: missing, data exist but not collected. */
static bool
status_missing(const char *code)
{
	return code != NULL &&
	    (strcmp(code, "M") == 0 || strcmp(code, "L") == 0);
}

/* Appends one observation to the staging array. */
static void
sdmx_stage(struct sdmx_sel *s, const struct period *p, double value,
    const char *skey, const char *okey)
{
	struct sdmx_staged *st;
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
	s->st[s->nst] =
	    (struct sdmx_staged){{*p, value}, skey, okey, s->nst, false};
	s->nst++;
}

/* Reads one observation of the selected series; -1 when rejected. */
static int
sdmx_read(struct sdmx_sel *s, const char *skey, const char *okey,
    const json_t *oval, const uint32_t *idx)
{
	const struct feed_doc *doc = s->doc;
	char why[SDMX_WHY_MAX], perr[SDMX_ERR_MAX], ptext[PERIOD_TEXT_MAX];
	const char *status;
	const json_t *v;
	struct period p;
	double value;

	s->seen_obs++;
	if (!json_is_array(oval)) {
		snprintf(why, sizeof(why), "observation is %s, not an array",
		    json_value_type(oval));
		return sdmx_reject(s, skey, okey, NULL, why);
	}
	if ((v = json_array_get(oval, doc->value_pos)) == NULL) {
		snprintf(why, sizeof(why),
		    "observation has %zu elements, no value at position %zu",
		    json_array_size(oval), doc->value_pos);
		return sdmx_reject(s, skey, okey, NULL, why);
	}
	if (json_is_null(v))
		return 0;
	if (sdmx_status_get(doc, oval, &status, why, sizeof(why)) == -1)
		return sdmx_reject(s, skey, okey, NULL, why);
	if (status_missing(status))
		return 0;
	if (period_parse_ctx(doc->dim[doc->time].codes[idx[doc->time]],
		&(struct period_context){.freq = s->freq}, &p, perr,
		sizeof(perr)) == -1) {
		snprintf(why, sizeof(why), "period %s", perr);
		return sdmx_reject(s, skey, okey, NULL, why);
	}
	if (p.freq != s->freq) {
		period_format(&p, ptext, sizeof(ptext));
		snprintf(why, sizeof(why),
		    "period %s is %s, the indicator is %s", ptext,
		    freq_name(p.freq), freq_name(s->freq));
		return sdmx_reject(s, skey, okey, NULL, why);
	}
	if (json_value_get(v, &value, why, sizeof(why)) == -1)
		return sdmx_reject(s, skey, okey, &p, why);
	sdmx_stage(s, &p, value, skey, okey);
	return 0;
}

/* Walks the observations of one series (skey NULL: a flat data set). */
static void
sdmx_walk_obs(struct sdmx_sel *s, const char *skey, json_t *obs, uint32_t *idx)
{
	char why[SDMX_WHY_MAX];
	const char *okey;
	json_t *oval;

	json_object_foreach(obs, okey, oval)
	{
		switch (
		    sdmx_key_read(s, SDMX_OBS, okey, idx, why, sizeof(why))) {
		case SDMX_KEY_SKIP:
			continue;
		case SDMX_KEY_BAD:
			if (s->pass == SDMX_FIND)
				sdmx_reject(s, skey, okey, NULL, why);
			continue;
		case SDMX_KEY_MATCH:
			break;
		}
		if (s->pass == SDMX_READ)
			sdmx_read(s, skey, okey, oval, idx);
		else if (s->doc->obs_keyed)
			sdmx_id_add(s, idx);
	}
}

/* Walks one series: its key, then its observations. */
static void
sdmx_walk_series(
    struct sdmx_sel *s, const char *skey, json_t *sval, uint32_t *idx)
{
	char why[SDMX_WHY_MAX];
	json_t *obs;

	switch (sdmx_key_read(s, SDMX_SERIES, skey, idx, why, sizeof(why))) {
	case SDMX_KEY_SKIP:
		return;
	case SDMX_KEY_BAD:
		if (s->pass == SDMX_FIND)
			sdmx_reject(s, skey, NULL, NULL, why);
		return;
	case SDMX_KEY_MATCH:
		break;
	}
	obs = json_object_get(sval, "observations");
	if (json_is_null(obs))
		obs = NULL;
	if (!json_is_object(sval) || (obs != NULL && !json_is_object(obs))) {
		snprintf(why, sizeof(why), "%s is %s, not an object",
		    json_is_object(sval) ? "observations" : "series",
		    json_value_type(json_is_object(sval) ? obs : sval));
		if (s->pass == SDMX_FIND)
			sdmx_reject(s, skey, NULL, NULL, why);
		return;
	}
	if (s->pass == SDMX_FIND && !s->doc->obs_keyed)
		sdmx_id_add(s, idx);
	if (obs != NULL)
		sdmx_walk_obs(s, skey, obs, idx);
}

/* One walk over the data set, in the current pass. */
static void
sdmx_walk(struct sdmx_sel *s)
{
	const struct feed_doc *doc = s->doc;
	uint32_t idx[SDMX_DIM_MAX] = {0};
	const char *skey;
	json_t *sval;

	for (size_t i = 0; i < doc->nat[SDMX_DATASET]; i++) {
		size_t d = doc->at[SDMX_DATASET][i];

		if (s->match[d] != NULL && !s->match[d][0])
			return;
	}
	if (doc->series != NULL) {
		json_object_foreach(doc->series, skey, sval)
		    sdmx_walk_series(s, skey, sval, idx);
	} else if (doc->observations != NULL)
		sdmx_walk_obs(s, NULL, doc->observations, idx);
}

/* "3 series match; name more dimensions: REF_AREA (CN, US), ..." */
static int
sdmx_ambiguous(const struct sdmx_sel *s, char *err, size_t errlen)
{
	const struct feed_doc *doc = s->doc;
	size_t off = 0, nvary = 0, count;

	json_value_msg(err, errlen, &off,
	    "%zu series match; name more dimensions:",
	    json_object_size(s->ids));
	for (size_t d = 0; d < doc->ndim; d++) {
		if (s->seen[d] == NULL)
			continue;
		count = 0;
		for (size_t v = 0; v < doc->dim[d].ncodes; v++)
			count += s->seen[d][v];
		if (count < 2)
			continue;
		json_value_msg(err, errlen, &off, "%s %s (",
		    nvary++ > 0 ? "," : "", doc->dim[d].id);
		codes_list(err, errlen, &off, &doc->dim[d], s->seen[d]);
		json_value_msg(err, errlen, &off, ")");
	}
	return -1;
}

/* "no series has FREQ=A, REF_AREA=XX" */
static int
sdmx_none(const struct sdmx_sel *s, const struct feed_selector *sel, char *err,
    size_t errlen)
{
	size_t off = 0;

	if (s->rejected > 0)
		json_value_msg(
		    err, errlen, &off, "%zu keys rejected; ", s->rejected);
	json_value_msg(err, errlen, &off, "no series has");
	for (size_t i = 0; i < sel->nseries; i++)
		json_value_msg(err, errlen, &off, "%s %s=%s", i > 0 ? "," : "",
		    sel->series[i].key, sel->series[i].value);
	return -1;
}

/* The first walk: exactly one series must match. */
static int
sdmx_find(struct sdmx_sel *s, const struct feed_selector *sel, char *err,
    size_t errlen)
{
	s->pass = SDMX_FIND;
	sdmx_walk(s);
	if (s->full) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->key_rejects = s->rejected;
	if (json_object_size(s->ids) > 1)
		return sdmx_ambiguous(s, err, errlen);
	if (json_object_size(s->ids) == 0)
		return sdmx_none(s, sel, err, errlen);
	return 0;
}

static int
staged_cmp(const void *a, const void *b)
{
	const struct sdmx_staged *x = a, *y = b;
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
sdmx_dups(struct sdmx_sel *s)
{
	char why[SDMX_WHY_MAX], a[32], b[32], where[SDMX_ERR_MAX];
	const struct sdmx_staged *first;
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
		sdmx_where(first->skey, first->okey, where, sizeof(where));
		snprintf(
		    why, sizeof(why), "value %s, but %s has %s", a, where, b);
		sdmx_reject(
		    s, s->st[i].skey, s->st[i].okey, &s->st[i].obs.period, why);
	}
}

/* Moves the staged observations to out, or leaves out as it was. */
static int
sdmx_finish(struct sdmx_sel *s, struct obs_list *out, char *err, size_t errlen)
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
	sdmx_dups(s);
	if (s->rejected > 0) {
		snprintf(err, errlen, "%zu of %zu observations rejected",
		    s->rejected, s->seen_obs + s->key_rejects);
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
sdmx_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	struct sdmx_sel s;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.doc = doc;
	s.freq = freq;
	s.reject = reject;
	s.arg = arg;
	if (sdmx_check(sel, err, errlen) == 0 &&
	    sdmx_resolve(&s, sel, err, errlen) == 0 &&
	    sdmx_find(&s, sel, err, errlen) == 0) {
		s.pass = SDMX_READ;
		sdmx_walk(&s);
		rc = sdmx_finish(&s, out, err, errlen);
	}
	sdmx_sel_clear(&s);
	return rc;
}

const struct feed_format sdmx_json_format = {
    .name = "sdmx-json",
    .load = sdmx_load,
    .select = sdmx_select,
    .free = sdmx_free,
    .check = sdmx_check,
};
