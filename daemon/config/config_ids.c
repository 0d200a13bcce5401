/*
 * config_ids: the ids of collectors, indicators and targets, entered in
 * an index (uthash, idindex.h) as they are read: repeats are found
 * without comparing pairs, which made loading 10,000 feeds quadratic
 * (bench/fetch), and the index stays in the configuration for every
 * lookup by id afterwards (reload, the web server, the commands).
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

/* name -> its number, from 1 in the order the names first appear. */
static struct idindex *
scope_numbers(const struct config *c, bool owner)
{
	struct idindex *ix = idindex_new();
	size_t n = 0, k;

	if (ix == NULL)
		fatal("out of memory");
	for (size_t i = 0; i < c->nindicators; i++) {
		const char *v =
		    owner ? c->indicators[i].owner : c->indicators[i].group;

		if (v != NULL && !idindex_get(ix, v, &k) &&
		    idindex_put(ix, v, ++n) != 0)
			fatal("out of memory");
	}
	return ix;
}

void
config_ids_scopes(struct config *c)
{
	c->group_numbers = scope_numbers(c, false);
	c->owner_numbers = scope_numbers(c, true);
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
