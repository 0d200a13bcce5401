/*
 * export_feeds: each indicator's feed as the daemon last saved it, read
 * like any outside input (capped, every field checked), so that the
 * export's feed column says what the served page says.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "export_feeds.h"
#include "fsutil.h"
#include "log.h"
#include "statelog.h"

/* The saved state (statelog.h), parsed; NULL when absent or unreadable. */
static json_t *
state_read(const struct config *c)
{
	char path[4096], err[4200];
	json_t *doc;

	if (c->state_dir == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/collectors.json", c->state_dir);
	if (statelog_read(path, statelog_cap(c->ncollectors), &doc, err,
		sizeof(err)) != 0) {
		log_warn("export: %s", err);
		return NULL;
	}
	return doc;
}

int
export_feeds_load(const struct config *c, struct export_feeds *ef)
{
	ef->doc = state_read(c);
	ef->feeds = calloc(c->nindicators + 1, sizeof(*ef->feeds));
	if (ef->feeds == NULL)
		return -1;
	for (size_t i = 0; ef->doc != NULL && i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		json_t *s, *at, *why;

		if (ic->derived != NULL)
			continue;
		s = json_object_get(
		    ef->doc, c->collectors[ic->collector_index].id);
		at = json_object_get(s, "last_fetch");
		why = json_object_get(s, "last_error");
		if (json_is_integer(at) && json_integer_value(at) > 0)
			ef->feeds[i].last_fetch =
			    (time_t)json_integer_value(at);
		ef->feeds[i].error =
		    json_is_string(json_object_get(s, "status")) &&
		    strcmp(json_string_value(json_object_get(s, "status")),
			"error") == 0;
		if (ef->feeds[i].error && json_is_string(why) &&
		    *json_string_value(why) != '\0')
			ef->feeds[i].why = json_string_value(why);
	}
	return 0;
}

void
export_feeds_free(struct export_feeds *ef)
{
	free(ef->feeds);
	json_decref(ef->doc);
	ef->feeds = NULL;
	ef->doc = NULL;
}
