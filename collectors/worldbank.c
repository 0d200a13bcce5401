/*
 * worldbank: the World Bank Indicators API v2 JSON format.  A page is
 *
 *	[{"page": 1, "pages": 3, "per_page": 50, "total": 130, ...},
 *	 [{"indicator": {"id": "NY.GDP.MKTP.CD", "value": "GDP (current US$)"},
 *	   "country": {"id": "CN", "value": "China"},
 *	   "countryiso3code": "CHN", "date": "2021",
 *	   "value": 17734062645371.4, "unit": "", "obs_status": "",
 *	   "decimal": 0}, ...]]
 *
 * with null in place of the rows when the answer is empty, and an error is
 * [{"message": [{"id": "120", "key": "Invalid value", "value": "..."}]}],
 * which load turns into its message.  The document is kept as jansson's
 * tree, loaded like the json format's (duplicate keys rejected, every
 * number a double).  The metadata's counts are numbers or, in older
 * answers, numeric strings ("per_page": "50"); both are read.
 *
 * select judges every row: rows that cannot be told apart (no country or
 * indicator id) and rows of the series that cannot be read are rejected
 * one by one through the callback, and the result is all or nothing, as
 * in the json format.  Two rows of one period with the same value are one
 * observation (the repeat says nothing new); with different values the
 * later row is rejected naming the earlier one, since choosing either
 * would be a guess.  Row numbers in messages are 0-based positions in the
 * rows array (after worldbank_merge, across all merged pages).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_pointer.h"
#include "json_value.h"
#include "quote.h"
#include "staging.h"
#include "worldbank.h"

/* Nested message buffers, each larger than the one inside it. */
#define WB_ERR_MAX 256
#define WB_WHY_MAX 400
#define WB_MSG_MAX 512
/* Longest text from the feed quoted in a message, in bytes: codes, and
 * the text of an API error. */
#define WB_QUOTE_MAX 60
#define WB_TEXT_MAX 160
/* Largest count believed in the metadata. */
#define WB_COUNT_MAX 1000000000L

struct feed_doc {
	json_t *root; /* first: json_value_doc() fills it */
	json_t *rows; /* root[1], or NULL when the answer has no rows */
	long page, pages, total;
	unsigned char *merged; /* merged[p]: page p is in rows */
};

/* The fields of a row that say which series it belongs to. */
struct wb_row {
	const char *country, *iso3, *indicator;
	json_t *date, *value;
	enum obs_mark mark; /* obs_status: a code or word, else unstated */
};

/* The first two distinct values of a row field, for the one-series rule. */
struct wb_seen {
	const char *first, *other;
};

/* The state of one select. */
struct wb_select {
	const char *country, *indicator; /* from the selector, or NULL */
	enum freq freq;
	feed_reject_cb reject;
	void *arg;
	struct staging hits; /* at: the row */
	struct wb_seen countries, indicators;
	size_t matched, rejected;
};

/* ASCII case-insensitive equality: country and indicator codes. */
static bool
code_equal(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? *a - 'a' + 'A' : *a;
		char y = *b >= 'a' && *b <= 'z' ? *b - 'a' + 'A' : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

/* Reads a metadata count, a number or a string of digits. */
static int
meta_count(json_t *meta, const char *key, long *out, char *err, size_t errlen)
{
	json_t *v = json_object_get(meta, key);
	const char *s;
	double d = -1;

	if (json_is_number(v))
		d = json_number_value(v);
	else if (json_is_string(v)) {
		s = json_string_value(v);
		if (*s != '\0' && strlen(s) <= 10 &&
		    strspn(s, "0123456789") == strlen(s))
			d = strtod(s, NULL);
	} else {
		snprintf(err, errlen, "metadata: %s is %s, not a number", key,
		    v == NULL ? "missing" : json_pointer_type_name(v));
		return -1;
	}
	if (!(d >= 0 && d <= WB_COUNT_MAX) || d != (double)(long)d) {
		snprintf(err, errlen, "metadata: %s is not a count", key);
		return -1;
	}
	*out = (long)d;
	return 0;
}

/* Turns the API's error form into err. */
static void
api_error(json_t *messages, char *err, size_t errlen)
{
	char id[WB_QUOTE_MAX + 8] = "", key[WB_QUOTE_MAX + 8] = "";
	char text[WB_TEXT_MAX + 8] = "";
	json_t *m = json_array_get(messages, 0), *v;

	if (json_is_string(messages)) {
		quote_text(text, sizeof(text), json_string_value(messages),
		    WB_TEXT_MAX, 0);
		snprintf(err, errlen, "World Bank API error: %s", text);
		return;
	}
	if ((v = json_object_get(m, "id")) != NULL && json_is_string(v))
		quote_text(
		    id, sizeof(id), json_string_value(v), WB_QUOTE_MAX, 0);
	else if (json_is_number(v))
		snprintf(id, sizeof(id), "%.0f", json_number_value(v));
	if ((v = json_object_get(m, "key")) != NULL && json_is_string(v))
		quote_text(
		    key, sizeof(key), json_string_value(v), WB_QUOTE_MAX, 0);
	if ((v = json_object_get(m, "value")) != NULL && json_is_string(v))
		quote_text(
		    text, sizeof(text), json_string_value(v), WB_TEXT_MAX, 0);
	if (!json_is_object(m) ||
	    (*id == '\0' && *key == '\0' && *text == '\0'))
		snprintf(
		    err, errlen, "World Bank API error, without a message");
	else
		snprintf(err, errlen, "World Bank API error %s (%s): %s", id,
		    key, text);
}

/* Reads the page's metadata and finds its rows. */
static int
doc_read(struct feed_doc *doc, char *err, size_t errlen)
{
	json_t *meta = json_array_get(doc->root, 0);
	json_t *msg = json_object_get(meta, "message");

	if (msg != NULL) {
		api_error(msg, err, errlen);
		return -1;
	}
	if (json_array_size(doc->root) != 2 || !json_is_object(meta)) {
		snprintf(err, errlen,
		    "not a World Bank API page: expected [metadata, rows]");
		return -1;
	}
	if (meta_count(meta, "page", &doc->page, err, errlen) == -1 ||
	    meta_count(meta, "pages", &doc->pages, err, errlen) == -1 ||
	    meta_count(meta, "total", &doc->total, err, errlen) == -1)
		return -1;
	if (doc->pages > WORLDBANK_PAGES_MAX) {
		snprintf(err, errlen,
		    "metadata: %ld pages, more than the limit of %d (ask for "
		    "a larger per_page)",
		    doc->pages, WORLDBANK_PAGES_MAX);
		return -1;
	}
	if (doc->pages > 0 && (doc->page < 1 || doc->page > doc->pages)) {
		snprintf(err, errlen, "metadata: page %ld of %ld", doc->page,
		    doc->pages);
		return -1;
	}
	doc->rows = json_array_get(doc->root, 1);
	if (json_is_null(doc->rows)) {
		doc->rows = NULL;
		return 0;
	}
	if (!json_is_array(doc->rows)) {
		snprintf(err, errlen, "rows: %s, not an array",
		    json_pointer_type_name(doc->rows));
		return -1;
	}
	if (json_array_size(doc->rows) > OBS_LIST_MAX) {
		snprintf(err, errlen, "rows: %zu, more than the limit of %d",
		    json_array_size(doc->rows), OBS_LIST_MAX);
		return -1;
	}
	return 0;
}

static void
worldbank_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	json_decref(doc->root);
	free(doc->merged);
	free(doc);
}

static struct feed_doc *
worldbank_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc;

	if ((doc = json_value_doc(buf, len, sizeof(*doc), err, errlen)) == NULL)
		return NULL;
	if (!json_is_array(doc->root)) {
		snprintf(err, errlen,
		    "not a World Bank API page: the document is %s, not an "
		    "array",
		    json_pointer_type_name(doc->root));
		worldbank_free(doc);
		return NULL;
	}
	if (doc_read(doc, err, errlen) == -1) {
		worldbank_free(doc);
		return NULL;
	}
	return doc;
}

int
worldbank_pages(const struct feed_doc *doc, int *page, int *pages)
{
	if (doc == NULL)
		return -1;
	*page = (int)doc->page;
	*pages = (int)doc->pages;
	return 0;
}

/* Checks that page can be merged into doc. */
static int
merge_check(const struct feed_doc *doc, const struct feed_doc *page, char *err,
    size_t errlen)
{
	size_t have = doc->rows ? json_array_size(doc->rows) : 0;
	size_t more = page->rows ? json_array_size(page->rows) : 0;

	if (page->pages != doc->pages || page->total != doc->total) {
		snprintf(err, errlen,
		    "page %ld has %ld pages and %ld rows, page %ld had %ld "
		    "and %ld: the data changed between requests",
		    page->page, page->pages, page->total, doc->page, doc->pages,
		    doc->total);
		return -1;
	}
	if (page->page < 1 || page->page > doc->pages) {
		snprintf(err, errlen, "page %ld is not one of 1..%ld",
		    page->page, doc->pages);
		return -1;
	}
	if (page->page == doc->page ||
	    (doc->merged != NULL && doc->merged[page->page])) {
		snprintf(err, errlen, "page %ld is already merged", page->page);
		return -1;
	}
	if (have + more > OBS_LIST_MAX) {
		snprintf(err, errlen, "rows: %zu, more than the limit of %d",
		    have + more, OBS_LIST_MAX);
		return -1;
	}
	return 0;
}

int
worldbank_merge(
    struct feed_doc *doc, const struct feed_doc *page, char *err, size_t errlen)
{
	if (merge_check(doc, page, err, errlen) == -1)
		return -1;
	if (doc->merged == NULL &&
	    (doc->merged = calloc((size_t)doc->pages + 1, 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (page->rows != NULL && json_array_size(page->rows) > 0) {
		if (doc->rows == NULL) {
			/* json_array_set takes the new reference */
			doc->rows = json_array();
			if (doc->rows == NULL ||
			    json_array_set_new(doc->root, 1, doc->rows) == -1) {
				doc->rows = NULL;
				snprintf(err, errlen, "out of memory");
				return -1;
			}
		}
		if (json_array_extend(doc->rows, page->rows) == -1) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	doc->merged[page->page] = 1;
	return 0;
}

/* Reads which series a row belongs to, and finds its date and value. */
static int
row_read(json_t *row, struct wb_row *r, char *why, size_t whylen)
{
	json_t *ind = json_object_get(row, "indicator");
	json_t *cty = json_object_get(row, "country");
	json_t *iid = json_object_get(ind, "id"),
	       *cid = json_object_get(cty, "id");
	json_t *iso = json_object_get(row, "countryiso3code");
	json_t *status;

	if (!json_is_object(row)) {
		snprintf(why, whylen, "row is %s, not an object",
		    json_pointer_type_name(row));
		return -1;
	}
	if (!json_is_string(iid) || !json_is_string(cid)) {
		snprintf(why, whylen, "no %s id",
		    !json_is_string(iid) ? "indicator" : "country");
		return -1;
	}
	if (iso != NULL && !json_is_null(iso) && !json_is_string(iso)) {
		snprintf(why, whylen, "countryiso3code is %s, not a string",
		    json_pointer_type_name(iso));
		return -1;
	}
	r->value = json_object_get(row, "value");
	r->indicator = json_string_value(iid);
	r->country = json_string_value(cid);
	r->iso3 = json_is_string(iso) ? json_string_value(iso) : "";
	r->date = json_object_get(row, "date");
	/* obs_status is "" for nearly every row; a code in it (SDMX's A, E,
	 * P, or a word) is read like every other format's status, and
	 * anything else is no mark, never an error. */
	status = json_object_get(row, "obs_status");
	r->mark = json_is_string(status)
	    ? obs_mark_parse(
		  json_string_value(status), json_string_length(status))
	    : OBS_MARK_UNSTATED;
	return 0;
}

static bool
row_matches(const struct wb_select *s, const struct wb_row *r)
{
	if (s->country != NULL && !code_equal(s->country, r->country) &&
	    !code_equal(s->country, r->iso3))
		return false;
	return s->indicator == NULL || code_equal(s->indicator, r->indicator);
}

static void
seen_add(struct wb_seen *seen, const char *v)
{
	if (seen->first == NULL)
		seen->first = v;
	else if (seen->other == NULL && strcmp(seen->first, v) != 0)
		seen->other = v;
}

/* Reports one rejected row as "row i[ (period p)]: why". */
static void
row_reject(
    struct wb_select *s, size_t i, const struct period *p, const char *why)
{
	char msg[WB_MSG_MAX], ptext[PERIOD_TEXT_MAX];

	if (p != NULL) {
		period_format(p, ptext, sizeof(ptext));
		snprintf(
		    msg, sizeof(msg), "row %zu (period %s): %s", i, ptext, why);
	} else
		snprintf(msg, sizeof(msg), "row %zu: %s", i, why);
	if (s->reject != NULL)
		s->reject(s->arg, msg);
	s->rejected++;
}

/*
 * Reads a row's date (2021, 2021Q3, 2021M07: the shared period parser
 * takes the API's forms); messages quote the date as the feed wrote it,
 * escaped.
 */
static int
date_period(
    json_t *date, enum freq freq, struct period *p, char *why, size_t whylen)
{
	const struct period_context ctx = {.freq = freq, .year = 0};
	char perr[WB_ERR_MAX], q[WB_QUOTE_MAX + 8];
	const char *reason;

	if (!json_is_string(date)) {
		snprintf(why, whylen, "date is %s, not a string",
		    date == NULL ? "missing" : json_pointer_type_name(date));
		return -1;
	}
	if (period_parse_ctx(
		json_string_value(date), &ctx, p, perr, sizeof(perr)) == 0)
		return 0;
	/* perr is "\"<text>\": reason"; quote the feed's own text */
	reason = strstr(perr, "\": ");
	quote_text(q, sizeof(q), json_string_value(date), WB_QUOTE_MAX, 0);
	snprintf(why, whylen, "date \"%s\": %s", q,
	    reason != NULL ? reason + 3 : perr);
	return -1;
}

/* Reads the observation of row i, which belongs to the series. */
static void
row_obs(struct wb_select *s, const struct wb_row *r, size_t i)
{
	char why[WB_WHY_MAX];
	struct period p;

	if (r->value == NULL) {
		row_reject(s, i, NULL, "no value");
		return;
	}
	if (json_is_null(r->value))
		return;
	if (date_period(r->date, s->freq, &p, why, sizeof(why)) == -1) {
		row_reject(s, i, NULL, why);
		return;
	}
	if (feed_freq_check(&p, s->freq, why, sizeof(why)) == -1) {
		row_reject(s, i, NULL, why);
	} else if (!json_is_number(r->value)) {
		snprintf(why, sizeof(why), "value is %s, not a number",
		    json_pointer_type_name(r->value));
		row_reject(s, i, &p, why);
	} else if (staging_add(&s->hits,
		       &(struct staged){
			   {p, json_number_value(r->value), r->mark},
			   .at = i}) == -1)
		row_reject(s, i, &p, "out of memory");
}

/* Judges row i: rejected, not of the series, or read. */
static void
select_row(struct wb_select *s, json_t *row, size_t i)
{
	char why[WB_WHY_MAX];
	struct wb_row r;

	if (row_read(row, &r, why, sizeof(why)) == -1) {
		row_reject(s, i, NULL, why);
		return;
	}
	if (!row_matches(s, &r))
		return;
	s->matched++;
	seen_add(&s->countries, r.country);
	seen_add(&s->indicators, r.indicator);
	row_obs(s, &r, i);
}

/* Rejects a row whose period another row gave another value. */
static void
hit_conflict(void *arg, const struct staged *keep, const struct staged *other)
{
	char why[WB_WHY_MAX];

	snprintf(why, sizeof(why),
	    "another value for the period of row %zu: %.17g, not %.17g",
	    keep->at, other->obs.value, keep->obs.value);
	row_reject(arg, other->at, &other->obs.period, why);
}

/* Describes the selector's series for messages. */
static void
series_text(const struct wb_select *s, char *buf, size_t len)
{
	char c[WB_QUOTE_MAX + 8], i[WB_QUOTE_MAX + 8];

	quote_text(c, sizeof(c), s->country ? s->country : "", WB_QUOTE_MAX, 0);
	quote_text(
	    i, sizeof(i), s->indicator ? s->indicator : "", WB_QUOTE_MAX, 0);
	if (s->country != NULL && s->indicator != NULL)
		snprintf(buf, len, "country \"%s\" and indicator \"%s\"", c, i);
	else if (s->country != NULL)
		snprintf(buf, len, "country \"%s\"", c);
	else if (s->indicator != NULL)
		snprintf(buf, len, "indicator \"%s\"", i);
	else
		snprintf(buf, len, "any country and indicator");
}

/* The one-series rule: a dimension left out must have one value. */
static int
one_series(const struct wb_select *s, char *err, size_t errlen)
{
	const struct wb_seen *seen = s->country == NULL && s->countries.other
	    ? &s->countries
	    : s->indicator == NULL && s->indicators.other ? &s->indicators
							  : NULL;
	const char *what = seen == &s->countries ? "country" : "indicator";
	char a[WB_QUOTE_MAX + 8], b[WB_QUOTE_MAX + 8];

	if (seen == NULL)
		return 0;
	quote_text(a, sizeof(a), seen->first, WB_QUOTE_MAX, 0);
	quote_text(b, sizeof(b), seen->other, WB_QUOTE_MAX, 0);
	snprintf(err, errlen,
	    "the rows hold more than one %s (%s, %s, ...): name one in the "
	    "selector's series, e.g. %s: %s",
	    what, a, b, what, a);
	return -1;
}

/* Decides the outcome once every row has been judged. */
static int
select_finish(struct wb_select *s, size_t nrows, struct obs_list *out,
    char *err, size_t errlen)
{
	char series[2 * WB_QUOTE_MAX + 64];

	if (one_series(s, err, errlen) == -1)
		return -1;
	if (s->matched == 0 && s->rejected == 0) {
		series_text(s, series, sizeof(series));
		snprintf(err, errlen, "no row for %s among the page's %zu rows",
		    series, nrows);
		return -1;
	}
	return staging_finish(&s->hits,
	    &(struct staging_judge){.conflict = hit_conflict,
		.arg = s,
		.rejected = &s->rejected,
		.what = "rows",
		.total = nrows,
		.toomany = "out of memory or more than " STAGING_STR(
		    OBS_LIST_MAX) " observations"},
	    out, err, errlen);
}

static int
worldbank_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	char q[WB_QUOTE_MAX + 8];

	if (sel->observations != NULL || sel->period != NULL ||
	    sel->value != NULL) {
		snprintf(err, errlen,
		    "the worldbank format reads only series (country, "
		    "indicator), not observations, period or value");
		return -1;
	}
	for (size_t i = 0; i < sel->nseries; i++) {
		const char *k = sel->series[i].key;

		quote_text(q, sizeof(q), k, WB_QUOTE_MAX, 0);
		if (strcmp(k, "country") != 0 && strcmp(k, "indicator") != 0) {
			snprintf(err, errlen,
			    "series: unknown dimension \"%s\" (the worldbank "
			    "format has country and indicator)",
			    q);
			return -1;
		}
		if (feed_series_value(sel, k) != sel->series[i].value) {
			snprintf(err, errlen, "series: %s is given twice", k);
			return -1;
		}
		if (sel->series[i].value == NULL ||
		    *sel->series[i].value == '\0') {
			snprintf(err, errlen, "series: %s is empty", k);
			return -1;
		}
	}
	return 0;
}

static int
worldbank_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	struct wb_select s = {.freq = freq, .reject = reject, .arg = arg};
	size_t nrows = doc->rows ? json_array_size(doc->rows) : 0;
	int rc;

	if (worldbank_check(sel, err, errlen) == -1)
		return -1;
	s.country = feed_series_value(sel, "country");
	s.indicator = feed_series_value(sel, "indicator");
	for (size_t i = 0; i < nrows; i++)
		select_row(&s, json_array_get(doc->rows, i), i);
	rc = select_finish(&s, nrows, out, err, errlen);
	staging_free(&s.hits);
	return rc;
}

const struct feed_format worldbank_format = {
    .name = "worldbank",
    .load = worldbank_load,
    .select = worldbank_select,
    .free = worldbank_free,
    .check = worldbank_check,
    .pages = worldbank_pages,
    .merge = worldbank_merge,
};
