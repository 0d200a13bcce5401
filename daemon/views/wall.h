/*
 * wall: the monitoring room's screen (/wall, and wall.html in the static
 * export): the plan's name, period and as-of time; a chapter x status
 * matrix in the UN SDG progress chart's form; one tile per bureau; every
 * target, the worst first.  Laid out for one 1920x1080 screen read from
 * across a room, and reloaded by the browser every wall_refresh seconds
 * (a meta refresh: no script).  Pure: builds HTML from a report input.
 */
#ifndef PLANWATCH_WALL_H
#define PLANWATCH_WALL_H

#include <stdbool.h>
#include <stdio.h>

#include "html.h"
#include "report.h"

/*
 * Writes the wall screen of in; site->files: its links are the static
 * export's (index.html), else the server's (/), keeping site->lang; the
 * rest of site is not read.  0, or -1 when out of memory or on a write
 * error.
 */
int wall_page(
    const struct report_input *in, const struct html_site *site, FILE *out);
#endif
