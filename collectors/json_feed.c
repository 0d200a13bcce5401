/*
 * json_feed: the generic JSON feed parser.  The document is loaded with
 * jansson, rejecting duplicate object keys (a feed that says two things
 * about one field is not to be guessed at) and decoding every number as a
 * double, so that an integer too large for jansson's json_int_t is still a
 * value rather than a failed document.  Integer periods (2021, 202107) are
 * therefore integral doubles here.  Each element of the selected array is
 * judged on its own: a bad one is reported through the reject callback and
 * the others are still checked, so one fetch shows every problem; but the
 * result is all or nothing, and out only changes when nothing was rejected.
 * Element numbers in messages are 0-based, like JSON Pointer indices.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_feed.h"
#include "json_value.h"
#include "json_pointer.h"
#include "staging.h"

/*
 * Message buffers nest: a pointer or period error goes into the reason an
 * element is rejected, which goes into the message naming the element.
 * Each is larger than the one inside it, so nothing is cut short.
 */
#define FEED_ERR_MAX 256
#define FEED_WHY_MAX 320
#define FEED_MSG_MAX 384
/* Largest integer that can be a period (yyyymm is the longest form). */
#define FEED_PERIOD_INT_MAX 999999

/* What one element yielded. */
enum feed_outcome {
	FEED_ADDED,
	FEED_SKIPPED,
	FEED_REJECTED,
};

/*
 * Converts the JSON value of a period (a string or an integer), in the
 * context ctx; what names it in messages ("period", "year").
 */
static int
period_get(const json_t *v, const struct period_context *ctx, const char *what,
    struct period *p, char *err, size_t errlen)
{
	char text[32], perr[FEED_ERR_MAX];
	double d;

	/* jansson refuses \u0000 in strings, so the C string is all of it. */
	if (json_is_string(v)) {
		if (period_parse_ctx(
			json_string_value(v), ctx, p, perr, sizeof(perr)) == 0)
			return 0;
		snprintf(err, errlen, "%s %s", what, perr);
		return -1;
	}
	if (!json_is_number(v)) {
		snprintf(err, errlen, "%s is %s, not a string or an integer",
		    what, json_pointer_type_name(v));
		return -1;
	}
	d = json_number_value(v);
	if (d != floor(d) || d < 0 || d > FEED_PERIOD_INT_MAX) {
		snprintf(err, errlen, "%s %g is not a period", what, d);
		return -1;
	}
	snprintf(text, sizeof(text), "%.0f", d);
	if (period_parse_ctx(text, ctx, p, perr, sizeof(perr)) == 0)
		return 0;
	snprintf(err, errlen, "%s %s", what, perr);
	return -1;
}

/*
 * The context of an element's period: the indicator's frequency and,
 * when the selector names one, the element's year (2023, "2023",
 * "2023年"; missing or null: none).
 */
static int
context_get(json_t *el, const struct feed_selector *sel, enum freq freq,
    struct period_context *ctx, char *err, size_t errlen)
{
	char perr[FEED_ERR_MAX], ytext[PERIOD_TEXT_MAX];
	struct period y;
	json_t *yv;

	ctx->freq = freq;
	ctx->year = 0;
	if (sel->year == NULL ||
	    (yv = json_pointer_get(el, sel->year, perr, sizeof(perr))) ==
		NULL ||
	    json_is_null(yv))
		return 0;
	if (period_get(yv, NULL, "year", &y, err, errlen) == -1)
		return -1;
	if (y.freq != FREQ_ANNUAL) {
		period_format(&y, ytext, sizeof(ytext));
		snprintf(err, errlen, "year %s is %s, not a year", ytext,
		    freq_name(y.freq));
		return -1;
	}
	ctx->year = y.year;
	return 0;
}

/* Reports one rejected element as "element i[ (period p)]: why". */
static enum feed_outcome
feed_reject(size_t i, const struct period *p, const char *why,
    json_feed_reject_cb reject, void *arg)
{
	char msg[FEED_MSG_MAX], ptext[PERIOD_TEXT_MAX];

	if (p != NULL) {
		period_format(p, ptext, sizeof(ptext));
		snprintf(msg, sizeof(msg), "element %zu (period %s): %s", i,
		    ptext, why);
	} else
		snprintf(msg, sizeof(msg), "element %zu: %s", i, why);
	if (reject != NULL)
		reject(arg, msg);
	return FEED_REJECTED;
}

/* Where an element's mark is: the selector's status, else /status. */
#define FEED_STATUS_DEFAULT "/status"

/*
 * The mark of an element: a string at the status pointer read as a word
 * (obs_mark_parse).  Missing, not a string or an unknown word: unstated,
 * never a rejection (a mark only qualifies a value).
 */
static enum obs_mark
mark_get(json_t *el, const struct feed_selector *sel)
{
	char perr[FEED_ERR_MAX];
	json_t *mv;

	mv = json_pointer_get(el,
	    sel->status != NULL ? sel->status : FEED_STATUS_DEFAULT, perr,
	    sizeof(perr));
	if (!json_is_string(mv))
		return OBS_MARK_UNSTATED;
	return obs_mark_parse(json_string_value(mv), json_string_length(mv));
}

/* Adds one element's observation to out, or says why it cannot. */
static enum feed_outcome
feed_element(json_t *el, size_t i, const struct feed_selector *sel,
    enum freq freq, struct staging *st, json_feed_reject_cb reject, void *arg)
{
	char perr[FEED_ERR_MAX], why[FEED_WHY_MAX];
	struct period_context ctx;
	json_t *pv, *vv;
	struct period p;
	bool have_period = false;
	double value;

	if ((pv = json_pointer_get(el, sel->period, perr, sizeof(perr))) ==
	    NULL)
		snprintf(why, sizeof(why), "no period: %s", perr);
	else if (context_get(el, sel, freq, &ctx, why, sizeof(why)) == 0 &&
	    period_get(pv, &ctx, "period", &p, why, sizeof(why)) == 0)
		have_period = true;
	if ((vv = json_pointer_get(el, sel->value, perr, sizeof(perr))) ==
	    NULL) {
		snprintf(why, sizeof(why), "no value: %s", perr);
		return feed_reject(
		    i, have_period ? &p : NULL, why, reject, arg);
	}
	if (json_is_null(vv))
		return FEED_SKIPPED;
	if (!have_period)
		return feed_reject(i, NULL, why, reject, arg);
	if (feed_freq_check(&p, freq, why, sizeof(why)) == -1) {
		return feed_reject(i, NULL, why, reject, arg);
	}
	if (json_value_get(vv, &value, why, sizeof(why)) == -1)
		return feed_reject(i, &p, why, reject, arg);
	if (staging_add(st,
		&(struct staged){{p, value, mark_get(el, sel)}, .at = i}) == -1)
		return feed_reject(i, &p, "out of memory", reject, arg);
	return FEED_ADDED;
}

/* Checks the pointers of the selector (year and status are optional)
 * before any parsing. */
static int
selector_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	const char *names[] = {
	    "observations", "period", "value", "year", "status"};
	const char *ptrs[] = {
	    sel->observations, sel->period, sel->value, sel->year, sel->status};
	char perr[FEED_ERR_MAX];

	for (size_t i = 0; i < 5; i++) {
		if (ptrs[i] == NULL && i >= 3)
			continue;
		if (ptrs[i] == NULL) {
			snprintf(err, errlen, "selector has no %s pointer",
			    names[i]);
			return -1;
		}
		if (json_pointer_check(ptrs[i], perr, sizeof(perr)) == -1) {
			snprintf(err, errlen, "%s: %s", names[i], perr);
			return -1;
		}
	}
	return 0;
}

/* Finds the array of observations in the document. */
static json_t *
feed_array(json_t *root, const char *ptr, char *err, size_t errlen)
{
	char perr[FEED_ERR_MAX];
	json_t *arr;

	if ((arr = json_pointer_get(root, ptr, perr, sizeof(perr))) == NULL) {
		snprintf(err, errlen, "observations: %s", perr);
		return NULL;
	}
	if (!json_is_array(arr)) {
		snprintf(err, errlen,
		    "observations: JSON pointer \"%s\" names %s, not an array",
		    ptr, json_pointer_type_name(arr));
		return NULL;
	}
	if (json_array_size(arr) > OBS_LIST_MAX) {
		snprintf(err, errlen,
		    "observations: %zu elements, more than the limit of %d",
		    json_array_size(arr), OBS_LIST_MAX);
		return NULL;
	}
	return arr;
}

/* Runs every element of arr; returns the number rejected. */
static size_t
feed_elements(json_t *arr, const struct feed_selector *sel, enum freq freq,
    struct staging *st, json_feed_reject_cb reject, void *arg)
{
	size_t i, rejected = 0;
	json_t *el;

	json_array_foreach(arr, i, el)
	{
		if (feed_element(el, i, sel, freq, st, reject, arg) ==
		    FEED_REJECTED)
			rejected++;
	}
	return rejected;
}

/* The parsed document: jansson's tree. */
struct feed_doc {
	json_t *root; /* first: json_value_doc() fills it */
};

static struct feed_doc *
json_feed_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc;

	if ((doc = json_value_doc(buf, len, sizeof(*doc), err, errlen)) == NULL)
		return NULL;
	return doc;
}

static void
json_feed_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	json_decref(doc->root);
	free(doc);
}

/* Where conflicts go: the reject callback, and the count of rejections. */
struct feed_conflicts {
	feed_reject_cb reject;
	void *arg;
	size_t rejected;
};

/* Rejects a period given twice with different values. */
static void
feed_conflict(void *arg, const struct staged *first, const struct staged *other)
{
	struct feed_conflicts *c = arg;
	char text[PERIOD_TEXT_MAX], msg[FEED_MSG_MAX];

	period_format(&other->obs.period, text, sizeof(text));
	snprintf(msg, sizeof(msg), "period %s has two values: %.17g and %.17g",
	    text, first->obs.value, other->obs.value);
	if (c->reject != NULL)
		c->reject(c->arg, msg);
	c->rejected++;
}

/*
 * Reads every element, then, when none was rejected, judges periods given
 * twice: the elements' own faults are reported before any conflict.
 */
static int
json_feed_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	struct feed_conflicts c = {reject, arg, 0};
	struct staging st = {0};
	size_t total;
	json_t *arr;
	int rc;

	if (selector_check(sel, err, errlen) == -1)
		return -1;
	if ((arr = feed_array(doc->root, sel->observations, err, errlen)) ==
	    NULL)
		return -1;
	total = json_array_size(arr);
	c.rejected = feed_elements(arr, sel, freq, &st, reject, arg);
	/* conflicts are judged only among elements read without fault */
	rc = staging_finish(&st,
	    &(struct staging_judge){
		.conflict = c.rejected == 0 ? feed_conflict : NULL,
		.arg = &c,
		.rejected = &c.rejected,
		.what = "observations",
		.total = total,
		.toomany = "out of memory or more than " STAGING_STR(
		    OBS_LIST_MAX) " observations"},
	    out, err, errlen);
	staging_free(&st);
	return rc;
}

const struct feed_format json_feed_format = {
    .name = "json",
    .load = json_feed_load,
    .select = json_feed_select,
    .free = json_feed_free,
    .check = selector_check,
};

int
json_feed_parse(const char *buf, size_t len, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, json_feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	if (selector_check(sel, err, errlen) == -1)
		return -1;
	return feed_parse(&json_feed_format, buf, len, sel, freq, out, reject,
	    arg, err, errlen);
}
