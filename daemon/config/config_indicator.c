/*
 * config_indicator: the "indicators" section: each indicator's keys, its
 * selector (where its values are in its collector's feed) and its targets
 * (read by config_target.c).  An indicator's collector, the rate
 * indicators of its targets and the indicators a derived one computes
 * from may be defined in any file, so they are recorded as references
 * (config_ref.c) and checked once every file is read.  Its id enters the
 * configuration's index (conf->indicator_ids) as it is read.  The names
 * of enum quantity and enum figures (what the charts read) are here.
 */
#include <stdlib.h>
#include <string.h>

#include "config_load.h"
#include "config_target.h"
#include "idindex.h"
#include "json_pointer.h"

/* CHOICE stores an int. */
_Static_assert(
    sizeof(enum quantity) == sizeof(int), "an enum is not an int's size");

static const char *const quantity_names[] = {
    [QUANTITY_AMOUNT] = "amount",
    [QUANTITY_SIGNED] = "signed",
    [QUANTITY_COUNT] = "count",
    [QUANTITY_RANK] = "rank",
};

const char *
quantity_name(enum quantity quantity)
{
	return (size_t)quantity < NITEMS(quantity_names)
	    ? quantity_names[quantity]
	    : "unknown";
}

/* "unstated" is the default's name only: the key takes the others. */
static const char *const figures_names[] = {
    [FIGURES_UNSTATED] = "unstated",
    [FIGURES_PUBLISHED] = "published",
    [FIGURES_ILLUSTRATIVE] = "illustrative",
    [FIGURES_MIXED] = "mixed",
};

const char *
figures_name(enum figures figures)
{
	return (size_t)figures < NITEMS(figures_names) ? figures_names[figures]
						       : "unknown";
}

/* Expected publication delay by frequency, the default stale_after. */
static const double stale_after_days[] = {
    /* A year's value is expected by 1 October of the next year. */
    [FREQ_ANNUAL] = 273,
    [FREQ_QUARTERLY] = 120,
    [FREQ_MONTHLY] = 60,
    [FREQ_DAILY] = 7,
    [FREQ_SEMIANNUAL] = 150,
    [FREQ_WEEKLY] = 21,
    [FREQ_FOUR_MONTHLY] = 135,
    /* Cumulative releases come with the month's or quarter's own. */
    [FREQ_YTD_MONTHLY] = 60,
    [FREQ_YTD_QUARTERLY] = 120,
};

/*
 * A selector field: a JSON Pointer (checked here, where its position is
 * known) when it starts with '/', otherwise a column name or number.
 * Whether the collector's format wants one or the other is checked once
 * every file is read.
 */
static void
sel_field(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	char **dst = (char **)(void *)((char *)obj + key->offset);
	char err[256], b[QUOTE_BUF];
	const char *s;

	if (val->type != YAML_SCALAR_NODE || config_yaml_is_null(val)) {
		config_yaml_error(y, val,
		    "expected a JSON Pointer such as /data, \"\", or a column, "
		    "got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	s = (const char *)val->data.scalar.value;
	if (s[0] == '/' && json_pointer_check(s, err, sizeof(err)) == -1) {
		config_yaml_error(y, val, "%s", err);
		return;
	}
	free(*dst);
	*dst = config_yaml_strdup(s);
}

/* One character: a CSV delimiter or thousands separator. */
static void
sel_char(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	char *dst = (char *)obj + key->offset;
	char b[QUOTE_BUF];
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : NULL;

	if (s == NULL || strlen(s) != 1 || (unsigned char)s[0] >= 0x80 ||
	    s[0] == '"' || s[0] == '\n' || s[0] == '\r') {
		config_yaml_error(y, val,
		    "expected one ASCII character such as \",\" or \";\", got "
		    "%s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	*dst = s[0];
}

/* series: {DIMENSION: code, ...}, the key of one series. */
static void
sel_series(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct feed_selector *sel = obj;
	char b[QUOTE_BUF];
	yaml_node_pair_t *pair;

	(void)key;
	if (val->type != YAML_MAPPING_NODE) {
		config_yaml_error(y, val,
		    "expected a mapping of dimensions to codes, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	for (pair = val->data.mapping.pairs.start;
	     pair < val->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&y->doc, pair->value);
		struct feed_dim *d;

		if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE ||
		    v->type != YAML_SCALAR_NODE) {
			config_yaml_error(y, v ? v : val,
			    "expected a dimension and a code, got %s",
			    config_yaml_describe(v ? v : val, b, sizeof(b)));
			continue;
		}
		sel->series = config_yaml_grow(
		    sel->series, sel->nseries, sizeof(*sel->series));
		d = &sel->series[sel->nseries++];
		d->key = config_yaml_strdup((const char *)k->data.scalar.value);
		d->value =
		    config_yaml_strdup((const char *)v->data.scalar.value);
	}
}

static const struct config_yaml_key selector_keys[] = {
    FIELD("observations", sel_field, struct feed_selector, observations),
    FIELD("period", sel_field, struct feed_selector, period),
    FIELD("value", sel_field, struct feed_selector, value),
    FIELD("year", sel_field, struct feed_selector, year),
    FIELD("status", sel_field, struct feed_selector, status),
    FIELD("delimiter", sel_char, struct feed_selector, delimiter),
    FIELD("thousands", sel_char, struct feed_selector, thousands),
    KEY("series", sel_series),
};

static void
ind_frequency(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct indicator_conf *ind = obj;
	const char *names[FREQ_COUNT];
	int i;

	(void)key;
	for (i = 0; i < FREQ_COUNT; i++)
		names[i] = freq_name((enum freq)i);
	if (config_yaml_enum(y, val, names, NITEMS(names), &i))
		ind->freq = (enum freq)i;
}

/* source_url: the publisher's page or table, a link on the page. */
static void
ind_source_url(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct indicator_conf *ind = obj;

	(void)key;
	config_yaml_set_text_if(y, val, &ind->source_url,
	    config_yaml_http_url(config_yaml_str(val)),
	    "an http:// or https:// URL of the published table");
}

/* figures: published, illustrative or mixed (not "unstated"). */
static void
ind_figures(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct indicator_conf *ind = obj;
	int i;

	(void)key;
	if (config_yaml_enum(
		y, val, figures_names + 1, NITEMS(figures_names) - 1, &i))
		ind->figures = (enum figures)(i + 1);
}

static void
ind_collector(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct indicator_conf *ind = obj;

	config_yaml_set_id(y, key, ind, val);
	if (ind->collector != NULL)
		config_ref_add(y, REF_COLLECTOR, 0, val);
}

static void
ind_derived(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct indicator_conf *ind = obj;

	config_yaml_set_string(y, key, ind, val);
	if (ind->derived != NULL)
		config_ref_add(y, REF_DERIVED, 0, val);
}

/* collector and selector of a derived indicator. */
static void
ind_not_derived(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)obj;
	(void)val;
	config_yaml_error(
	    y, y->key, "a derived indicator has no %s", key->name);
}

static void
ind_selector(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct indicator_conf *ind = obj;

	struct loader *ld = y->arg;
	size_t before = ld->errors->n;

	(void)key;
	ind->selector.delimiter = ',';
	config_yaml_walk(
	    y, val, selector_keys, NITEMS(selector_keys), &ind->selector);
	/* A selector with its own mistakes is not also checked whole: a
	 * misspelt "valeu" is one mistake, not two. */
	if (ld->errors->n == before)
		config_ref_add(y, REF_SELECTOR, 0, val);
}

static void
ind_targets(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct loader *ld = y->arg;
	struct indicator_conf *ind = obj;
	size_t n = config_yaml_len(y, val), before;
	struct idindex *ids; /* of ind's targets, for repeats */
	yaml_node_t *node;

	(void)key;
	if ((ids = idindex_new()) == NULL)
		fatal("out of memory");
	for (size_t i = 0; i < n; i++) {
		node = config_yaml_at(y, val, i);
		before = ind->ntargets;
		config_target_load(
		    y, ind, node, ld->freq_ok ? &ld->freq : NULL, ids);
		if (ind->ntargets > before &&
		    ind->targets[before].rate_indicator != NULL)
			config_ref_add(y, REF_RATE, before,
			    config_yaml_get(y, node, "rate_indicator"));
	}
	idindex_free(ids);
}

static const struct config_yaml_key indicator_keys[] = {
    FIELD_REQUIRED("id", config_yaml_set_id, struct indicator_conf, id),
    /* Texts people read: a string, or one per locale (config_i18n.c). */
    TEXT_REQUIRED(
	"name", struct indicator_conf, name, words[0].name, words[1].name),
    TEXT_REQUIRED(
	"unit", struct indicator_conf, unit, words[0].unit, words[1].unit),
    REQUIRED("frequency", ind_frequency),
    FIELD("group", config_yaml_set_string, struct indicator_conf, group),
    FIELD("owner", config_yaml_set_string, struct indicator_conf, owner),
    /* For the charts: the value axis, and the footer's source line. */
    CHOICE("quantity", struct indicator_conf, quantity, quantity_names),
    FIELD("source", config_yaml_set_string, struct indicator_conf, source),
    KEY("figures", ind_figures),
    /* For the indicator page: what it is, whose, from which plan line. */
    TEXT("definition", struct indicator_conf, definition, words[0].definition,
	words[1].definition),
    TEXT("method", struct indicator_conf, method, words[0].method,
	words[1].method),
    KEY("source_url", ind_source_url),
    FIELD("plan_quote", config_yaml_set_string, struct indicator_conf,
	plan_quote),
    WHOLE("plan_line", struct indicator_conf, plan_line, 1, 1000000),
    FIELD_REQUIRED(
	"collector", ind_collector, struct indicator_conf, collector),
    REQUIRED("selector", ind_selector),
    FIELD("derived", ind_derived, struct indicator_conf, derived),
    FIELD("stale_after", config_yaml_set_duration, struct indicator_conf,
	stale_after),
    KEY("targets", ind_targets),
    /* alerts.for for this indicator alone (monthly data may flap). */
    WHOLE("alert_for", struct indicator_conf, alert_for, 1, 1000),
};

/*
 * Walks an indicator mapping.  A derived indicator is computed from
 * others, so it has no collector and no selector: its table refuses them
 * instead of requiring them.
 */
static void
indicator_walk(struct config_yaml *y, yaml_node_t *node,
    struct indicator_conf *ind, bool derived)
{
	struct config_yaml_key keys[NITEMS(indicator_keys)];

	memcpy(keys, indicator_keys, sizeof(keys));
	for (size_t i = 0; derived && i < NITEMS(keys); i++) {
		if (keys[i].fn == ind_collector || keys[i].fn == ind_selector) {
			keys[i].fn = ind_not_derived;
			keys[i].required = false;
		}
	}
	config_yaml_walk(y, node, keys, NITEMS(keys), ind);
}

void
config_indicator_load(struct config_yaml *y, void *obj, yaml_node_t *node)
{
	struct config *conf = obj;
	struct loader *ld = y->arg;
	struct indicator_conf *ind;
	yaml_node_t *f;
	long first;

	if (!config_yaml_is_map(y, node))
		return;
	conf->indicators = config_yaml_grow(
	    conf->indicators, conf->nindicators, sizeof(*conf->indicators));
	ind = &conf->indicators[conf->nindicators++];
	config_yaml_where(y, node, &ind->where);
	/* Targets' periods are checked against the frequency, wherever
	 * it is written in the mapping. */
	f = config_yaml_get(y, node, "frequency");
	ld->freq_ok = f != NULL && f->type == YAML_SCALAR_NODE &&
	    freq_parse((const char *)f->data.scalar.value, &ld->freq) == 0;
	indicator_walk(
	    y, node, ind, config_yaml_get(y, node, "derived") != NULL);
	if (ind->derived != NULL)
		ind->collector_index = (size_t)-1;
	if (ind->stale_after == 0)
		ind->stale_after = stale_after_days[ind->freq] * 86400;
	first = ind->id == NULL ? -1
				: config_id_add(conf->indicator_ids, ind->id,
				      conf->nindicators - 1);
	if (first >= 0)
		config_id_duplicate(y, node, "indicator", ind->id,
		    &conf->indicators[first].where);
}
