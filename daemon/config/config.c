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
 * The ids are indexed as they are read (config_ids.c).
 */
#include <stdlib.h>
#include <string.h>

#include "config_load.h"
#include "idindex.h"

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
	conf->wall_refresh = 60;
	conf->dashboard_refresh = 300;
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
	config_i18n_resolve(&ld);
	config_plans_resolve(&ld);
	config_judgement_apply(ld.conf);
	config_ids_scopes(ld.conf);
	config_ref_clear(&ld);
	config_i18n_clear(&ld);
	if (errors->n > before) {
		config_errors_sort(errors, before);
		config_free(ld.conf);
		ld.conf = NULL;
	}
	config_errors_clear(&mine);
	return ld.conf;
}
