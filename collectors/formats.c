/*
 * formats: the table of feed formats, which parser reads which format.
 * Adding a format is one line here and one file beside this one.
 *
 * What each format reads of the selector:
 *   json       observations, period, value, year (JSON Pointers)
 *   csv        period, value, year (column names or numbers), delimiter,
 *              thousands
 *   sdmx-csv   series (the separator comes from the header)
 *   sdmx-json  series
 *   json-stat  series
 *   worldbank  series (country, indicator); paged
 *   nbs        series (every dimension but sj)
 *
 * It is a module of its own, apart from feed.c, because every format
 * uses feed.c: the table sits above the formats, feed.c below them.
 */
#include <stdio.h>
#include <string.h>

#include "csv_feed.h"
#include "formats.h"
#include "json_feed.h"
#include "jsonstat.h"
#include "nbs.h"
#include "sdmx_csv.h"
#include "sdmx_json.h"
#include "worldbank.h"

static const struct feed_format *const formats[] = {
    &json_feed_format,
    &csv_feed_format,
    &sdmx_csv_format,
    &sdmx_json_format,
    &jsonstat_format,
    &worldbank_format,
    &nbs_format,
};

const struct feed_format *
formats_find(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const char *
formats_name(size_t i)
{
	return i < sizeof(formats) / sizeof(formats[0]) ? formats[i]->name
							: NULL;
}

const char *
formats_names(void)
{
	static char names[256];

	if (names[0] == '\0') {
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]);
		     i++) {
			if (i > 0)
				strncat(names, ", ",
				    sizeof(names) - strlen(names) - 1);
			strncat(names, formats[i]->name,
			    sizeof(names) - strlen(names) - 1);
		}
	}
	return names;
}
