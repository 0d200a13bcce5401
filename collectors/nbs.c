/*
 * nbs: the NBS easyquery answer.  An answer is
 *
 *	{"returncode": 200, "returndata": {
 *	    "datanodes": [{"code": "zb.A020101_sj.2021",
 *	        "data": {"data": 1149237.0, "dotcount": 1, "hasdata": true,
 *	                 "strdata": "1149237.0"},
 *	        "wds": [{"valuecode": "A020101", "wdcode": "zb"},
 *	                {"valuecode": "2021", "wdcode": "sj"}]}, ...],
 *	    "wdnodes": [{"wdcode": "zb", "wdname": "指标",
 *	                 "nodes": [{"code": "A020101", "cname": "国内生产总值",
 *	                            "unit": "亿元", ...}]},
 *	                {"wdcode": "sj", "wdname": "时间", "nodes": [...]}],
 *	    "freshsort": 0, "hasdatacount": 5}}
 *
 * and a refusal has another returncode, which load reports with the
 * returndata text when there is one.  The tree is jansson's, loaded like
 * the json format's (duplicate keys rejected, every number a double).
 *
 * A data node belongs to the series when its codes of every dimension
 * but sj are the selector's.  wdnodes lists the dimensions: one the
 * selector leaves out makes select fail asking for it (naming one series
 * is the selector's job, not a guess among several), and its code lists
 * make the message for a code that matches nothing say which codes exist.
 * Nodes are judged one by one through the reject callback and the result
 * is all or nothing, as in the json format; two nodes of one period with
 * the same value are one observation, with different values both are
 * rejected.  Node numbers in messages are 0-based.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_pointer.h"
#include "json_value.h"
#include "quote.h"
#include "nbs.h"
#include "staging.h"

/* Nested message buffers, each larger than the one inside it. */
#define NBS_ERR_MAX 256
#define NBS_WHY_MAX 320
#define NBS_MSG_MAX 512
/* Longest text from the feed quoted in a message, in bytes: codes, and
 * the text of a refusal. */
#define NBS_QUOTE_MAX 60
#define NBS_TEXT_MAX 160
/* Most dimensions of a data node. */
#define NBS_DIMS_MAX 8
/* Most codes listed in a message, and the bytes of each one's name. */
#define NBS_HINT_CODES 3
#define NBS_NAME_MAX 24
/* The time dimension. */
#define NBS_TIME "sj"

struct feed_doc {
	json_t *root; /* first: json_value_doc() fills it */
	json_t *datanodes; /* an array */
	json_t *wdnodes; /* an array, or NULL */
};

/* One data node's codes. */
struct nbs_node {
	const char *code[NBS_DIMS_MAX], *value[NBS_DIMS_MAX];
	size_t n;
	const char *time;
	json_t *data;
};

/* The state of one select. */
struct nbs_select {
	const struct feed_selector *sel;
	enum freq freq;
	feed_reject_cb reject;
	void *arg;
	struct staging hits; /* at: the data node */
	const char *unnamed; /* a dimension the selector leaves out */
	size_t matched, rejected;
};

/*
 * Parses a whole string as a finite decimal number.  strtod() alone would
 * also take hexadecimal, "inf" and "nan", so only digits, signs, '.', 'e'
 * and 'E' are let through to it.
 */
static int
number_parse(const char *s, double *out)
{
	if (strlen(s) > 64)
		return -1;
	return obs_parse_decimal(s, out);
}

/* Checks returncode and returndata and finds the arrays. */
static int
doc_read(struct feed_doc *doc, char *err, size_t errlen)
{
	json_t *rc = json_object_get(doc->root, "returncode");
	json_t *data = json_object_get(doc->root, "returndata");
	char q[NBS_TEXT_MAX + 8];

	if (!json_is_number(rc)) {
		snprintf(err, errlen,
		    "not an NBS answer: returncode is %s, not a number",
		    rc == NULL ? "missing" : json_pointer_type_name(rc));
		return -1;
	}
	if (json_number_value(rc) != 200) {
		quote_text(q, sizeof(q),
		    json_is_string(data) ? json_string_value(data) : "",
		    NBS_TEXT_MAX, 0);
		snprintf(err, errlen, "NBS returncode %g%s%s",
		    json_number_value(rc), *q ? ": " : "", q);
		return -1;
	}
	doc->datanodes = json_object_get(data, "datanodes");
	doc->wdnodes = json_object_get(data, "wdnodes");
	if (!json_is_array(doc->datanodes)) {
		snprintf(err, errlen,
		    "not an NBS answer: returndata has no datanodes array");
		return -1;
	}
	if (doc->wdnodes != NULL && !json_is_array(doc->wdnodes)) {
		snprintf(err, errlen, "not an NBS answer: wdnodes is %s",
		    json_pointer_type_name(doc->wdnodes));
		return -1;
	}
	if (json_array_size(doc->datanodes) > OBS_LIST_MAX) {
		snprintf(err, errlen,
		    "datanodes: %zu, more than the limit of %d",
		    json_array_size(doc->datanodes), OBS_LIST_MAX);
		return -1;
	}
	return 0;
}

static void
nbs_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	json_decref(doc->root);
	free(doc);
}

static struct feed_doc *
nbs_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc;

	if ((doc = json_value_doc(buf, len, sizeof(*doc), err, errlen)) == NULL)
		return NULL;
	if (!json_is_object(doc->root)) {
		snprintf(err, errlen,
		    "not an NBS answer: the document is %s, not an object",
		    json_pointer_type_name(doc->root));
		nbs_free(doc);
		return NULL;
	}
	if (doc_read(doc, err, errlen) == -1) {
		nbs_free(doc);
		return NULL;
	}
	return doc;
}

/* The wdnodes entry of dimension code, or NULL. */
static json_t *
wdnode_find(const struct feed_doc *doc, const char *code)
{
	size_t i;
	json_t *w;

	json_array_foreach(doc->wdnodes, i, w)
	{
		json_t *c = json_object_get(w, "wdcode");

		if (json_is_string(c) &&
		    strcmp(json_string_value(c), code) == 0)
			return w;
	}
	return NULL;
}

/* Names a dimension for messages: "reg (地区)". */
static void
dim_text(const struct feed_doc *doc, const char *code, char *buf, size_t len)
{
	json_t *name = json_object_get(wdnode_find(doc, code), "wdname");
	char c[NBS_QUOTE_MAX + 8], n[NBS_QUOTE_MAX + 8];

	quote_text(c, sizeof(c), code, NBS_QUOTE_MAX, 0);
	if (json_is_string(name)) {
		quote_text(
		    n, sizeof(n), json_string_value(name), NBS_QUOTE_MAX, 0);
		snprintf(buf, len, "%s (%s)", c, n);
	} else
		snprintf(buf, len, "%s", c);
}

/* The first code of dimension w's nodes, or "CODE". */
static const char *
first_code(json_t *w)
{
	json_t *c = json_object_get(
	    json_array_get(json_object_get(w, "nodes"), 0), "code");

	return json_is_string(c) ? json_string_value(c) : "CODE";
}

/*
 * Every dimension of wdnodes but time must be named: a selector that
 * leaves one out would mix several series.
 */
static int
dims_check(const struct feed_doc *doc, const struct feed_selector *sel,
    char *err, size_t errlen)
{
	char dim[2 * NBS_QUOTE_MAX + 32], k[NBS_QUOTE_MAX + 8];
	char v[NBS_QUOTE_MAX + 8];
	size_t i;
	json_t *w;

	json_array_foreach(doc->wdnodes, i, w)
	{
		json_t *c = json_object_get(w, "wdcode");
		const char *code = json_string_value(c);

		if (code == NULL || strcmp(code, NBS_TIME) == 0 ||
		    feed_series_value(sel, code) != NULL)
			continue;
		dim_text(doc, code, dim, sizeof(dim));
		quote_text(k, sizeof(k), code, NBS_QUOTE_MAX, 0);
		quote_text(v, sizeof(v), first_code(w), NBS_QUOTE_MAX, 0);
		snprintf(err, errlen,
		    "series does not name dimension %s: name one of its "
		    "codes, e.g. %s: %s",
		    dim, k, v);
		return -1;
	}
	return 0;
}

/* Adds one dimension's code to nn. */
static int
node_add(
    struct nbs_node *nn, const char *c, const char *v, char *why, size_t whylen)
{
	char q[NBS_QUOTE_MAX + 8];

	if (strcmp(c, NBS_TIME) == 0) {
		if (nn->time != NULL) {
			snprintf(why, whylen, "sj appears twice in wds");
			return -1;
		}
		nn->time = v;
		return 0;
	}
	for (size_t k = 0; k < nn->n; k++) {
		if (strcmp(nn->code[k], c) == 0) {
			quote_text(q, sizeof(q), c, NBS_QUOTE_MAX, 0);
			snprintf(why, whylen, "%s appears twice in wds", q);
			return -1;
		}
	}
	if (nn->n == NBS_DIMS_MAX) {
		snprintf(why, whylen, "more than %d dimensions", NBS_DIMS_MAX);
		return -1;
	}
	nn->code[nn->n] = c;
	nn->value[nn->n++] = v;
	return 0;
}

/* Reads the codes of a data node. */
static int
node_read(json_t *node, struct nbs_node *nn, char *why, size_t whylen)
{
	json_t *wds = json_object_get(node, "wds"), *wd;
	size_t i;

	memset(nn, 0, sizeof(*nn));
	if (!json_is_object(node)) {
		snprintf(why, whylen, "data node is %s, not an object",
		    json_pointer_type_name(node));
		return -1;
	}
	if (!json_is_array(wds)) {
		snprintf(why, whylen, "no wds array");
		return -1;
	}
	json_array_foreach(wds, i, wd)
	{
		const char *c =
		    json_string_value(json_object_get(wd, "wdcode"));
		const char *v =
		    json_string_value(json_object_get(wd, "valuecode"));

		if (c == NULL || v == NULL) {
			snprintf(why, whylen,
			    "wds %zu has no wdcode or valuecode string", i);
			return -1;
		}
		if (node_add(nn, c, v, why, whylen) == -1)
			return -1;
	}
	if (nn->time == NULL) {
		snprintf(why, whylen, "no sj (time) code in wds");
		return -1;
	}
	nn->data = json_object_get(node, "data");
	return 0;
}

/* True when the node is of the selector's series; notes a dimension the
 * selector leaves out. */
static bool
node_matches(struct nbs_select *s, const struct nbs_node *nn)
{
	const struct feed_selector *sel = s->sel;
	bool match = true;

	for (size_t k = 0; k < nn->n; k++) {
		const char *v = feed_series_value(sel, nn->code[k]);

		if (v == NULL) {
			if (s->unnamed == NULL)
				s->unnamed = nn->code[k];
			match = false;
		} else if (strcmp(v, nn->value[k]) != 0)
			match = false;
	}
	/* every dimension the selector names must be the node's */
	for (size_t d = 0; d < sel->nseries && match; d++) {
		size_t k = 0;

		while (k < nn->n && strcmp(nn->code[k], sel->series[d].key))
			k++;
		match = k < nn->n;
	}
	return match;
}

/* Reports one rejected node as "data node i[ (period p)]: why". */
static void
node_reject(
    struct nbs_select *s, size_t i, const struct period *p, const char *why)
{
	char msg[NBS_MSG_MAX], ptext[PERIOD_TEXT_MAX];

	if (p != NULL) {
		period_format(p, ptext, sizeof(ptext));
		snprintf(msg, sizeof(msg), "data node %zu (period %s): %s", i,
		    ptext, why);
	} else
		snprintf(msg, sizeof(msg), "data node %zu: %s", i, why);
	if (s->reject != NULL)
		s->reject(s->arg, msg);
	s->rejected++;
}

/* The node's value: strdata when it holds a number, else data. */
static int
node_value(json_t *data, double *v, char *why, size_t whylen)
{
	json_t *str = json_object_get(data, "strdata");
	json_t *num = json_object_get(data, "data");
	char q[NBS_QUOTE_MAX + 8];

	if (json_is_string(str) && json_string_length(str) > 0) {
		if (number_parse(json_string_value(str), v) == 0)
			return 0;
		quote_text(
		    q, sizeof(q), json_string_value(str), NBS_QUOTE_MAX, 0);
		snprintf(why, whylen, "strdata \"%s\" is not a number", q);
		return -1;
	}
	if (str != NULL && !json_is_string(str)) {
		snprintf(why, whylen, "strdata is %s, not a string",
		    json_pointer_type_name(str));
		return -1;
	}
	if (!json_is_number(num)) {
		snprintf(why, whylen,
		    "no value: strdata is empty and data is %s",
		    num == NULL ? "missing" : json_pointer_type_name(num));
		return -1;
	}
	*v = json_number_value(num);
	return 0;
}

/* Reads the observation of data node i, which is of the series. */
static void
node_obs(struct nbs_select *s, const struct nbs_node *nn, size_t i)
{
	char why[NBS_WHY_MAX], perr[NBS_ERR_MAX];
	json_t *has = json_object_get(nn->data, "hasdata");
	struct period p;
	double v;

	if (!json_is_object(nn->data)) {
		node_reject(s, i, NULL, "no data object");
		return;
	}
	if (!json_is_boolean(has)) {
		snprintf(why, sizeof(why), "hasdata is %s, not true or false",
		    has == NULL ? "missing" : json_pointer_type_name(has));
		node_reject(s, i, NULL, why);
		return;
	}
	if (json_is_false(has))
		return;
	if (period_parse_ctx(nn->time,
		&(struct period_context){.freq = s->freq}, &p, perr,
		sizeof(perr)) == -1) {
		snprintf(why, sizeof(why), "sj %s", perr);
		node_reject(s, i, NULL, why);
		return;
	}
	if (feed_freq_check(&p, s->freq, why, sizeof(why)) == -1) {
		node_reject(s, i, NULL, why);
		return;
	}
	if (node_value(nn->data, &v, why, sizeof(why)) == -1)
		node_reject(s, i, &p, why);
	else if (staging_add(&s->hits,
		     &(struct staged){{p, v, OBS_MARK_UNSTATED}, .at = i}) ==
	    -1)
		node_reject(s, i, &p, "out of memory");
}

/* Judges data node i: rejected, not of the series, or read. */
static void
select_node(struct nbs_select *s, json_t *node, size_t i)
{
	char why[NBS_WHY_MAX];
	struct nbs_node nn;

	if (node_read(node, &nn, why, sizeof(why)) == -1) {
		node_reject(s, i, NULL, why);
		return;
	}
	if (!node_matches(s, &nn))
		return;
	s->matched++;
	node_obs(s, &nn, i);
}

/* Rejects a data node whose period another node gave another value. */
static void
hit_conflict(void *arg, const struct staged *keep, const struct staged *other)
{
	char why[NBS_WHY_MAX];

	snprintf(why, sizeof(why),
	    "another value for the period of data node %zu: %.17g, not %.17g",
	    keep->at, other->obs.value, keep->obs.value);
	node_reject(arg, other->at, &other->obs.period, why);
}

/* Describes the selector's series for messages: "zb A020101, reg 350000". */
static void
series_text(const struct feed_selector *sel, char *buf, size_t len)
{
	char k[NBS_QUOTE_MAX + 8], v[NBS_QUOTE_MAX + 8];
	size_t off = 0;

	buf[0] = '\0';
	for (size_t d = 0; d < sel->nseries && off + 1 < len; d++) {
		int n;

		quote_text(k, sizeof(k), sel->series[d].key, NBS_QUOTE_MAX, 0);
		quote_text(
		    v, sizeof(v), sel->series[d].value, NBS_QUOTE_MAX, 0);
		n = snprintf(
		    buf + off, len - off, "%s%s %s", d ? ", " : "", k, v);
		off += n > 0 ? (size_t)n : 0;
	}
}

/* True when dimension w lists code among its nodes. */
static bool
code_listed(json_t *w, const char *code)
{
	json_t *node;
	size_t i;

	json_array_foreach(json_object_get(w, "nodes"), i, node)
	{
		const char *c =
		    json_string_value(json_object_get(node, "code"));

		if (c != NULL && strcmp(c, code) == 0)
			return true;
	}
	return false;
}

/*
 * Lists the first codes of dimension w with their names:
 * " A020101 国内生产总值, A020102 第一产业增加值, ...".
 */
static void
codes_text(json_t *w, char *buf, size_t len)
{
	json_t *nodes = json_object_get(w, "nodes"), *node;
	char q[NBS_QUOTE_MAX + 8], name[NBS_NAME_MAX + 8];
	size_t i, off = 0;

	buf[0] = '\0';
	json_array_foreach(nodes, i, node)
	{
		const char *c =
		    json_string_value(json_object_get(node, "code"));
		const char *cn =
		    json_string_value(json_object_get(node, "cname"));
		int n;

		if (i == NBS_HINT_CODES) {
			snprintf(buf + off, len - off, ", ...");
			return;
		}
		quote_text(q, sizeof(q), c != NULL ? c : "?", NBS_QUOTE_MAX, 0);
		quote_text(
		    name, sizeof(name), cn != NULL ? cn : "", NBS_NAME_MAX, 0);
		n = snprintf(buf + off, len - off, "%s %s%s%s", i ? "," : "", q,
		    *name ? " " : "", name);
		if (n < 0 || (size_t)n >= len - off)
			return;
		off += (size_t)n;
	}
}

/*
 * Says why nothing matched, from wdnodes: a dimension the answer does not
 * have, or the codes it has for one whose code is not among them.
 */
static void
nomatch_hint(const struct feed_doc *doc, const struct feed_selector *sel,
    char *buf, size_t len)
{
	char q[NBS_QUOTE_MAX + 8], codes[NBS_ERR_MAX];

	buf[0] = '\0';
	for (size_t d = 0; d < sel->nseries && doc->wdnodes != NULL; d++) {
		json_t *w = wdnode_find(doc, sel->series[d].key);

		quote_text(q, sizeof(q), sel->series[d].key, NBS_QUOTE_MAX, 0);
		if (w == NULL) {
			snprintf(
			    buf, len, " (the answer has no dimension %s)", q);
			return;
		}
		if (code_listed(w, sel->series[d].value))
			continue;
		codes_text(w, codes, sizeof(codes));
		snprintf(buf, len, " (its %s codes are%s)", q, codes);
		return;
	}
}

/* Decides the outcome once every node has been judged. */
static int
select_finish(struct nbs_select *s, const struct feed_doc *doc,
    struct obs_list *out, char *err, size_t errlen)
{
	char series[NBS_ERR_MAX], hint[NBS_ERR_MAX],
	    dim[2 * NBS_QUOTE_MAX + 32];
	size_t nnodes = json_array_size(doc->datanodes);

	if (s->unnamed != NULL) {
		dim_text(doc, s->unnamed, dim, sizeof(dim));
		snprintf(err, errlen,
		    "series does not name dimension %s: name one of its codes",
		    dim);
		return -1;
	}
	if (s->matched == 0 && s->rejected == 0) {
		series_text(s->sel, series, sizeof(series));
		nomatch_hint(doc, s->sel, hint, sizeof(hint));
		snprintf(err, errlen,
		    "no data node for %s among the answer's %zu data nodes%s",
		    series, nnodes, hint);
		return -1;
	}
	return staging_finish(&s->hits,
	    &(struct staging_judge){.conflict = hit_conflict,
		.arg = s,
		.rejected = &s->rejected,
		.what = "data nodes",
		.total = nnodes,
		.toomany = "out of memory or more than " STAGING_STR(
		    OBS_LIST_MAX) " observations"},
	    out, err, errlen);
}

static int
nbs_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	char q[NBS_QUOTE_MAX + 8];

	if (sel->observations != NULL || sel->period != NULL ||
	    sel->value != NULL) {
		snprintf(err, errlen,
		    "the nbs format reads only series, not observations, "
		    "period or value");
		return -1;
	}
	if (sel->nseries == 0) {
		snprintf(err, errlen,
		    "series must name every dimension but time, e.g. zb: "
		    "A020101");
		return -1;
	}
	for (size_t i = 0; i < sel->nseries; i++) {
		const char *k = sel->series[i].key;

		quote_text(q, sizeof(q), k, NBS_QUOTE_MAX, 0);
		if (strcmp(k, NBS_TIME) == 0) {
			snprintf(err, errlen,
			    "series: sj is the time dimension, which the "
			    "format reads itself");
			return -1;
		}
		if (feed_series_value(sel, k) != sel->series[i].value) {
			snprintf(err, errlen, "series: %s is given twice", q);
			return -1;
		}
		if (sel->series[i].value == NULL ||
		    *sel->series[i].value == '\0') {
			snprintf(err, errlen, "series: %s is empty", q);
			return -1;
		}
	}
	return 0;
}

static int
nbs_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	struct nbs_select s = {
	    .sel = sel, .freq = freq, .reject = reject, .arg = arg};
	size_t i;
	json_t *node;
	int rc;

	if (nbs_check(sel, err, errlen) == -1 ||
	    dims_check(doc, sel, err, errlen) == -1)
		return -1;
	json_array_foreach(doc->datanodes, i, node)
	{
		select_node(&s, node, i);
	}
	rc = select_finish(&s, doc, out, err, errlen);
	staging_free(&s.hits);
	return rc;
}

const struct feed_format nbs_format = {
    .name = "nbs",
    .load = nbs_load,
    .select = nbs_select,
    .free = nbs_free,
    .check = nbs_check,
};
