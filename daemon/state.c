/*
 * state: the one helper the runtime records have (state.h).
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
