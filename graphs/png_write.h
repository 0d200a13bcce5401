/*
 * png_write: a cairo image surface encoded as PNG by libpng directly, with
 * the row filter and zlib level chosen.  cairo's own writer leaves libpng
 * at its defaults (every filter tried on every row, zlib level 6), which
 * made encoding 94 % of a 2x chart's cost (docs/performance.md, "Charts").
 */
#ifndef PLANWATCH_PNG_WRITE_H
#define PLANWATCH_PNG_WRITE_H

#include <cairo.h>

#include "buf.h"

/*
 * What charts use: no row filter, zlib level 3.  A chart is large flat
 * areas and thin lines; for the default 800x300 chart (1600x600
 * pixels) this is 4.6x faster than cairo's writer and 12 % smaller
 * (bench/charts).
 */
#define PNG_WRITE_FILTERS 0x08 /* PNG_FILTER_NONE */
#define PNG_WRITE_LEVEL 3

/*
 * s (CAIRO_FORMAT_RGB24, flushed) as an 8-bit RGB PNG into out (emptied
 * first); filters: libpng's PNG_FILTER_* mask; level: zlib's 0-9.  0, or
 * -1 (out of memory, or out's cap reached).
 */
int png_write_surface(
    cairo_surface_t *s, int filters, int level, struct buf *out);

#endif
