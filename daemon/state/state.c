/*
 * state: the helpers the runtime records have (state.h).
 */
#include <stdlib.h>
#include <string.h>

#include "state.h"

void
state_text_set(char **field, const char *value, size_t max)
{
	free(*field);
	*field =
	    value != NULL && *value != '\0' ? strndup(value, max - 1) : NULL;
}

void
state_runtime_clear(struct collector_runtime *rt)
{
	free(rt->etag);
	free(rt->last_modified);
	free(rt->last_error);
	*rt = (struct collector_runtime){0};
}
