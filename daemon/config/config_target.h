/*
 * config_target: reads the "targets" of an indicator for the configuration
 * loader (config_indicator.c), with the helpers of config_yaml.h.
 */
#ifndef PLANWATCH_CONFIG_TARGET_H
#define PLANWATCH_CONFIG_TARGET_H

#include "config.h"
#include "config_yaml.h"

/*
 * Reads the target mapping node into a new last target of ind, reporting
 * every mistake; freq is the indicator's frequency, or NULL when it is not
 * known (then periods are not checked against it).  A target whose kind is
 * wrong is not added.  A rate_indicator is only checked as an id: the
 * caller resolves it (rate_indicator_index stays (size_t)-1 until then).
 * ids holds the ids of ind's targets read so far (idindex.h), to which
 * this one's is added: a repeated id is reported.
 */
void config_target_load(struct config_yaml *y, struct indicator_conf *ind,
    yaml_node_t *node, const enum freq *freq, struct idindex *ids);

#endif
