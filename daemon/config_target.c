/*
 * config_target: the targets of an indicator in the configuration.  Only
 * "reach" is judged so far (from a baseline point to a target point along
 * a linear or compound path); the other kinds the product defines (growth,
 * floor, ceiling, decline, rise) are refused by name until target.c can
 * judge them, and will each bring their own keys here.
 *
 * Some rules span keys that may come in any order (the periods must be of
 * the indicator's frequency and in order, a stated direction must agree
 * with the values), so a target is read into a struct target_ctx and
 * checked once its mapping is done.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config_target.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))
/* clang-format off */
#define KEY(name, fn) {name, fn, 0, false, NULL}
#define REQUIRED(name, fn) {name, fn, 0, true, NULL}
#define FIELD(name, fn, type, member) \
	{name, fn, offsetof(type, member), false, NULL}
#define FIELD_REQUIRED(name, fn, type, member) \
	{name, fn, offsetof(type, member), true, NULL}
/* clang-format on */

/* A baseline or target point while its target is read. */
struct point {
	struct period period;
	double value;
	yaml_node_t *period_node; /* set once the period is valid */
	yaml_node_t *value_node; /* set once the value is valid */
	const enum freq *freq; /* the indicator's, NULL when not known */
};

/* A target while it is read: what spans keys is checked at the end. */
struct target_ctx {
	struct target_conf *t;
	struct point base, goal;
	yaml_node_t *direction; /* node of a valid stated direction */
};

static const char *const path_names[] = {
    [PATH_LINEAR] = "linear", [PATH_COMPOUND] = "compound"};
static const char *const direction_names[] = {
    [DIRECTION_UP] = "up", [DIRECTION_DOWN] = "down"};
/* Kinds the product defines that this version cannot judge yet. */
static const char *const later_kinds[] = {
    "growth", "floor", "ceiling", "decline", "rise"};

static const char *
q(const char *s, char buf[CONFIG_YAML_QUOTE_LEN])
{
	return config_yaml_quote(s, buf, CONFIG_YAML_QUOTE_LEN);
}

static void
pt_period(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct point *pt = obj;
	char err[256], b[CONFIG_YAML_QUOTE_LEN];
	const char *s;

	(void)key;
	if (!config_yaml_text(y, val, &s))
		return;
	if (period_parse(s, &pt->period, err, sizeof(err)) == -1) {
		config_yaml_error(y, val, "bad period: %s", err);
		return;
	}
	if (pt->freq != NULL && pt->period.freq != *pt->freq) {
		config_yaml_error(y, val,
		    "period %s is %s, but the indicator is %s", q(s, b),
		    freq_name(pt->period.freq), freq_name(*pt->freq));
		return;
	}
	pt->period_node = val;
}

static void
pt_value(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct point *pt = obj;

	(void)key;
	if (config_yaml_number(y, val, &pt->value))
		pt->value_node = val;
}

static const struct config_yaml_key point_keys[] = {
    REQUIRED("period", pt_period),
    REQUIRED("value", pt_value),
};

static void
tgt_point(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	config_yaml_walk(
	    y, val, point_keys, NITEMS(point_keys), (char *)obj + key->offset);
}

static void
tgt_id(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;

	config_yaml_set_id(y, key, tc->t, val);
}

static void
tgt_kind(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	/* Checked by target_kind_ok before the walk. */
	(void)y;
	(void)key;
	(void)obj;
	(void)val;
}

static void
tgt_path(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;
	int i;

	(void)key;
	if (config_yaml_enum(y, val, path_names, NITEMS(path_names), &i))
		tc->t->path = (enum target_path)i;
}

static void
tgt_direction(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct target_ctx *tc = obj;
	int i;

	(void)key;
	if (config_yaml_enum(
		y, val, direction_names, NITEMS(direction_names), &i)) {
		tc->t->direction = (enum target_direction)i;
		tc->direction = val;
	}
}

/* Parses "0.1" or "10%" as a fraction in [0, 1). */
static bool
about_parse(const char *s, double *d)
{
	char *end;
	double v;

	v = strtod(s, &end);
	if (end == s)
		return false;
	if (*end == '%') {
		v /= 100;
		end++;
	}
	if (*end != '\0' || !(v >= 0 && v < 1))
		return false;
	*d = v;
	return true;
}

static void
tgt_about(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;
	char b[CONFIG_YAML_QUOTE_LEN];

	(void)key;
	if (val->type != YAML_SCALAR_NODE || config_yaml_is_null(val) ||
	    !about_parse((const char *)val->data.scalar.value, &tc->t->about))
		config_yaml_error(y, val,
		    "expected a tolerance from 0 to below 1, such as 0.1 or "
		    "10%%, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
}

static const struct config_yaml_key threshold_keys[] = {
    FIELD(
	"on_track", config_yaml_set_number, struct target_conf, on_track_ratio),
    FIELD("at_risk", config_yaml_set_number, struct target_conf, at_risk_ratio),
};

static void
tgt_thresholds(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct target_conf *t = ((struct target_ctx *)obj)->t;

	(void)key;
	if (!config_yaml_walk(
		y, val, threshold_keys, NITEMS(threshold_keys), t))
		return;
	if (!(t->on_track_ratio > t->at_risk_ratio && t->at_risk_ratio >= 0))
		config_yaml_error(y, val,
		    "on_track (%g) must be above at_risk (%g), and at_risk "
		    "0 or more",
		    t->on_track_ratio, t->at_risk_ratio);
}

static const struct config_yaml_key target_keys[] = {
    FIELD("id", tgt_id, struct target_conf, id),
    KEY("kind", tgt_kind),
    KEY("path", tgt_path),
    KEY("direction", tgt_direction),
    FIELD_REQUIRED("baseline", tgt_point, struct target_ctx, base),
    FIELD_REQUIRED("target", tgt_point, struct target_ctx, goal),
    KEY("about", tgt_about),
    KEY("thresholds", tgt_thresholds),
};

/* True when the target's kind is one this version judges (reported). */
static bool
target_kind_ok(struct config_yaml *y, yaml_node_t *node)
{
	yaml_node_t *val = config_yaml_get(y, node, "kind");
	char b[CONFIG_YAML_QUOTE_LEN];
	const char *s;

	if (val == NULL)
		return true;
	if (!config_yaml_text(y, val, &s))
		return false;
	if (strcmp(s, "reach") == 0)
		return true;
	for (size_t i = 0; i < NITEMS(later_kinds); i++) {
		if (strcmp(s, later_kinds[i]) == 0) {
			config_yaml_error(
			    y, val, "target kind '%s' is not supported yet", s);
			return false;
		}
	}
	config_yaml_error(
	    y, val, "unknown target kind %s (expected reach)", q(s, b));
	return false;
}

/* Checks that the baseline and target points agree with each other. */
static void
points_check(struct config_yaml *y, struct target_ctx *tc)
{
	struct point *b = &tc->base, *g = &tc->goal;
	enum target_direction implied;

	if (b->period_node != NULL && g->period_node != NULL &&
	    period_cmp(&g->period, &b->period) <= 0)
		config_yaml_error(y, g->period_node,
		    "the target period must be after the baseline period");
	if (b->value_node == NULL || g->value_node == NULL)
		return;
	if (g->value == b->value) {
		config_yaml_error(y, g->value_node,
		    "the target value equals the baseline value (%.10g)",
		    b->value);
		return;
	}
	implied = g->value > b->value ? DIRECTION_UP : DIRECTION_DOWN;
	if (tc->direction != NULL && tc->t->direction != implied)
		config_yaml_error(y, tc->direction,
		    "direction %s contradicts the values: the target (%.10g) "
		    "is %s the baseline (%.10g)",
		    direction_names[tc->t->direction], g->value,
		    implied == DIRECTION_UP ? "above" : "below", b->value);
	tc->t->direction = implied;
}

/* Checks target tc, the last of ind, once all its keys are read. */
static void
target_check(struct config_yaml *y, struct indicator_conf *ind,
    yaml_node_t *node, struct target_ctx *tc)
{
	struct target_conf *t = tc->t;
	struct config_where *w;
	yaml_node_t *id;

	points_check(y, tc);
	t->baseline_period = tc->base.period;
	t->baseline_value = tc->base.value;
	t->target_period = tc->goal.period;
	t->target_value = tc->goal.value;
	if (t->id == NULL)
		t->id = config_yaml_strdup("reach");
	for (size_t i = 0; i + 1 < ind->ntargets; i++) {
		if (strcmp(ind->targets[i].id, t->id) != 0)
			continue;
		w = &ind->targets[i].where;
		id = config_yaml_get(y, node, "id");
		config_yaml_error(y, id != NULL ? id : node,
		    "duplicate target id '%s' (first defined at %s:%d:%d)%s",
		    t->id, w->file, w->line, w->column,
		    id != NULL ? "" : ": give each target an id");
		break;
	}
}

void
config_target_load(struct config_yaml *y, struct indicator_conf *ind,
    yaml_node_t *node, const enum freq *freq)
{
	struct target_ctx tc;

	if (!config_yaml_is_map(y, node) || !target_kind_ok(y, node))
		return;
	memset(&tc, 0, sizeof(tc));
	ind->targets = config_yaml_grow(
	    ind->targets, ind->ntargets, sizeof(*ind->targets));
	tc.t = &ind->targets[ind->ntargets++];
	tc.t->kind = TARGET_REACH;
	tc.t->on_track_ratio = 0.95;
	tc.t->at_risk_ratio = 0.6;
	tc.base.freq = tc.goal.freq = freq;
	config_yaml_where(y, node, &tc.t->where);
	config_yaml_walk(y, node, target_keys, NITEMS(target_keys), &tc);
	target_check(y, ind, node, &tc);
}
