/*
 * nbs: the National Bureau of Statistics of China's data query answers
 * (the "nbs" format), as data.stats.gov.cn/easyquery.htm?m=QueryData
 * returns them: {"returncode": 200, "returndata": {"datanodes": [...],
 * "wdnodes": [...]}}.  Every data node is one value keyed by one code of
 * every dimension (wdcode): zb the indicator (指标), sj the time (时间),
 * and in regional databases reg the region (地区).  The selector's series
 * names every dimension but time:
 *
 *	series: {zb: A020101}
 *	series: {zb: A020101, reg: "350000"}
 *
 * Time codes are years (2021), quarters (2021A..2021D) and months
 * (202107).  A node whose hasdata is false is not published and skipped.
 * The value is strdata, the figure as published (the bureau's own tables
 * show it, rounded to dotcount decimals), or the number data when strdata
 * is empty: data can carry digits the bureau does not publish (CPI
 * 100.71505336, published as 100.7), and targets are judged on published
 * figures.
 *
 * Pure code over (buf, len): no I/O, so it is fuzzable and testable alone.
 */
#ifndef PLANWATCH_NBS_H
#define PLANWATCH_NBS_H

#include "feed.h"

/* The format's entry for the table of collectors/feed.c. */
extern const struct feed_format nbs_format;

#endif
