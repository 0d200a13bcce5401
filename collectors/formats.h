/*
 * formats: the table of feed formats (formats.c): a format by its name in
 * the configuration, and the names for messages.
 */
#ifndef PLANWATCH_FORMATS_H
#define PLANWATCH_FORMATS_H

#include <stddef.h>

#include "feed.h"

/* The format called name, or NULL. */
const struct feed_format *formats_find(const char *name);
/* "json, csv, ..." for messages. */
const char *formats_names(void);
/* The name of format i of the table, or NULL past its end. */
const char *formats_name(size_t i);

#endif
