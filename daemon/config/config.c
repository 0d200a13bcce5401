/*
 * config: loads planwatch's YAML configuration into the structures of
 * config.h, and finds its collectors and indicators by id.  The main file
 * holds the global settings; "include" globs name further files that
 * hold only collectors, indicators, routes and more includes.  Each
 * section is a table of keys and handlers (config_yaml.c walks the tables
 * and reports unknown, duplicate and missing keys; config_main.c and the
 * config_*.c of each section hold the tables and check values against the
 * schema).  Nothing stops at the first mistake: every error is appended
 * as "file:line:column: message" and loading goes on, so one run of
 * "planwatch check-config" shows them all.  Checks that span files run at
 * the end (config_ref.c): an indicator's collector, a growth target's
 * rate_indicator and the indicators a derived indicator computes from may
 * be defined in any file.
 *
 * The ids of collectors and indicators are entered in an index (uthash,
 * idindex.h) as they are read: repeats are found without comparing pairs,
 * which made loading 10,000 feeds quadratic (bench/fetch), and the index
 * stays in the configuration for every lookup by id afterwards.
 */
#include <stdlib.h>
#include <string.h>

#include "config_load.h"
#include "idindex.h"

long
config_id_add(struct idindex *ix, const char *id, size_t index)
{
	size_t first;
	int rc = idindex_put(ix, id, index);

	if (rc == -1)
		fatal("out of memory");
	if (rc == 0 || !idindex_get(ix, id, &first))
		return -1;
	return (long)first;
}

void
config_id_duplicate(struct config_yaml *y, yaml_node_t *map, const char *what,
    const char *id, const struct config_where *first)
{
	yaml_node_t *node = config_yaml_get(y, map, "id");

	config_yaml_error(y, node != NULL ? node : map,
	    "duplicate %s id '%s' (first defined at %s:%d:%d)", what, id,
	    first->file, first->line, first->column);
}

/* A configuration with every default, before any file is read. */
static struct config *
config_defaults(const char *path)
{
	struct config *conf;

	if ((conf = calloc(1, sizeof(*conf))) == NULL ||
	    (conf->collector_ids = idindex_new()) == NULL ||
	    (conf->indicator_ids = idindex_new()) == NULL)
		fatal("out of memory");
	conf->path = config_yaml_strdup(path);
	conf->log_level = LOG_LEVEL_INFO;
	conf->smtp.timeout = 30;
	conf->smtp.retry_initial = 60;
	conf->smtp.retry_max = 3600;
	conf->max_transfers = 32;
	conf->group_wait = 30;
	conf->stop_timeout = 10;
	conf->graphs = true;
	conf->listen = config_yaml_strdup("127.0.0.1:8470");
	conf->http_max_connections = 256;
	conf->http_header_timeout = 10;
	conf->max_per_host = 4;
	conf->alerts.for_count = 1;
	conf->alerts.repeat_interval = 7 * 86400;
	for (size_t i = 0; i < CONFIG_STATUS_MAX; i++)
		conf->alerts.severity[i] = -1;
	conf->alerts.overdue_severity = -1;
	conf->judgement.vocabulary = VOCABULARY_UNSD;
	conf->judgement.nearly_reach = 0.05;
	conf->judgement.nearly_growth = 0.5;
	conf->judgement.nearly_rule = 0;
	conf->revision_tolerance = 1e-9;
	conf->graph_width = 800;
	conf->graph_height = 300;
	return conf;
}

struct config *
config_load(const char *path, struct config_errors *errors)
{
	struct config_errors mine = {NULL, 0};
	struct loader ld;
	size_t before;

	if (errors == NULL)
		errors = &mine;
	before = errors->n;
	memset(&ld, 0, sizeof(ld));
	ld.errors = errors;
	ld.conf = config_defaults(path);
	config_file_load(&ld, path, NULL, NULL);
	config_ref_resolve(&ld);
	config_judgement_apply(ld.conf);
	config_ref_clear(&ld);
	if (errors->n > before) {
		config_errors_sort(errors, before);
		config_free(ld.conf);
		ld.conf = NULL;
	}
	config_errors_clear(&mine);
	return ld.conf;
}

bool
config_indicator_index(const struct config *conf, const char *id, size_t *i)
{
	return id != NULL && idindex_get(conf->indicator_ids, id, i);
}

bool
config_collector_index(const struct config *conf, const char *id, size_t *i)
{
	return id != NULL && idindex_get(conf->collector_ids, id, i);
}

const struct indicator_conf *
config_indicator(const struct config *conf, const char *id)
{
	size_t i;

	return config_indicator_index(conf, id, &i) ? &conf->indicators[i]
						    : NULL;
}
