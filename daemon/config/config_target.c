/*
 * config_target: the targets of an indicator in the configuration, of the
 * six kinds PRODUCT.md defines (reach, growth, floor, ceiling, decline,
 * rise).
 *
 * Which keys a target may have depends on its kind and, for growth, on its
 * basis (yoy or cagr), together its "variant".  Both are read before the
 * mapping is walked.  One table lists every target key with the variants
 * it belongs to and the variants that require it; the walk's table for one
 * target is made from it, so that a key of another variant is reported as
 * not applying to this one rather than as unknown, and a misspelt key
 * still gets its hint.  A growth target whose basis is missing or wrong is
 * walked as the union of both bases, so its other keys are still checked.
 *
 * Some rules span keys that may come in any order (the periods must be of
 * the indicator's frequency and in order, a stated direction must agree
 * with the values, trend_periods needs projection: trend), so a target is
 * read into a struct target_ctx and checked once its mapping is done.  A
 * rate_indicator is only syntax here: config_ref.c resolves it once every
 * file has been read.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config_annual.h"
#include "config_load.h"
#include "config_target.h"
#include "idindex.h"

/* clang-format off */
/* A key of a target_conf enum field, one of names (config_yaml_choice). */
#define TCHOICE(n, f, member, names_) \
	{.name = n, .fn = f, .offset = offsetof(struct target_conf, member), \
	    .names = names_, .nnames = NITEMS(names_)}
/* clang-format on */
_Static_assert(sizeof(enum growth_basis) == sizeof(int) &&
	sizeof(enum target_path) == sizeof(int) &&
	sizeof(enum target_direction) == sizeof(int) &&
	sizeof(enum target_method) == sizeof(int) &&
	sizeof(enum target_projection) == sizeof(int) &&
	sizeof(enum target_holds) == sizeof(int),
    "config_yaml_choice stores an int");

#define TREND_MIN 2 /* periods of a trend projection */
#define TREND_MAX 50
#define TREND_DEFAULT 5

/* What decides a target's keys: its kind, and a growth target's basis. */
enum variant {
	V_REACH,
	V_GROWTH, /* growth whose basis is missing or wrong */
	V_YOY,
	V_CAGR,
	V_FLOOR,
	V_CEILING,
	V_DECLINE,
	V_RISE,
	V_COUNT,
};

/* clang-format off */
#define BIT(v) (1u << (v))
#define ALL (BIT(V_COUNT) - 1)
#define GROWTH (BIT(V_GROWTH) | BIT(V_YOY) | BIT(V_CAGR))
/* Judged by progress towards a deadline. */
#define PROGRESS (BIT(V_REACH) | BIT(V_GROWTH) | BIT(V_CAGR))
#define DEADLINE (BIT(V_REACH) | BIT(V_CAGR))
#define BOUND (BIT(V_FLOOR) | BIT(V_CEILING))
/* Judged period by period. */
#define RULE (BOUND | BIT(V_DECLINE) | BIT(V_RISE) | BIT(V_GROWTH) | \
	BIT(V_YOY))
/* clang-format on */

/* A period, or a baseline or target point, while its target is read. */
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
	enum variant v;
	struct point base, goal, from, to;
	yaml_node_t *direction; /* node of a valid stated direction */
	yaml_node_t *rate; /* node of a valid rate */
	yaml_node_t *trend; /* key trend_periods, when given */
	bool projection_bad; /* projection given, but wrong (reported) */
	yaml_node_t
	    *annual; /* value of key annual, read once the periods are */
};

/* One target key, and the variants it is a key of and required by. */
struct target_key {
	struct config_yaml_key key;
	unsigned applies;
	unsigned needs;
};

static const char *const kind_names[] = {
    [TARGET_REACH] = "reach",
    [TARGET_GROWTH] = "growth",
    [TARGET_FLOOR] = "floor",
    [TARGET_CEILING] = "ceiling",
    [TARGET_DECLINE] = "decline",
    [TARGET_RISE] = "rise",
};
const char *
target_kind_name(enum target_kind kind)
{
	return (size_t)kind < NITEMS(kind_names) ? kind_names[kind] : "unknown";
}

static const enum variant kind_variants[] = {
    [TARGET_REACH] = V_REACH,
    [TARGET_GROWTH] = V_GROWTH,
    [TARGET_FLOOR] = V_FLOOR,
    [TARGET_CEILING] = V_CEILING,
    [TARGET_DECLINE] = V_DECLINE,
    [TARGET_RISE] = V_RISE,
};
static const char *const variant_names[] = {
    [V_REACH] = "a reach target",
    [V_GROWTH] = "a growth target",
    [V_YOY] = "a growth target with basis yoy",
    [V_CAGR] = "a growth target with basis cagr",
    [V_FLOOR] = "a floor target",
    [V_CEILING] = "a ceiling target",
    [V_DECLINE] = "a decline target",
    [V_RISE] = "a rise target",
};
static const char *const basis_names[] = {
    [BASIS_YOY] = "yoy", [BASIS_CAGR] = "cagr"};
static const char *const path_names[] = {
    [PATH_LINEAR] = "linear", [PATH_COMPOUND] = "compound"};
static const char *const direction_names[] = {
    [DIRECTION_UP] = "up", [DIRECTION_DOWN] = "down"};
static const char *const method_names[] = {
    [METHOD_UNSD] = "unsd", [METHOD_OPENSDG] = "opensdg"};
static const char *const projection_names[] = {
    [PROJECTION_GROWTH] = "growth", [PROJECTION_TREND] = "trend"};
static const char *const holds_names[] = {
    [HOLDS_EVERY] = "every", [HOLDS_FINAL] = "final"};

/* Points and periods. */

static void
pt_period(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct point *pt = obj;
	struct period_context ctx = {
	    .freq = pt->freq != NULL ? *pt->freq : FREQ_COUNT};
	char err[256], b[QUOTE_BUF];
	const char *s;

	(void)key;
	if (!config_yaml_text(y, val, &s))
		return;
	/* Read as the feeds are: "2025-06" of a ytd_monthly indicator is
	 * 2025-M01-M06. */
	if (period_parse_ctx(s, &ctx, &pt->period, err, sizeof(err)) == -1) {
		config_yaml_error(y, val, "bad period: %s", err);
		return;
	}
	if (pt->freq != NULL && pt->period.freq != *pt->freq) {
		config_yaml_error(y, val,
		    "period %s is %s, but the indicator is %s",
		    quote_text(b, sizeof(b), s, QUOTE_MAX, '"'),
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

static void
pt_no_value(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	(void)key;
	(void)obj;
	(void)val;
	config_yaml_error(y, y->key,
	    "the target value of a cagr target follows from baseline and "
	    "rate");
}

/* A baseline, and the target of a growth target of unknown basis. */
static const struct config_yaml_key base_keys[] = {
    REQUIRED("period", pt_period),
    KEY("value", pt_value),
};
static const struct config_yaml_key reach_goal_keys[] = {
    REQUIRED("period", pt_period),
    REQUIRED("value", pt_value),
};
static const struct config_yaml_key cagr_goal_keys[] = {
    REQUIRED("period", pt_period),
    KEY("value", pt_no_value),
};

static void
tgt_baseline(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct target_ctx *tc = obj;

	(void)key;
	config_yaml_walk(y, val, base_keys, NITEMS(base_keys), &tc->base);
}

static void
tgt_target(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;

	(void)key;
	if (tc->v == V_REACH)
		config_yaml_walk(y, val, reach_goal_keys,
		    NITEMS(reach_goal_keys), &tc->goal);
	else if (tc->v == V_CAGR)
		config_yaml_walk(
		    y, val, cagr_goal_keys, NITEMS(cagr_goal_keys), &tc->goal);
	else
		config_yaml_walk(
		    y, val, base_keys, NITEMS(base_keys), &tc->goal);
}

/* "from" and "to": a period into the struct point at key->offset. */
static void
tgt_period(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	pt_period(y, key, (char *)obj + key->offset, val);
}

/* Simple values. */

/*
 * A field of the target_conf at key->offset: one of key->names into an
 * enum, or else an id.
 */
static void
tgt_field(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;

	if (key->names != NULL)
		config_yaml_choice(y, key, tc->t, val);
	else
		config_yaml_set_id(y, key, tc->t, val);
}

static void
tgt_kind(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	/* Checked by target_kind before the walk. */
	(void)y;
	(void)key;
	(void)obj;
	(void)val;
}

static void
tgt_foreign(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;
	char b[QUOTE_BUF];

	(void)val;
	config_yaml_error(y, y->key, "key %s does not apply to %s",
	    quote_text(b, sizeof(b), key->name, QUOTE_MAX, '\''),
	    variant_names[tc->v]);
}

/* A direction is checked against the values once they are all read. */
static void
tgt_direction(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct target_ctx *tc = obj;

	if (config_yaml_choice(y, key, tc->t, val))
		tc->direction = val;
}

/* A wrong projection is not also reported as not being trend. */
static void
tgt_projection(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct target_ctx *tc = obj;

	if (!config_yaml_choice(y, key, tc->t, val))
		tc->projection_bad = true;
}

static void
tgt_trend_periods(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct target_ctx *tc = obj;
	char b[QUOTE_BUF];
	double d;

	(void)key;
	tc->trend = y->key;
	if (!config_yaml_number(y, val, &d))
		return;
	if (d != floor(d) || d < TREND_MIN || d > TREND_MAX) {
		config_yaml_error(y, val,
		    "expected a whole number of periods from %d to %d, got %s",
		    TREND_MIN, TREND_MAX,
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	tc->t->trend_periods = (int)d;
}

/* Parses a number, or a percentage such as "10%", as a finite fraction. */
static bool
fraction_parse(const char *s, double *d)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno == ERANGE) /* 1e400 and 1e-400 alike */
		return false;
	if (*end == '%') {
		v /= 100;
		end++;
	}
	if (*end != '\0' || !isfinite(v))
		return false;
	*d = v;
	return true;
}

/* The fraction or percentage of the scalar val (not reported). */
static bool
fraction(yaml_node_t *val, double *d)
{
	return val->type == YAML_SCALAR_NODE && !config_yaml_is_null(val) &&
	    fraction_parse((const char *)val->data.scalar.value, d);
}

static void
tgt_rate(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;
	char b[QUOTE_BUF];
	double r;

	(void)key;
	config_yaml_describe(val, b, sizeof(b));
	if (!fraction(val, &r)) {
		config_yaml_error(y, val,
		    "expected a growth rate such as 8%% or 0.08, got %s", b);
		return;
	}
	if (!(r > -1)) {
		config_yaml_error(
		    y, val, "a growth rate must be above -100%%, got %s", b);
		return;
	}
	tc->t->rate = r;
	tc->rate = val;
}

static void
tgt_about(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;
	char b[QUOTE_BUF];
	double d;

	(void)key;
	if (fraction(val, &d) && d >= 0 && d < 1) {
		tc->t->about = d;
		return;
	}
	config_yaml_error(y, val,
	    "expected a tolerance from 0 to below 1, such as 0.1 or 10%%, "
	    "got %s",
	    config_yaml_describe(val, b, sizeof(b)));
}

/*
 * The tolerance of "nearly met": for a reach target a share of the
 * planned change ("5%" or 0.05, below 1); for a growth target percentage
 * points of growth (0.5); for the other rules the indicator's unit.
 */
static void
tgt_nearly_met(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct target_ctx *tc = obj;
	char b[QUOTE_BUF];
	double d;

	(void)key;
	config_yaml_describe(val, b, sizeof(b));
	if (tc->v == V_REACH) {
		if (fraction(val, &d) && d >= 0 && d < 1)
			tc->t->nearly_met = d;
		else
			config_yaml_error(y, val,
			    "expected a share of the planned change from 0 to "
			    "below 1, such as 5%% or 0.05, got %s",
			    b);
		return;
	}
	if (val->type == YAML_SCALAR_NODE && !config_yaml_is_null(val) &&
	    strchr((const char *)val->data.scalar.value, '%') == NULL &&
	    fraction(val, &d) && d >= 0) {
		tc->t->nearly_met = d;
		return;
	}
	config_yaml_error(y, val, "expected %s, 0 or more, such as 0.5, got %s",
	    (BIT(tc->v) & GROWTH) ? "percentage points of growth"
				  : "a number in the indicator's unit",
	    b);
}

static void
tgt_bound(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct target_ctx *tc = obj;

	(void)key;
	config_yaml_number(y, val, &tc->t->bound);
}

/* Annual values are read in target_check: their years need the periods. */
static void
tgt_annual(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	(void)y;
	(void)key;
	((struct target_ctx *)obj)->annual = val;
}

/* plan: the id of a plan of plans:, checked once every file is read. */
static void
tgt_plan(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	config_plans_target(y, key, ((struct target_ctx *)obj)->t, val);
}

static const struct config_yaml_key threshold_keys[] = {
    FIELD("ahead", config_yaml_set_number, struct target_conf, ahead_ratio),
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
	else if (!isnan(t->ahead_ratio) &&
	    !(t->ahead_ratio > t->on_track_ratio))
		config_yaml_error(y, val,
		    "ahead (%g) must be above on_track (%g)", t->ahead_ratio,
		    t->on_track_ratio);
}

/* Every target key; target_walk makes the table of one variant from it. */
static const struct target_key target_keys[] = {
    {FIELD("id", tgt_field, struct target_conf, id), ALL, 0},
    {KEY("kind", tgt_kind), ALL, 0},
    {TCHOICE("basis", tgt_field, basis, basis_names), GROWTH, GROWTH},
    {KEY("rate", tgt_rate), GROWTH, GROWTH},
    {FIELD("rate_indicator", tgt_field, struct target_conf, rate_indicator),
	GROWTH, 0},
    {KEY("baseline", tgt_baseline), PROGRESS, DEADLINE},
    {KEY("target", tgt_target), PROGRESS, DEADLINE},
    {TCHOICE("path", tgt_field, path, path_names), BIT(V_REACH), 0},
    {TCHOICE("direction", tgt_direction, direction, direction_names),
	BIT(V_REACH), 0},
    {KEY("about", tgt_about), PROGRESS, 0},
    {TCHOICE("method", tgt_field, method, method_names), PROGRESS, 0},
    {TCHOICE("projection", tgt_projection, projection, projection_names),
	PROGRESS, 0},
    {KEY("trend_periods", tgt_trend_periods), PROGRESS, 0},
    {KEY("thresholds", tgt_thresholds), PROGRESS, 0},
    {FIELD("from", tgt_period, struct target_ctx, from), RULE, 0},
    {FIELD("to", tgt_period, struct target_ctx, to), RULE, 0},
    {KEY("value", tgt_bound), BOUND, BOUND},
    {KEY("nearly_met", tgt_nearly_met), ALL, 0},
    {TCHOICE("holds", tgt_field, holds, holds_names), RULE, 0},
    /* A decline or a rise has no value to set per year. */
    {KEY("annual", tgt_annual), ALL & ~(BIT(V_DECLINE) | BIT(V_RISE)), 0},
    {KEY("plan", tgt_plan), ALL, 0},
};

/* Walks the target mapping with the keys of tc's variant. */
static void
target_walk(struct config_yaml *y, yaml_node_t *node, struct target_ctx *tc)
{
	struct config_yaml_key keys[NITEMS(target_keys)];
	unsigned bit = BIT(tc->v);

	for (size_t i = 0; i < NITEMS(target_keys); i++) {
		keys[i] = target_keys[i].key;
		keys[i].required = (target_keys[i].needs & bit) != 0;
		if ((target_keys[i].applies & bit) == 0)
			keys[i].fn = tgt_foreign;
	}
	config_yaml_walk(y, node, keys, NITEMS(keys), tc);
}

/* The kind of the target mapping node; false when it is wrong (reported). */
static bool
target_kind(struct config_yaml *y, yaml_node_t *node, enum target_kind *kind)
{
	yaml_node_t *val = config_yaml_get(y, node, "kind");
	char b[QUOTE_BUF], c[256];
	const char *s;

	*kind = TARGET_REACH;
	if (val == NULL)
		return true;
	if (!config_yaml_text(y, val, &s))
		return false;
	for (size_t i = 0; i < NITEMS(kind_names); i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*kind = (enum target_kind)i;
			return true;
		}
	}
	config_yaml_error(y, val, "unknown target kind %s (expected %s)",
	    quote_text(b, sizeof(b), s, QUOTE_MAX, '"'),
	    config_yaml_choices(kind_names, NITEMS(kind_names), c, sizeof(c)));
	return false;
}

/*
 * The variant of a target of kind; the basis key (tgt_field) reports a
 * wrong basis.
 */
static enum variant
target_variant(struct config_yaml *y, yaml_node_t *node, enum target_kind kind)
{
	yaml_node_t *val;
	const char *s;

	if (kind != TARGET_GROWTH)
		return kind_variants[kind];
	val = config_yaml_get(y, node, "basis");
	if (val == NULL || val->type != YAML_SCALAR_NODE)
		return V_GROWTH;
	s = (const char *)val->data.scalar.value;
	if (strcmp(s, basis_names[BASIS_YOY]) == 0)
		return V_YOY;
	if (strcmp(s, basis_names[BASIS_CAGR]) == 0)
		return V_CAGR;
	return V_GROWTH;
}

/* Checks. */

/* Reports at later when both periods are valid and later is not after. */
static void
periods_order(struct config_yaml *y, const struct point *earlier,
    const struct point *later, bool same_ok, const char *msg)
{
	int c;

	if (earlier->period_node == NULL || later->period_node == NULL)
		return;
	c = period_cmp(&later->period, &earlier->period);
	if (c < 0 || (c == 0 && !same_ok))
		config_yaml_error(y, later->period_node, "%s", msg);
}

/*
 * A reach target: the direction follows the values when both are given
 * (a stated one must agree); without a baseline value it is as stated,
 * or up.
 */
static void
reach_check(struct config_yaml *y, struct target_ctx *tc)
{
	struct point *b = &tc->base, *g = &tc->goal;
	enum target_direction implied;

	periods_order(y, b, g, false,
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

/*
 * A cagr target: a compound path whose target value follows from the
 * baseline value, when given, and the rate.
 */
static void
cagr_check(struct config_yaml *y, struct target_ctx *tc)
{
	struct point *b = &tc->base, *g = &tc->goal;
	double years;

	periods_order(y, b, g, false,
	    "the target period must be after the baseline period");
	tc->t->path = PATH_COMPOUND;
	if (tc->rate == NULL)
		return;
	tc->t->direction = tc->t->rate >= 0 ? DIRECTION_UP : DIRECTION_DOWN;
	if (b->value_node == NULL || b->period_node == NULL ||
	    g->period_node == NULL)
		return;
	years = period_years(&g->period) - period_years(&b->period);
	g->value = b->value * pow(1 + tc->t->rate, years);
}

/*
 * The years tc's annual values may name: after the baseline and up to the
 * target of a progress target, from..to of the others (open ends open).
 */
static struct annual_span
annual_span(const struct target_ctx *tc)
{
	struct annual_span span = {INT_MIN, INT_MAX};

	if (BIT(tc->v) & PROGRESS) {
		if (tc->base.period_node != NULL)
			span.first = tc->base.period.year + 1;
		if (tc->goal.period_node != NULL)
			span.last = tc->goal.period.year;
		return span;
	}
	if (tc->from.period_node != NULL)
		span.first = tc->from.period.year;
	if (tc->to.period_node != NULL)
		span.last = tc->to.period.year;
	return span;
}

/* Checks target tc, the last of ind, once all its keys are read. */
static void
target_check(struct config_yaml *y, struct target_ctx *tc)
{
	struct target_conf *t = tc->t;

	if (tc->v == V_REACH)
		reach_check(y, tc);
	else if (tc->v == V_CAGR)
		cagr_check(y, tc);
	periods_order(y, &tc->from, &tc->to, true,
	    "the to period must not be before the from period");
	if (tc->trend != NULL && !tc->projection_bad &&
	    t->projection != PROJECTION_TREND)
		config_yaml_error(y, tc->trend,
		    "trend_periods applies only with projection: trend");
	t->baseline_period = tc->base.period;
	/* Only targets with a baseline take its value from the data. */
	t->baseline_observed =
	    (BIT(tc->v) & PROGRESS) != 0 && tc->base.value_node == NULL;
	t->baseline_value = tc->base.value;
	t->target_period = tc->goal.period;
	t->target_value = tc->goal.value;
	t->has_from = tc->from.period_node != NULL;
	t->from = tc->from.period;
	t->has_to = tc->to.period_node != NULL;
	t->to = tc->to.period;
	if (tc->annual != NULL) {
		struct annual_span span = annual_span(tc);

		config_annual_load(y, tc->annual, t, tc->base.freq, &span);
	}
}

/*
 * Adds the id of t, ind's last target, to ids, the ids of the targets
 * before it; reports it when one of them has it.
 */
static void
target_unique(struct config_yaml *y, struct indicator_conf *ind,
    yaml_node_t *node, struct target_conf *t, struct idindex *ids)
{
	struct config_where *w;
	yaml_node_t *id;
	long first = config_id_add(ids, t->id, ind->ntargets - 1);

	if (first < 0)
		return;
	w = &ind->targets[first].where;
	id = config_yaml_get(y, node, "id");
	config_yaml_error(y, id != NULL ? id : node,
	    "duplicate target id '%s' (first defined at %s:%d:%d)%s", t->id,
	    w->file, w->line, w->column,
	    id != NULL ? "" : ": give each target an id");
}

void
config_target_load(struct config_yaml *y, struct indicator_conf *ind,
    yaml_node_t *node, const enum freq *freq, struct idindex *ids)
{
	struct target_ctx tc;
	enum target_kind kind;

	if (!config_yaml_is_map(y, node) || !target_kind(y, node, &kind))
		return;
	memset(&tc, 0, sizeof(tc));
	ind->targets = config_yaml_grow(
	    ind->targets, ind->ntargets, sizeof(*ind->targets));
	tc.t = &ind->targets[ind->ntargets++];
	tc.t->kind = kind;
	tc.t->rate_indicator_index = (size_t)-1;
	tc.t->method = METHOD_UNSD;
	tc.t->projection = PROJECTION_GROWTH;
	tc.t->trend_periods = TREND_DEFAULT;
	tc.t->on_track_ratio = 0.95;
	tc.t->at_risk_ratio = 0.6;
	tc.t->nearly_met = NAN; /* judgement.nearly_met, once all is read */
	tc.t->ahead_ratio = NAN; /* by judgement.vocabulary, likewise */
	tc.t->holds = HOLDS_EVERY;
	tc.v = target_variant(y, node, kind);
	tc.base.freq = tc.goal.freq = tc.from.freq = tc.to.freq = freq;
	config_yaml_where(y, node, &tc.t->where);
	target_walk(y, node, &tc);
	target_check(y, &tc);
	if (tc.t->id == NULL)
		tc.t->id = config_yaml_strdup(kind_names[kind]);
	target_unique(y, ind, node, tc.t, ids);
}
