/*
 * sdmx_json: SDMX-JSON data messages (the "sdmx-json" format), as served by
 * the SDMX REST API with format=jsondata: version 1.0 (data.structure and
 * data.dataSets, or the top-level structure and dataSets of the drafts that
 * OECD.Stat and others still serve) and versions 2.x (data.structures and
 * data.dataSets[0].structure).  The selector's series names dimensions by
 * id and their codes by id:
 *
 *	series: {FREQ: A, REF_AREA: CN, INDICATOR: GDP}
 *
 * Every named dimension must match; the dimensions left out must leave
 * exactly one series.  The time dimension (TIME_PERIOD, or the one with the
 * role TIME_PERIOD or "time") gives the period.  A null value, or an
 * observation whose OBS_STATUS is M or L (missing), is not published and
 * skipped.  Time series, cross-sections and flat (AllDimensions) messages
 * are all read the same way: a series is one combination of codes of every
 * dimension but time.
 *
 * Pure code over (buf, len): no I/O, so it is fuzzable and testable alone.
 */
#ifndef PLANWATCH_SDMX_JSON_H
#define PLANWATCH_SDMX_JSON_H

#include "feed.h"

/* The format's entry for the table of collectors/feed.c. */
extern const struct feed_format sdmx_json_format;

#endif
