/*
 * config_judgement: how a status is judged and becomes a notice.  The
 * "judgement" section names the statuses' vocabulary and the tolerance of
 * "nearly met" per family of target kinds; "alerts" how long a new status
 * must hold, how often it is repeated and the severity of each status.
 * Targets take the judgement defaults once every file is read.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "config_load.h"

const char *const config_severity_names[CONFIG_SEVERITIES] = {
    [SEVERITY_INFO] = "info",
    [SEVERITY_WARNING] = "warning",
    [SEVERITY_CRITICAL] = "critical",
};

/* CHOICE stores an int. */
_Static_assert(
    sizeof(enum vocabulary) == sizeof(int), "an enum is not an int's size");

static const char *const status_names[] = CONFIG_STATUSES;

/*
 * The keys of alerts.severity: the statuses, then the "data overdue"
 * notice, under its name and under "stale", the status earlier versions
 * gave it (so that their configurations still load).
 */
static const char *const severity_keys[] = {
    CONFIG_STATUS_NAMES, "overdue", "stale"};
#define SEVERITY_KEY_OVERDUE NITEMS(status_names)

/* severity: {at_risk: critical, overdue: warning}. */
static void
alerts_severity(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct alerts_conf *a = obj;

	(void)key;
	if (!config_yaml_is_map(y, val))
		return;
	for (yaml_node_pair_t *p = val->data.mapping.pairs.start;
	     p < val->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&y->doc, p->value);
		int st, sev;

		if (k == NULL || v == NULL)
			continue;
		if (!config_yaml_enum(
			y, k, severity_keys, NITEMS(severity_keys), &st))
			continue;
		if (!config_yaml_enum(
			y, v, config_severity_names, CONFIG_SEVERITIES, &sev))
			continue;
		if ((size_t)st >= SEVERITY_KEY_OVERDUE)
			a->overdue_severity = sev;
		else
			a->severity[st] = sev;
	}
}

static const struct config_yaml_key alerts_keys[] = {
    WHOLE("for", struct alerts_conf, for_count, 1, 1000),
    FIELD("repeat_interval", config_yaml_set_duration0, struct alerts_conf,
	repeat_interval),
    KEY("severity", alerts_severity),
};

void
config_judgement_alerts(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(
		    y, val, alerts_keys, NITEMS(alerts_keys), &conf->alerts);
}

static const char *const vocabulary_names[] = {
    [VOCABULARY_UNSD] = "unsd", [VOCABULARY_PLAN] = "plan"};

/* A tolerance: a number 0 or more; a share below 1 when share. */
static void
nearly_value(struct config_yaml *y, yaml_node_t *val, bool share, double *out)
{
	char b[QUOTE_BUF], *end;
	const char *s;
	double d;

	if (!config_yaml_text(y, val, &s))
		return;
	errno = 0;
	d = strtod(s, &end);
	if (share && end != s && *end == '%') {
		d /= 100;
		end++;
	}
	if (end == s || *end != '\0' || errno == ERANGE || !isfinite(d) ||
	    d < 0 || (share && d >= 1)) {
		config_yaml_error(y, val, "expected %s, got %s",
		    share ? "a share of the planned change from 0 to below 1, "
			    "such as 5%"
			  : "a number, 0 or more",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	*out = d;
}

/* nearly_met.reach is a share, growth and rule numbers of their unit. */
static void
nearly(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	nearly_value(y, val,
	    key->offset == offsetof(struct judgement_conf, nearly_reach),
	    (double *)(void *)((char *)obj + key->offset));
}

static const struct config_yaml_key nearly_keys[] = {
    FIELD("reach", nearly, struct judgement_conf, nearly_reach),
    FIELD("growth", nearly, struct judgement_conf, nearly_growth),
    FIELD("rule", nearly, struct judgement_conf, nearly_rule),
};

static void
judgement_nearly(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(y, val, nearly_keys, NITEMS(nearly_keys), obj);
}

static const struct config_yaml_key judgement_keys[] = {
    CHOICE("vocabulary", struct judgement_conf, vocabulary, vocabulary_names),
    KEY("nearly_met", judgement_nearly),
};

/* judgement: {vocabulary: plan, nearly_met: {reach: 5%, growth: 0.5}}. */
void
config_judgement_load(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(y, val, judgement_keys, NITEMS(judgement_keys),
		    &conf->judgement);
}

/*
 * What targets take from the judgement section, once every file is read
 * (it may come after them): its vocabulary, and the nearly_met of their
 * family unless they have their own.
 */
void
config_judgement_apply(struct config *conf)
{
	const struct judgement_conf *jc = &conf->judgement;

	for (size_t i = 0; i < conf->nindicators; i++)
		for (size_t k = 0; k < conf->indicators[i].ntargets; k++) {
			struct target_conf *t = &conf->indicators[i].targets[k];

			t->vocabulary = jc->vocabulary;
			/* "快于预期" is the plan's: ahead of the path by as
			 * much as on_track allows behind it. */
			if (isnan(t->ahead_ratio))
				t->ahead_ratio =
				    jc->vocabulary == VOCABULARY_PLAN
				    ? 1.05
				    : INFINITY;
			if (!isnan(t->nearly_met))
				continue;
			if (t->kind == TARGET_REACH)
				t->nearly_met = jc->nearly_reach;
			else if (t->kind == TARGET_GROWTH)
				t->nearly_met = jc->nearly_growth;
			else
				t->nearly_met = jc->nearly_rule;
		}
}

const char *
severity_name(enum severity sev)
{
	if ((size_t)sev >= CONFIG_SEVERITIES)
		return "unknown";
	return config_severity_names[sev];
}
