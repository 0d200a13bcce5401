/*
 * config_free: frees a configuration, every string and array that
 * loading it allocated, and its id indexes.  What is freed here is what
 * config.h's structures own; a field added there is freed here.
 */
#include <stdlib.h>

#include "config_load.h"
#include "idindex.h"

static void
indicator_free(struct indicator_conf *ind)
{
	free(ind->id);
	free(ind->name);
	free(ind->unit);
	free(ind->group);
	free(ind->owner);
	free(ind->source);
	free(ind->definition);
	free(ind->method);
	free(ind->source_url);
	free(ind->plan_quote);
	for (int l = 0; l < LOCALE_COUNT; l++) {
		free(ind->words[l].name);
		free(ind->words[l].unit);
		free(ind->words[l].definition);
		free(ind->words[l].method);
	}
	free(ind->collector);
	free(ind->derived);
	free(ind->selector.observations);
	free(ind->selector.period);
	free(ind->selector.value);
	free(ind->selector.year);
	free(ind->selector.status);
	for (size_t i = 0; i < ind->selector.nseries; i++) {
		free(ind->selector.series[i].key);
		free(ind->selector.series[i].value);
	}
	free(ind->selector.series);
	for (size_t i = 0; i < ind->ntargets; i++) {
		free(ind->targets[i].id);
		free(ind->targets[i].rate_indicator);
		free(ind->targets[i].annual);
		free(ind->targets[i].plan_id);
		free(ind->targets[i].plan_where.file);
		free(ind->targets[i].where.file);
	}
	free(ind->targets);
	free(ind->where.file);
}

static void
aliases_free(struct config_alias *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].key);
		for (int l = 0; l < LOCALE_COUNT; l++)
			free(a[i].names[l]);
		free(a[i].where.file);
	}
	free(a);
}

static void
smtp_free(struct smtp_conf *m)
{
	free(m->url);
	free(m->from);
	free(m->from_name);
	free(m->username);
	free(m->password_file);
	free(m->password_env);
	free(m->secret_file);
	free(m->maildir);
	config_yaml_free_strings(m->exec, m->nexec);
}

void
config_free(struct config *conf)
{
	size_t i;

	if (conf == NULL)
		return;
	for (i = 0; i < conf->ncollectors; i++) {
		free(conf->collectors[i].id);
		free(conf->collectors[i].url);
		free(conf->collectors[i].format);
		free(conf->collectors[i].ca_file);
		free(conf->collectors[i].auth_file);
		free(conf->collectors[i].auth_env);
		free(conf->collectors[i].where.file);
	}
	free(conf->collectors);
	for (i = 0; i < conf->nindicators; i++)
		indicator_free(&conf->indicators[i]);
	free(conf->indicators);
	smtp_free(&conf->smtp);
	for (i = 0; i < conf->nroutes; i++) {
		config_yaml_free_strings(
		    conf->routes[i].to, conf->routes[i].nto);
		config_yaml_free_strings(
		    conf->routes[i].cc, conf->routes[i].ncc);
		config_yaml_free_strings(
		    conf->routes[i].owners, conf->routes[i].nowners);
		free(conf->routes[i].locale);
		free(conf->routes[i].where.file);
	}
	free(conf->routes);
	free(conf->path);
	free(conf->data_dir);
	free(conf->graph_dir);
	free(conf->state_dir);
	free(conf->locale);
	free(conf->plan_name);
	for (int l = 0; l < LOCALE_COUNT; l++)
		free(conf->plan_names[l]);
	config_plans_free(conf->plans, conf->nplans);
	aliases_free(conf->chapters, conf->nchapters);
	aliases_free(conf->bureaus, conf->nbureaus);
	free(conf->timezone);
	tz_free(conf->tz);
	free(conf->listen);
	free(conf->dashboard_url);
	free(conf->rrdcached);
	for (size_t k = 0; k < conf->nshards; k++) {
		free(conf->shards[k].name);
		free(conf->shards[k].address);
	}
	free(conf->shards);
	free(conf->instance);
	free(conf->user);
	free(conf->group);
	free(conf->admin_token_file);
	idindex_free(conf->collector_ids);
	idindex_free(conf->indicator_ids);
	idindex_free(conf->group_numbers);
	idindex_free(conf->owner_numbers);
	free(conf);
}
