/*
 * config_annual: reads a target's "annual" mapping (year: value) for the
 * target loader (config_target.c).
 */
#ifndef PLANWATCH_CONFIG_ANNUAL_H
#define PLANWATCH_CONFIG_ANNUAL_H

#include "config.h"
#include "config_yaml.h"

/* The years a target's annual values may name, first to last (INT_MIN,
 * INT_MAX when open). */
struct annual_span {
	int first;
	int last;
};

/*
 * Reads the mapping val of year to value into t->annual (sorted by year),
 * reporting a key that is no year, a value that is no number, a year
 * given twice, a year outside span, and any annual value of an indicator
 * whose frequency (freq; NULL when not known) is not annual.
 */
void config_annual_load(struct config_yaml *y, yaml_node_t *val,
    struct target_conf *t, const enum freq *freq,
    const struct annual_span *span);

#endif
