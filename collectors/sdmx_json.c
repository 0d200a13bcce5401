/*
 * sdmx_json: the SDMX-JSON data message format: selecting one series from
 * a message that sdmx_json_doc.c has loaded.
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
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catf.h"
#include "json_value.h"
#include "quote.h"
#include "sdmx_json.h"
#include "sdmx_json_doc.h"
#include "staging.h"

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

/* The state of one select call. */
struct sdmx_sel {
	const struct feed_doc *doc;
	enum sdmx_pass pass;
	bool *match[SDMX_DIM_MAX]; /* named dimensions: the codes asked for */
	bool *seen[SDMX_DIM_MAX]; /* the others: codes of matching series */
	json_t *ids; /* the matching series, as a set of key texts */
	uint32_t last[SDMX_DIM_MAX]; /* the identity added last */
	bool have_last;
	struct staging st; /* key: the series and observation keys */
	size_t seen_obs, rejected, key_rejects;
	bool full; /* out of memory */
	enum freq freq;
	feed_reject_cb reject;
	void *arg;
};

static int
sdmx_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	return feed_series_check(sel,
	    "selector has no series: name the dimensions of one "
	    "series (e.g. REF_AREA: CN)",
	    err, errlen);
}

/* Lists codes (those marked in mask, or all) as "A, B, C, ...". */
static void
codes_list(char *buf, size_t len, size_t *off, const struct sdmx_dim *d,
    const bool *mask)
{
	char q[SDMX_QUOTE_MAX + 8];
	size_t shown = 0;

	for (size_t v = 0; v < d->ncodes; v++) {
		if (mask != NULL && !mask[v])
			continue;
		if (shown == SDMX_LIST_MAX) {
			catf(buf, len, off, ", ...");
			return;
		}
		catf(buf, len, off, "%s%s", shown > 0 ? ", " : "",
		    quote_text(q, sizeof(q), d->codes[v], SDMX_QUOTE_MAX, 0));
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

/* The id of dimension d, for json_value_no_dim(). */
static const char *
sdmx_dim_id(const void *doc, size_t d)
{
	return ((const struct feed_doc *)doc)->dim[d].id;
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
	catf(err, errlen, &off, "dimension %s has no code %s (codes: ", dim->id,
	    code);
	codes_list(err, errlen, &off, dim, NULL);
	catf(err, errlen, &off, ")");
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
			return json_value_no_dim(sel->series[i].key, doc,
			    doc->ndim, sdmx_dim_id, err, errlen);
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
	staging_free(&s->st);
}

/* Writes "series K, observation O" or "observation O" (flat data sets). */
static void
sdmx_where(const char *skey, const char *okey, char *buf, size_t len)
{
	char q[SDMX_QUOTE_MAX + 8];
	size_t off = 0;

	if (skey != NULL)
		catf(buf, len, &off, "series %s",
		    quote_text(q, sizeof(q), skey, SDMX_QUOTE_MAX, 0));
	if (okey != NULL)
		catf(buf, len, &off, "%sobservation %s",
		    skey != NULL ? ", " : "",
		    quote_text(q, sizeof(q), okey, SDMX_QUOTE_MAX, 0));
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
		catf(text, sizeof(text), &off, "%u:", (unsigned)idx[d]);
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
	if (doc->status_coded && json_value_is_index(a, doc->nstatus)) {
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

/* Reads one observation of the selected series; -1 when rejected. */
static int
sdmx_read(struct sdmx_sel *s, const char *skey, const char *okey,
    const json_t *oval, const uint32_t *idx)
{
	const struct feed_doc *doc = s->doc;
	char why[SDMX_WHY_MAX], perr[SDMX_ERR_MAX];
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
	if (feed_freq_check(&p, s->freq, why, sizeof(why)) == -1) {
		return sdmx_reject(s, skey, okey, NULL, why);
	}
	if (json_value_get(v, &value, why, sizeof(why)) == -1)
		return sdmx_reject(s, skey, okey, &p, why);
	staging_add(&s->st,
	    &(struct staged){
		{p, value, obs_mark_of(status)}, .key = {skey, okey}});
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

	catf(err, errlen, &off, "%zu series match; name more dimensions:",
	    json_object_size(s->ids));
	for (size_t d = 0; d < doc->ndim; d++) {
		if (s->seen[d] == NULL)
			continue;
		count = 0;
		for (size_t v = 0; v < doc->dim[d].ncodes; v++)
			count += s->seen[d][v];
		if (count < 2)
			continue;
		catf(err, errlen, &off, "%s %s (", nvary++ > 0 ? "," : "",
		    doc->dim[d].id);
		codes_list(err, errlen, &off, &doc->dim[d], s->seen[d]);
		catf(err, errlen, &off, ")");
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
		catf(err, errlen, &off, "%zu keys rejected; ", s->rejected);
	catf(err, errlen, &off, "no series has");
	for (size_t i = 0; i < sel->nseries; i++)
		catf(err, errlen, &off, "%s %s=%s", i > 0 ? "," : "",
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

/*
 * Rejects an observation whose period an earlier one (another time code
 * of the same period) gave another value, naming both.
 */
static void
sdmx_conflict(void *arg, const struct staged *first, const struct staged *other)
{
	char why[SDMX_WHY_MAX], a[32], b[32], where[SDMX_ERR_MAX];

	json_value_text(other->obs.value, a, sizeof(a));
	json_value_text(first->obs.value, b, sizeof(b));
	sdmx_where(first->key[0], first->key[1], where, sizeof(where));
	snprintf(why, sizeof(why), "value %s, but %s has %s", a, where, b);
	sdmx_reject(arg, other->key[0], other->key[1], &other->obs.period, why);
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
		rc = staging_finish(&s.st,
		    &(struct staging_judge){.conflict = sdmx_conflict,
			.arg = &s,
			.rejected = &s.rejected,
			.what = "observations",
			.total = s.seen_obs + s.key_rejects,
			.toomany = "more than " STAGING_STR(
			    OBS_LIST_MAX) " observations, or out of memory"},
		    out, err, errlen);
	}
	sdmx_sel_clear(&s);
	return rc;
}

const struct feed_format sdmx_json_format = {
    .name = "sdmx-json",
    .load = sdmx_json_doc_load,
    .select = sdmx_select,
    .free = sdmx_json_doc_free,
    .check = sdmx_check,
};
