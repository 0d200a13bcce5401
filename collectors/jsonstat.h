/*
 * jsonstat: JSON-stat 2.0 datasets (the "json-stat" format), as published
 * by Eurostat, Statistics Norway, PxWeb servers and many others.  A
 * dataset is a cube: "id" lists its dimensions, "size" their sizes, and
 * "value" holds the cells in row-major order (the last dimension varies
 * fastest), as an array or as a sparse object keyed by cell index.  The
 * selector's series fixes every dimension but time to a category id:
 *
 *	series: {geo: CN, indicator: GDP}
 *
 * A dimension of size 1 may be left out.  The time dimension is the one
 * role.time lists; without role.time, the one called "time", "TIME",
 * "TIME_PERIOD", "year" or "date" (exactly one of them).  Its category ids
 * are the periods ("2021", "2021-Q3", "2021-07"; also PxWeb's "2021M07").
 * A null or absent value, or a status of ".." or ":", is not published and
 * skipped.  Collections and 1.x bundles are refused: point the URL at one
 * dataset.
 *
 * Pure code over (buf, len): no I/O, so it is fuzzable and testable alone.
 */
#ifndef PLANWATCH_JSONSTAT_H
#define PLANWATCH_JSONSTAT_H

#include "feed.h"

/* The format's entry for the table of collectors/feed.c. */
extern const struct feed_format jsonstat_format;

#endif
