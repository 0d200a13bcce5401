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

#include "report.h"

/* WCAG 2.1 AA: the least contrast of normal text on its background. */
#define WALL_CONTRAST_AA 4.5

/*
 * Writes the wall screen of in; files: its links are the static
 * export's (index.html), else the server's (/).  0, or -1 when out of
 * memory or on a write error.
 */
int wall_page(const struct report_input *in, bool files, FILE *out);
/*
 * The contrast ratio (WCAG 2.1, 1 to 21) of two colours "#rrggbb"; 0 when
 * either is not such a colour.
 */
double wall_contrast(const char *a, const char *b);
/*
 * The colour of text on fill: white when it reaches WALL_CONTRAST_AA on
 * fill, else black.
 */
const char *wall_text_on(const char *fill);

#endif
