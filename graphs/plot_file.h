/*
 * plot_file: a plot model as the bytes of a file: a PNG drawn at a scale
 * (2 for e-mail and high-density screens) or an SVG that carries the
 * chart's title and description for screen readers.  Into memory: the
 * caller writes the file (fsutil_write_atomic), never through a link.
 */
#ifndef PLANWATCH_PLOT_FILE_H
#define PLANWATCH_PLOT_FILE_H

#include "buf.h"
#include "plot.h"

/* The largest chart file kept in memory. */
#define PLOT_FILE_MAX (32u << 20)

/* p as a PNG of scale times its logical size into out (emptied first); 0,
 * or -1 with err. */
int plot_png(const struct plot *p, double scale, struct buf *out, char *err,
    size_t errlen);
/* p as an SVG with <title> and <desc> into out; 0, or -1 with err. */
int plot_svg(const struct plot *p, struct buf *out, char *err, size_t errlen);

#endif
